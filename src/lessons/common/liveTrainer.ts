// The page's handle on one training run of a cell: starts the worker (src/train/client), folds its events
// into a TrainViewState that views subscribe to, refreshes the validation predictions after each epoch and
// each manual step, and turns failures into messages in the cell. dispose() terminates the worker.
import { useSyncExternalStore } from "react";
import { errorText } from "../../errors";
import { checkpointToBytes, idbStore } from "../../train/checkpoint";
import { createTrainer, findSavedCheckpoint, type TrainerClient } from "../../train/client";
import type { PreviewOptions } from "../../train/preview";
import type { WorkerInit } from "../../train/protocol";
import { notifyCheckpointSaved } from "./checkpoints";
import { initialTrainState, reduceTrainEvent, type TrainViewState } from "./trainState";

export interface LiveTrainerOptions {
  /** how many validation images to predict on after each epoch (0: none) */
  previewCount?: number;
  previewOptions?: PreviewOptions;
  /** predict once the model is built, before any training (skipped in quick test runs: a backbone pass) */
  previewOnReady?: boolean;
  /** images left out of training because they could not be decoded ("file: problem"), shown in the panel */
  skipped?: string[];
}

const STOPPED = new Set(["paused", "stopped", "done", "diverged"]);

export class LiveTrainer {
  private state: TrainViewState = initialTrainState();
  private readonly listeners = new Set<() => void>();
  private readonly client: TrainerClient;
  private disposed = false;
  private previewing: Promise<void> | null = null;
  private previewAgain = false;
  /** resolves once the worker has its backend, data and model (rejects with the reason otherwise) */
  readonly ready: Promise<void>;

  constructor(
    readonly init: WorkerInit,
    private readonly opts: LiveTrainerOptions = {},
  ) {
    this.state = { ...this.state, skipped: opts.skipped ?? [] };
    this.client = createTrainer(init);
    this.client.onEvent((e) => {
      this.set(reduceTrainEvent(this.state, e));
      if (e.type === "epoch") void this.refreshPreview();
      if (e.type === "checkpoint") notifyCheckpointSaved(e.key); // the predict/evaluate cells reload
    });
    this.ready = this.client.ready.then(
      async (info) => {
        this.set({
          ...this.state,
          info,
          phase: "idle",
          cacheOn: info.cache,
          backend: info.backend,
          progress: info.resumed ?? this.state.progress,
        });
        if (this.opts.previewOnReady !== false) await this.refreshPreview();
      },
      (e: unknown) => {
        this.set({ ...this.state, phase: "error", errors: [...this.state.errors, errorText(e)] });
        throw e;
      },
    );
  }

  getState = (): TrainViewState => this.state;

  subscribe = (l: () => void): (() => void) => {
    this.listeners.add(l);
    return () => {
      this.listeners.delete(l);
    };
  };

  private set(s: TrainViewState): void {
    if (this.disposed) return;
    this.state = s;
    for (const l of [...this.listeners]) l();
  }

  /** Run one client call with a busy label; a failure becomes a message in the cell. */
  private async act<T>(label: string, f: () => Promise<T>): Promise<T | undefined> {
    const before = this.state.phase;
    this.set({ ...this.state, busy: label });
    try {
      return await f();
    } catch (e) {
      // a dead worker is said once, in the panel's own note, not again for each call it broke
      if (!this.client.dead())
        this.set({ ...this.state, errors: [...this.state.errors, `${label}: ${errorText(e)}`] });
      return undefined;
    } finally {
      // a step or the LR finder may fill the feature cache first: the engine reports "caching" but no
      // status when it is over (only play reports its end), so go back to where we were
      const phase = this.state.phase === "caching" && label !== "play" ? before : this.state.phase;
      this.set({ ...this.state, busy: null, phase });
    }
  }

  /** Play: resolves when training stops (paused, stopped, done, diverged). */
  async play(): Promise<void> {
    await this.act("play", () => this.untilStopped());
    await this.refreshPreview();
  }

  /**
   * client.start(), but also done when the engine reports a stopped state: after a WebGPU device loss the
   * client restarts training in a fresh worker, and the first start() call never settles.
   */
  private untilStopped(): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      let started = false;
      const off = this.client.onEvent((e) => {
        if (e.type !== "status") return;
        if (e.state === "running") started = true;
        else if (started && STOPPED.has(e.state)) finish();
      });
      const finish = () => {
        off();
        resolve();
      };
      this.client.start().then(finish, (e: unknown) => {
        off();
        reject(e);
      });
    });
  }
  pause(): Promise<void> {
    return this.client.pause().catch((e) => this.fail("pause", e));
  }
  stop(): Promise<void> {
    return this.client.stop().catch((e) => this.fail("stop", e));
  }
  /** Step one batch, then show what the model predicts now. */
  async step(): Promise<void> {
    await this.act("step", () => this.client.step());
    await this.refreshPreview();
  }
  /** Narrate the phases of the steps that follow (the engine's slow mode). */
  narrate(on: boolean, delayMs?: number): Promise<void> {
    return this.client
      .remote()
      .setNarrate(on, delayMs)
      .catch((e) => this.fail("narrate", e));
  }
  async lrFind(start?: number, end?: number, steps?: number): Promise<void> {
    this.set({ ...this.state, lrfind: null });
    await this.act("lrfind", () => this.client.lrFind(start, end, steps));
  }
  exportCheckpoint(): Promise<Blob | undefined> {
    return this.act("download checkpoint", () => this.client.exportCheckpoint());
  }
  /** Load a checkpoint file (weights, Adam state, progress); the message names the file if it is refused. */
  async importCheckpoint(file: Blob, name: string): Promise<boolean> {
    const r = await this.act(`load ${name}`, () => this.client.importCheckpoint(file, name));
    if (r) {
      this.set({ ...this.state, progress: { step: r.step, epoch: r.epoch } });
      await this.refreshPreview();
    }
    return r !== undefined;
  }
  /**
   * Resume from a checkpoint saved in this browser under `key` (IndexedDB): the one saved at `savedAt`
   * (wherever in the key's history it is now), or the latest.
   */
  async resumeSaved(key: string, savedAt?: string): Promise<boolean> {
    const ckpt = savedAt ? await findSavedCheckpoint(key, savedAt) : await idbStore.get(key);
    if (!ckpt) return false;
    const bytes = checkpointToBytes(ckpt);
    return this.importCheckpoint(new Blob([bytes as Uint8Array<ArrayBuffer>]), "the saved checkpoint");
  }

  /**
   * After the worker died: a fresh worker, resuming from the checkpoint saved in this browser (after each epoch
   * and on pause), or from scratch when there is none. The charts keep what the dead worker reported.
   */
  async restart(): Promise<void> {
    this.set({ ...this.state, phase: "loading", busy: null });
    try {
      const info = await this.client.restart();
      const r = info.resumed;
      this.set({
        ...this.state,
        info,
        phase: "idle",
        dead: null,
        backend: info.backend,
        cacheOn: info.cache,
        progress: r ?? { step: 0, epoch: 0 },
        restarted: r
          ? `Restarted from the last checkpoint (epoch ${r.epoch}, step ${r.step}).`
          : "Restarted from scratch: no checkpoint had been saved yet.",
      });
      await this.refreshPreview();
    } catch (e) {
      this.set({ ...this.state, phase: "dead", dead: this.client.dead() ?? errorText(e) });
    }
  }

  private fail(label: string, e: unknown): void {
    if (this.client.dead()) return;
    this.set({ ...this.state, errors: [...this.state.errors, `${label}: ${errorText(e)}`] });
  }

  /** Ask the worker what the model predicts now for the first validation images (one request at a time). */
  refreshPreview(): Promise<void> {
    const n = this.opts.previewCount ?? 0;
    if (n <= 0 || this.disposed) return Promise.resolve();
    if (this.previewing) {
      this.previewAgain = true;
      return this.previewing;
    }
    this.previewing = (async () => {
      try {
        do {
          this.previewAgain = false;
          const preview = await this.client.remote().preview(n, this.opts.previewOptions);
          this.set({ ...this.state, preview });
        } while (this.previewAgain && !this.disposed);
      } catch (e) {
        if (!this.disposed) this.fail("predictions", e);
      } finally {
        this.previewing = null;
      }
    })();
    return this.previewing;
  }

  dispose(): void {
    this.disposed = true;
    this.listeners.clear();
    this.client.dispose();
  }
}

/** React: the trainer's current view state (re-renders on every event). */
export function useTrainState(t: LiveTrainer): TrainViewState {
  return useSyncExternalStore(t.subscribe, t.getState, t.getState);
}
