// The trained SSD on the page, for the prediction cells: the frozen CenterNet backbone (loaded once per page)
// plus a head rebuilt from a checkpoint — the user's own (IndexedDB) if there is one, else the shipped one.
// Images go in as RGBA pixels (any size; squashed to 224 as the lesson does) and come out as decoded boxes
// and per-class scores, read with `await array()` (sync reads return zeros on WebGPU).
import * as tf from "@tensorflow/tfjs-core";
import type { RgbaImage } from "../../data/types";
import type { Backbone } from "../../model/backbone";
import { buildHead, type Head, type HeadKind } from "../../model/heads";
import { evalCtx } from "../../model/layers";
import { loadBackbone } from "../../model/load";
import { ssdDecodeAsync } from "../../model/predict";
import { type AnchorTensors, anchorTensors, disposeAnchorTensors } from "../../ssd/anchors";
import { type Checkpoint, checkpointFromBytes, idbStore, restoreCheckpoint } from "../../train/checkpoint";
import { squash } from "../../train/examples";
import { shippedCheckpointUrl, ssdCheckpointKey } from "./checkpoints";

/** Where the weights came from (shown in the cells: predictions of the shipped checkpoint are labelled so). */
export interface ModelSource {
  kind: "user" | "shipped";
  /** IndexedDB key of a user checkpoint */
  key?: string;
  head: HeadKind;
  width: number;
  epoch: number;
  step: number;
  savedAt: string;
  /** validation mAP@0.5 measured when the shipped checkpoint was made (its header says), if known */
  valMap?: number;
}

export interface InferenceModel {
  /** changes whenever the weights change (a new checkpoint): caches of predictions key on it */
  id: string;
  backbone: Backbone;
  head: Head;
  anchors: AnchorTensors;
  source: ModelSource;
}

/** One image's raw predictions: decoded boxes [A][4] ([r0, c0, r1, c1] fractions) and sigmoid scores [A][C+1]. */
export interface RawPrediction {
  boxes: number[][];
  scores: number[][];
}

let backboneP: Promise<Backbone> | null = null;

/** The page's backbone, loaded on first use and kept (it is the same for every checkpoint). */
export function getBackbone(base?: string): Promise<Backbone> {
  if (!backboneP) {
    backboneP = loadBackbone({ kind: "centernet" }, base);
    backboneP.catch(() => {
      backboneP = null;
    });
  }
  return backboneP;
}

const SSD_HEADS: HeadKind[] = ["ssdMulti", "ssd4"];

/** Which user checkpoint to look for: the train-ssd cell's for this dataset (its quick-run one in quick runs). */
export interface UserCheckpointQuery {
  datasetName: string;
  quick: boolean;
}

/** The user's latest SSD checkpoint, or null (IndexedDB may be unavailable: then there is none). */
async function userCheckpoint(
  q: UserCheckpointQuery | null,
): Promise<{ key: string; ckpt: Checkpoint } | null> {
  if (!q) return null;
  const key = ssdCheckpointKey(q.datasetName, q.quick);
  try {
    const ckpt = await idbStore.get(key);
    return ckpt && SSD_HEADS.includes(ckpt.header.model.head as HeadKind) ? { key, ckpt } : null;
  } catch {
    return null;
  }
}

async function shippedCheckpoint(base?: string): Promise<Checkpoint> {
  const url = shippedCheckpointUrl(base);
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: ${res.status} ${res.statusText} (the shipped checkpoint is missing)`);
  return checkpointFromBytes(new Uint8Array(await res.arrayBuffer()), url);
}

/** Hidden width of a head from its checkpoint: the output channels of its first conv. */
export function headWidthOf(ckpt: Checkpoint): number {
  const w = ckpt.header.model.headWidth;
  if (typeof w === "number") return w;
  const first = ckpt.header.params.find((p) => p.name === "sconv0/conv/kernel");
  if (!first) throw new Error("checkpoint has no sconv0/conv/kernel: not an SSD head");
  return first.shape[3];
}

/** Build the head a checkpoint describes and put its weights in (no optimizer state). */
export async function headFromCheckpoint(ckpt: Checkpoint, backbone: Backbone): Promise<Head> {
  const kind = ckpt.header.model.head as HeadKind;
  if (!SSD_HEADS.includes(kind)) throw new Error(`checkpoint is for a "${kind}" head, not an SSD head`);
  const numClasses = Number(ckpt.header.model.numClasses ?? 20);
  const head = buildHead(kind, { inputShape: backbone.featureShape, numClasses, width: headWidthOf(ckpt) });
  try {
    await restoreCheckpoint(ckpt, head.store.params, null, {
      head: kind,
      backbone: backbone.name,
      featureShape: backbone.featureShape,
      numClasses,
    });
  } catch (e) {
    head.dispose();
    throw e;
  }
  return head;
}

let current: InferenceModel | null = null;
let pending: Promise<InferenceModel> | null = null;

/** The model to predict with: the user's newest checkpoint, else the shipped one (reloaded only when it changed). */
export function loadInferenceModel(
  query: UserCheckpointQuery | null = null,
  /** the page's URL, for a worker (models/ resolves against it) */
  base?: string,
): Promise<InferenceModel> {
  if (!pending) {
    pending = (async () => {
      const backbone = await getBackbone(base);
      const user = await userCheckpoint(query);
      const ckpt = user?.ckpt ?? (await shippedCheckpoint(base));
      const h = ckpt.header;
      const id = `${user ? `user:${user.key}` : "shipped"}:${h.savedAt}:${h.progress.step}`;
      if (current?.id === id) return current;
      const head = await headFromCheckpoint(ckpt, backbone);
      if (!head.anchors) throw new Error(`head "${head.kind}" has no anchors`);
      const old = current;
      current = {
        id,
        backbone,
        head,
        anchors: anchorTensors(head.anchors),
        source: {
          kind: user ? "user" : "shipped",
          key: user?.key,
          head: head.kind,
          width: headWidthOf(ckpt),
          epoch: h.progress.epoch,
          step: h.progress.step,
          savedAt: h.savedAt,
          valMap: typeof h.model.valMap === "number" ? h.model.valMap : undefined,
        },
      };
      if (old) {
        old.head.dispose();
        disposeAnchorTensors(old.anchors);
      }
      return current;
    })().finally(() => {
      pending = null;
    });
  }
  return pending;
}

/** Backbone → head (eval mode) → actn_to_bb and sigmoid, for a few images at once. */
export async function predictRaw(model: InferenceModel, images: RgbaImage[]): Promise<RawPrediction[]> {
  if (images.length === 0) return [];
  const s = model.backbone.inputSize;
  const out = tf.tidy(() => {
    const batch = tf.stack(images.map((im) => squash(im, s))) as tf.Tensor4D;
    const o = model.head.apply(model.backbone.features(batch), evalCtx());
    if (o.kind !== "ssd") throw new Error(`head "${model.head.kind}" does not predict boxes`);
    return [o.cls, o.bb] as const;
  });
  try {
    const { boxes, scores } = await ssdDecodeAsync(out[0], out[1], model.anchors);
    return boxes.map((b, i) => ({ boxes: b, scores: scores[i] }));
  } finally {
    tf.dispose([out[0], out[1]]);
  }
}

const rawCache = new Map<string, RawPrediction>();
const KEEP = 400;

/** predictRaw with a cache keyed by model and image id (sliders re-run only the cheap thresholding and NMS). */
export async function cachedPredictions(
  model: InferenceModel,
  items: { id: string; load(): Promise<RgbaImage> }[],
  batchSize = 8,
  onProgress?: (done: number, total: number) => void,
  signal?: AbortSignal,
): Promise<RawPrediction[]> {
  const key = (id: string) => `${model.id}|${id}`;
  const out: (RawPrediction | undefined)[] = items.map((it) => rawCache.get(key(it.id)));
  const todo = items.map((_, i) => i).filter((i) => !out[i]);
  let done = items.length - todo.length;
  onProgress?.(done, items.length);
  for (let i = 0; i < todo.length; i += batchSize) {
    if (signal?.aborted) throw new DOMException("aborted", "AbortError");
    const idx = todo.slice(i, i + batchSize);
    const images = await Promise.all(idx.map((j) => items[j].load()));
    const raw = await predictRaw(model, images);
    idx.forEach((j, k) => {
      out[j] = raw[k];
      rawCache.set(key(items[j].id), raw[k]);
    });
    while (rawCache.size > KEEP) rawCache.delete(rawCache.keys().next().value as string);
    done += idx.length;
    onProgress?.(done, items.length);
  }
  return out as RawPrediction[];
}
