// The page's side of training: createTrainer() starts the worker and returns a small typed client
// (start / pause / step / stop / onEvent …). On WebGPU device loss it restarts the worker on the next
// backend and resumes from the last checkpoint.
import * as Comlink from "comlink";
import { idbStore } from "./checkpoint";
import { TRAIN_BACKENDS, type TrainEvent, type WorkerInit } from "./protocol";
import type { SessionInfo } from "./session";
import type { WorkerApi } from "./worker";

export interface TrainerClient {
  /** resolves once the worker has its backend, data and model (with the model summary) */
  ready: Promise<SessionInfo>;
  info(): SessionInfo | null;
  /** play: resolves when training stops (paused, stopped, done, diverged) */
  start(): Promise<void>;
  pause(): Promise<void>;
  /** step one batch */
  step(): Promise<void>;
  stop(): Promise<void>;
  freezeTo(n: number): Promise<void>;
  lrFind(start?: number, end?: number, steps?: number): Promise<{ lrs: number[]; losses: number[] }>;
  onEvent(cb: (e: TrainEvent) => void): () => void;
  /** the current weights + optimizer state + progress as a downloadable file */
  exportCheckpoint(): Promise<Blob>;
  importCheckpoint(file: Blob, name?: string): Promise<{ epoch: number; step: number }>;
  /** direct access for tests and benchmarks */
  remote(): Comlink.Remote<WorkerApi>;
  dispose(): void;
}

export interface CreateTrainerOptions {
  /** base URL for data and models (the page's URL by default) */
  base?: string;
  /** makes the worker (tests may substitute one) */
  workerFactory?: () => Worker;
}

function defaultWorker(): Worker {
  return new Worker(new URL("./worker.ts", import.meta.url), { type: "module" });
}

export function createTrainer(init: WorkerInit, opts: CreateTrainerOptions = {}): TrainerClient {
  const base = opts.base ?? globalThis.location.href;
  const make = opts.workerFactory ?? defaultWorker;
  const listeners = new Set<(e: TrainEvent) => void>();
  let current = init;
  let worker = make();
  let remote = Comlink.wrap<WorkerApi>(worker);
  let info: SessionInfo | null = null;
  let running = false;
  let recovering: Promise<unknown> | null = null;

  const dispatch = (e: TrainEvent) => {
    for (const cb of listeners) cb(e);
    if (e.type === "error" && e.code === "device-lost" && !recovering) recovering = recover(e.message);
  };

  const open = async (): Promise<SessionInfo> => {
    info = await remote.init(current, base, Comlink.proxy(dispatch));
    return info;
  };

  /** Device lost: a fresh worker on the remaining backends, resuming from the last saved checkpoint. */
  const recover = async (why: string) => {
    const wasRunning = running;
    const from = info?.backend ?? "webgpu";
    worker.terminate();
    const backends = (current.backends ?? TRAIN_BACKENDS).filter((b) => b !== from);
    current = { ...current, backends, resumeKey: current.config.checkpointKey ?? null };
    worker = make();
    remote = Comlink.wrap<WorkerApi>(worker);
    try {
      await open();
      for (const cb of listeners) cb({ type: "backend", name: info?.backend ?? "?", from, reason: why });
      if (wasRunning) void client.start();
    } finally {
      recovering = null;
    }
  };

  const ready = open();

  const client: TrainerClient = {
    ready,
    info: () => info,
    async start() {
      await ready;
      running = true;
      try {
        await remote.play();
      } finally {
        running = false;
      }
    },
    async pause() {
      await remote.pause();
    },
    async step() {
      await ready;
      await remote.step();
    },
    async stop() {
      await remote.stop();
    },
    async freezeTo(n) {
      await remote.freezeTo(n);
    },
    async lrFind(start, end, steps) {
      await ready;
      return remote.lrFind(start, end, steps);
    },
    onEvent(cb) {
      listeners.add(cb);
      return () => listeners.delete(cb);
    },
    async exportCheckpoint() {
      const bytes = await remote.exportCheckpoint();
      return new Blob([bytes as Uint8Array<ArrayBuffer>], { type: "application/octet-stream" });
    },
    async importCheckpoint(file, name = "checkpoint") {
      const bytes = new Uint8Array(await file.arrayBuffer());
      return remote.importCheckpoint(Comlink.transfer(bytes, [bytes.buffer]), name);
    },
    remote: () => remote,
    dispose() {
      void remote.dispose().catch(() => {});
      worker.terminate();
      listeners.clear();
    },
  };
  return client;
}

/** A checkpoint saved under `key` (a page refresh offers to resume from it), or null. */
export async function savedCheckpointInfo(
  key: string,
): Promise<{ epoch: number; step: number; savedAt: string } | null> {
  const c = await idbStore.get(key);
  return c
    ? { epoch: c.header.progress.epoch, step: c.header.progress.step, savedAt: c.header.savedAt }
    : null;
}

/** Forget a saved checkpoint (start over). */
export function clearSavedCheckpoint(key: string): Promise<void> {
  return idbStore.del(key);
}
