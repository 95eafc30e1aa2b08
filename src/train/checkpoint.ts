// Checkpoints: weights + Adam state + progress, as one binary (a JSON header, then tfjs's weight encoding).
// Saved to IndexedDB (idb-keyval) after each epoch and on pause, downloadable as a file, and loadable back.
import * as tf from "@tensorflow/tfjs-core";
import { del, get, set } from "idb-keyval";
import type { Param } from "../model/layers";
import type { GroupedAdam, NamedTensor } from "./optimizer";

export const CHECKPOINT_VERSION = 1;
const MAGIC = "SSDCKPT1";

export interface Progress {
  epoch: number;
  step: number;
  /** per-epoch history for the charts */
  history: { epoch: number; trainLoss: number; valLoss: number; metrics: Record<string, number> }[];
}

export interface CheckpointHeader {
  version: number;
  /** what the weights belong to: head kind, backbone name, feature shape, classes… (checked on load) */
  model: Record<string, unknown>;
  progress: Progress;
  params: tf.io.WeightsManifestEntry[];
  optimizer: { group: number; specs: tf.io.WeightsManifestEntry[] }[];
  savedAt: string;
}

export interface Checkpoint {
  header: CheckpointHeader;
  /** params' bytes, then each optimizer group's bytes, in header order */
  data: ArrayBuffer;
}

/** Snapshot the weights (by stable key) and, if given, the optimizer's moments. */
export async function makeCheckpoint(
  params: Param[],
  optimizer: GroupedAdam | null,
  progress: Progress,
  model: Record<string, unknown>,
): Promise<Checkpoint> {
  const named: tf.NamedTensorMap = {};
  for (const p of params) named[p.key] = p.variable;
  const encoded = await tf.io.encodeWeights(named);
  const parts: ArrayBuffer[] = [encoded.data];
  const optimizer_: CheckpointHeader["optimizer"] = [];
  for (const s of optimizer ? await optimizer.getState() : []) {
    const e = await tf.io.encodeWeights(s.weights);
    // getWeights makes a fresh "iter" scalar; the moments are the optimizer's own variables
    tf.dispose(s.weights.filter((w) => w.name === "iter").map((w) => w.tensor));
    optimizer_.push({ group: s.group, specs: e.specs });
    parts.push(e.data);
  }
  return {
    header: {
      version: CHECKPOINT_VERSION,
      model,
      progress: structuredClone(progress),
      params: encoded.specs,
      optimizer: optimizer_,
      savedAt: new Date().toISOString(),
    },
    data: concat(parts),
  };
}

function concat(parts: ArrayBuffer[]): ArrayBuffer {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let off = 0;
  for (const p of parts) {
    out.set(new Uint8Array(p), off);
    off += p.byteLength;
  }
  return out.buffer;
}

function bytesOf(specs: tf.io.WeightsManifestEntry[]): number {
  return specs.reduce((n, s) => n + s.shape.reduce((a, b) => a * b, 1) * (s.dtype === "bool" ? 1 : 4), 0);
}

/**
 * Put a checkpoint's weights back into `params` (matched by key and shape) and its Adam state into `optimizer`.
 * Throws a message naming the first mismatch; `model` fields must agree (a 4×4 head cannot load a multi-head).
 */
export async function restoreCheckpoint(
  ckpt: Checkpoint,
  params: Param[],
  optimizer: GroupedAdam | null,
  model: Record<string, unknown>,
): Promise<Progress> {
  const h = ckpt.header;
  if (h.version !== CHECKPOINT_VERSION)
    throw new Error(`checkpoint version ${h.version}; this app reads ${CHECKPOINT_VERSION}`);
  for (const [k, v] of Object.entries(model)) {
    if (JSON.stringify(h.model[k]) !== JSON.stringify(v)) {
      throw new Error(
        `checkpoint is for ${k} = ${JSON.stringify(h.model[k])}, this model has ${JSON.stringify(v)}`,
      );
    }
  }
  const paramBytes = bytesOf(h.params);
  const weights = tf.io.decodeWeights(ckpt.data.slice(0, paramBytes), h.params);
  try {
    for (const p of params) {
      const w = weights[p.key];
      if (!w) throw new Error(`checkpoint has no weight "${p.key}"`);
      if (w.shape.join() !== p.variable.shape.join()) {
        throw new Error(`checkpoint weight "${p.key}" is [${w.shape}], the model's is [${p.variable.shape}]`);
      }
    }
    for (const p of params) p.variable.assign(weights[p.key]);
  } finally {
    tf.dispose(Object.values(weights));
  }
  if (optimizer) {
    let off = paramBytes;
    const state: { group: number; weights: NamedTensor[] }[] = [];
    for (const g of h.optimizer) {
      const n = bytesOf(g.specs);
      const decoded = tf.io.decodeWeights(ckpt.data.slice(off, off + n), g.specs);
      off += n;
      state.push({
        group: g.group,
        weights: g.specs.map((s) => ({ name: s.name, tensor: decoded[s.name] })),
      });
    }
    await optimizer.setState(state);
    for (const s of state) tf.dispose(s.weights.map((w) => w.tensor));
  }
  return structuredClone(h.progress);
}

/** One file: magic, header length (uint32 LE), JSON header, weight bytes. */
export function checkpointToBytes(ckpt: Checkpoint): Uint8Array {
  const header = new TextEncoder().encode(JSON.stringify(ckpt.header));
  const out = new Uint8Array(8 + 4 + header.length + ckpt.data.byteLength);
  out.set(new TextEncoder().encode(MAGIC), 0);
  new DataView(out.buffer).setUint32(8, header.length, true);
  out.set(header, 12);
  out.set(new Uint8Array(ckpt.data), 12 + header.length);
  return out;
}

export function checkpointFromBytes(bytes: Uint8Array, file = "checkpoint"): Checkpoint {
  if (bytes.length < 12 || new TextDecoder().decode(bytes.subarray(0, 8)) !== MAGIC) {
    throw new Error(`${file}: not an SSD Notebook checkpoint (bad magic)`);
  }
  const n = new DataView(bytes.buffer, bytes.byteOffset).getUint32(8, true);
  if (12 + n > bytes.length) throw new Error(`${file}: truncated checkpoint header`);
  let header: CheckpointHeader;
  try {
    header = JSON.parse(new TextDecoder().decode(bytes.subarray(12, 12 + n)));
  } catch (e) {
    throw new Error(`${file}: unreadable checkpoint header (${String(e)})`);
  }
  const data = bytes.slice(12 + n).buffer;
  const need = bytesOf(header.params) + header.optimizer.reduce((s, g) => s + bytesOf(g.specs), 0);
  if (data.byteLength !== need)
    throw new Error(`${file}: checkpoint has ${data.byteLength} weight bytes, expected ${need}`);
  return { header, data };
}

/**
 * Where checkpoints live; IndexedDB in the browser and the worker, a Map in tests. `set` never loses a
 * further-trained checkpoint: when the one already under the key has taken more steps than the new one (a run
 * started over, or Play pressed while the resume offer showed), it moves to the key's short history first.
 */
export interface CheckpointStore {
  get(key: string): Promise<Checkpoint | undefined>;
  set(key: string, ckpt: Checkpoint): Promise<void>;
  del(key: string): Promise<void>;
  /** the checkpoint under `key`, then the earlier ones kept for it (newest first) */
  list(key: string): Promise<Checkpoint[]>;
}

/** How many further-trained checkpoints a key keeps when runs with less progress save over them. */
export const KEEP_EARLIER = 3;
/** Where the i-th kept checkpoint of a key lives (0 = the most recently displaced). */
export const earlierKey = (key: string, i: number) => `${key}#earlier${i}`;

interface RawStore {
  get(key: string): Promise<Checkpoint | undefined>;
  set(key: string, ckpt: Checkpoint): Promise<void>;
  del(key: string): Promise<void>;
}

/** Same progress and the same bytes (a pause right after an epoch's save): nothing to keep twice. */
function sameWeights(a: Checkpoint, b: Checkpoint): boolean {
  if (a.header.progress.step !== b.header.progress.step || a.data.byteLength !== b.data.byteLength)
    return false;
  const n = a.data.byteLength;
  const x = n % 4 === 0 ? new Uint32Array(a.data) : new Uint8Array(a.data);
  const y = n % 4 === 0 ? new Uint32Array(b.data) : new Uint8Array(b.data);
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
  return true;
}

function keeping(raw: RawStore): CheckpointStore {
  const earlier = async (key: string) => {
    const all = await Promise.all(
      Array.from({ length: KEEP_EARLIER }, (_, i) => raw.get(earlierKey(key, i))),
    );
    return all.filter((c): c is Checkpoint => c !== undefined);
  };
  return {
    get: raw.get,
    async set(key, ckpt) {
      const old = await raw.get(key);
      // equal progress counts too (a fresh run that reached the same step), unless it is the same weights
      if (old && old.header.progress.step >= ckpt.header.progress.step && !sameWeights(old, ckpt)) {
        const kept = [old, ...(await earlier(key))].slice(0, KEEP_EARLIER);
        for (const [i, c] of kept.entries()) await raw.set(earlierKey(key, i), c);
      }
      await raw.set(key, ckpt);
    },
    async del(key) {
      await raw.del(key);
      for (let i = 0; i < KEEP_EARLIER; i++) await raw.del(earlierKey(key, i));
    },
    async list(key) {
      const main = await raw.get(key);
      return [...(main ? [main] : []), ...(await earlier(key))];
    },
  };
}

export const idbStore: CheckpointStore = keeping({
  get: (key) => get<Checkpoint>(`ckpt:${key}`),
  set: (key, ckpt) => set(`ckpt:${key}`, ckpt),
  del: (key) => del(`ckpt:${key}`),
});

export function memoryStore(): CheckpointStore & { map: Map<string, Checkpoint> } {
  const map = new Map<string, Checkpoint>();
  return {
    map,
    ...keeping({
      get: async (key) => map.get(key),
      set: async (key, ckpt) => {
        map.set(key, ckpt);
      },
      del: async (key) => {
        map.delete(key);
      },
    }),
  };
}
