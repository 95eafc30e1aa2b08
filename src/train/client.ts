// The page's side of training: createTrainer() starts the worker and returns a small typed client
// (start / pause / step / stop / onEvent …). On WebGPU device loss it restarts the worker on the next
// backend and resumes from the last checkpoint. A worker that dies (a crash, out of memory, killed) is
// noticed — its error events, and a liveness ping it stops answering — and reported as a "worker-dead"
// error event; every pending call then rejects, the checkpoint saved in IndexedDB stays, and restart()
// starts a fresh worker from it.
import * as Comlink from "comlink";
import { TRAIN_ORDER } from "../compute/backends";
import { idbStore } from "./checkpoint";
import type { TrainEvent, WorkerInit } from "./protocol";
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
  /** why the worker died, or null while it lives */
  dead(): string | null;
  /** after a death: a fresh worker, resuming from the last checkpoint saved under the config's key */
  restart(): Promise<SessionInfo>;
  dispose(): void;
}

/** How often the page asks the worker whether it lives, and how long an answer may take. */
export interface Liveness {
  everyMs: number;
  /** longer than any single training step (16 s on WebGL without a GPU; minutes only on tfjs-cpu) */
  timeoutMs: number;
}
export const DEFAULT_LIVENESS: Liveness = { everyMs: 3000, timeoutMs: 90_000 };
/** On the last-resort tfjs-cpu backend a step never yields; a silence shorter than this is not death. */
const CPU_TIMEOUT_MS = 10 * 60_000;

export interface CreateTrainerOptions {
  /** base URL for data and models (the page's URL by default) */
  base?: string;
  /** makes the worker (tests may substitute one) */
  workerFactory?: () => Worker;
  liveness?: Liveness;
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
  const live = opts.liveness ?? DEFAULT_LIVENESS;
  let deadWhy: string | null = null;
  let disposed = false;
  /** rejects when the current worker dies: every call races it, so nothing waits forever on a dead worker */
  let death!: Promise<never>;
  let killDeath: (why: string) => void = () => {};
  let pinger: ReturnType<typeof setInterval> | null = null;

  const dispatch = (e: TrainEvent) => {
    for (const cb of listeners) cb(e);
    if (e.type === "error" && e.code === "device-lost" && !recovering) recovering = recover(e.message);
  };

  /** The worker died: say so once, stop pinging, let every pending call fail. Checkpoints in IndexedDB stay. */
  const died = (why: string) => {
    if (deadWhy !== null || disposed) return;
    deadWhy = why;
    if (pinger) clearInterval(pinger);
    pinger = null;
    worker.terminate();
    running = false;
    killDeath(why);
    for (const cb of listeners) cb({ type: "error", code: "worker-dead", message: why });
  };

  /** Watch one worker: its error events, and a ping it must answer within timeoutMs. */
  const watch = (w: Worker, r: Comlink.Remote<WorkerApi>): (() => void) => {
    death = new Promise<never>((_, reject) => {
      killDeath = (why) => reject(new Error(why));
    });
    death.catch(() => {}); // observed through the races below
    w.addEventListener("error", (ev) => {
      ev.preventDefault();
      const detail = ev.message ? `: ${ev.message}` : " (it may have run out of memory)";
      if (w === worker) died(`The training worker crashed${detail}.`);
    });
    w.addEventListener("messageerror", () => {
      if (w === worker) died("The training worker sent a message the page could not read, and was stopped.");
    });
    let waiting = false;
    let since = 0;
    if (pinger) clearInterval(pinger);
    pinger = null;
    return () => {
      // pinged once it is up: before Comlink is exposed (module loading, backend start) nothing answers
      if (w !== worker || deadWhy !== null || disposed) return;
      pinger = setInterval(() => {
        if (w !== worker || deadWhy !== null) return;
        if (waiting) {
          // tfjs-cpu computes a whole step without yielding (minutes for the SSD): give it longer
          // (unless the caller set its own limits)
          const limit = info?.backend === "cpu" && !opts.liveness ? CPU_TIMEOUT_MS : live.timeoutMs;
          if (performance.now() - since > limit)
            died(
              `The training worker stopped answering (nothing for ${Math.round(limit / 1000)} s): it has most likely crashed or run out of memory.`,
            );
          return;
        }
        waiting = true;
        since = performance.now();
        r.ping().then(
          () => {
            waiting = false;
          },
          () => {},
        );
      }, live.everyMs);
    };
  };

  /** a call to the worker that fails, rather than hangs, if the worker dies */
  const call = <T>(p: Promise<T>): Promise<T> => Promise.race([p, death]);

  let startPinging = watch(worker, remote);
  const open = async (): Promise<SessionInfo> => {
    info = await call(remote.init(current, base, Comlink.proxy(dispatch)));
    startPinging();
    return info;
  };

  /** Device lost: a fresh worker on the remaining backends, resuming from the last saved checkpoint. */
  const recover = async (why: string) => {
    const wasRunning = running;
    const from = info?.backend ?? "webgpu";
    worker.terminate();
    const backends = (current.backends ?? TRAIN_ORDER).filter((b) => b !== from);
    current = { ...current, backends, resumeKey: current.config.checkpointKey ?? null };
    worker = make();
    remote = Comlink.wrap<WorkerApi>(worker);
    startPinging = watch(worker, remote);
    try {
      await open();
      for (const cb of listeners) cb({ type: "backend", name: info?.backend ?? "?", from, reason: why });
      if (wasRunning) void client.start();
    } finally {
      recovering = null;
    }
  };

  let ready = open();

  const client: TrainerClient = {
    get ready() {
      return ready;
    },
    info: () => info,
    async start() {
      await ready;
      running = true;
      try {
        await call(remote.play());
      } finally {
        running = false;
      }
    },
    async pause() {
      await call(remote.pause());
    },
    async step() {
      await ready;
      await call(remote.step());
    },
    async stop() {
      await call(remote.stop());
    },
    async freezeTo(n) {
      await call(remote.freezeTo(n));
    },
    async lrFind(start, end, steps) {
      await ready;
      return call(remote.lrFind(start, end, steps));
    },
    dead: () => deadWhy,
    async restart() {
      if (deadWhy === null) throw new Error("the training worker is running: nothing to restart");
      worker.terminate();
      current = { ...current, resumeKey: current.config.checkpointKey ?? null };
      worker = make();
      remote = Comlink.wrap<WorkerApi>(worker);
      deadWhy = null;
      startPinging = watch(worker, remote);
      ready = open();
      return ready;
    },
    onEvent(cb) {
      listeners.add(cb);
      return () => listeners.delete(cb);
    },
    async exportCheckpoint() {
      const bytes = await call(remote.exportCheckpoint());
      return new Blob([bytes as Uint8Array<ArrayBuffer>], { type: "application/octet-stream" });
    },
    async importCheckpoint(file, name = "checkpoint") {
      const bytes = new Uint8Array(await file.arrayBuffer());
      return call(remote.importCheckpoint(Comlink.transfer(bytes, [bytes.buffer]), name));
    },
    remote: () => remote,
    dispose() {
      disposed = true;
      if (pinger) clearInterval(pinger);
      void remote.dispose().catch(() => {});
      worker.terminate();
      listeners.clear();
    },
  };
  return client;
}

/** What the resume offer shows of a saved checkpoint; `savedAt` identifies it. */
export interface SavedCheckpoint {
  epoch: number;
  step: number;
  savedAt: string;
}

/** The checkpoints saved under `key` (the latest save, then the further-trained ones it displaced). */
export async function savedCheckpoints(key: string): Promise<SavedCheckpoint[]> {
  return (await idbStore.list(key)).map((c) => ({
    epoch: c.header.progress.epoch,
    step: c.header.progress.step,
    savedAt: c.header.savedAt,
  }));
}

/** The saved checkpoint of `key` whose savedAt is `savedAt`, wherever in the key's history it is now. */
export async function findSavedCheckpoint(key: string, savedAt: string) {
  return (await idbStore.list(key)).find((c) => c.header.savedAt === savedAt);
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
