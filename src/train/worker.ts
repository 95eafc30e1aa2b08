// The training worker: owns tfjs, the data and the model, so the page stays responsive while it trains.
// Exposed with Comlink; events stream back through a proxied callback.

import * as tf from "@tensorflow/tfjs-core";
import * as Comlink from "comlink";
import { errorText } from "../errors";
import { checkpointFromBytes, checkpointToBytes } from "./checkpoint";
import { type PreviewItem, type PreviewOptions, previewPredictions } from "./preview";
import type { TrainEvent, WorkerInit } from "./protocol";
import { openSession, type Session, type SessionInfo } from "./session";

let session: Session | null = null;
let emit: (e: TrainEvent) => void = () => {};
let disposing = false;

function need(): Session {
  if (!session) throw new Error("trainer not initialised: call init() first");
  return session;
}

/** WebGPU device loss (driver reset, tab in the background too long…): tell the page, which restarts on another backend. */
function watchDevice(): void {
  if (tf.getBackend() !== "webgpu") return;
  const device = (tf.backend() as unknown as { device?: GPUDevice }).device;
  device?.lost.then((info) => {
    if (disposing) return;
    emit({
      type: "error",
      code: "device-lost",
      message: `WebGPU device lost (${info.reason}): ${info.message}`,
    });
  });
}

const api = {
  async init(init: WorkerInit, base: string, onEvent: (e: TrainEvent) => void): Promise<SessionInfo> {
    emit = onEvent;
    session?.dispose();
    session = await openSession(init, base, (e) => emit(e));
    watchDevice();
    return session.info;
  },
  async play(): Promise<void> {
    await need().trainer.play();
  },
  async pause(): Promise<void> {
    await need().trainer.pause();
  },
  async step(): Promise<void> {
    const t = need().trainer;
    try {
      await t.step();
    } catch (e) {
      emit({ type: "error", message: errorText(e), code: "internal" });
    }
  },
  async stop(): Promise<void> {
    await need().trainer.stop();
  },
  setNarrate(on: boolean, delayMs?: number): void {
    need().trainer.setNarrate(on, delayMs);
  },
  freezeTo(n: number): void {
    need().trainer.freezeTo(n);
  },
  async lrFind(start?: number, end?: number, steps?: number): Promise<{ lrs: number[]; losses: number[] }> {
    return need().trainer.lrFind(start, end, steps);
  },
  /** What the model predicts now for the first n validation images (training images if there are none). */
  async preview(n: number, opts?: PreviewOptions): Promise<PreviewItem[]> {
    const s = need();
    const pool = s.trainer.data.val.length > 0 ? s.trainer.data.val : s.trainer.data.train;
    const t = s.trainer;
    return previewPredictions(
      s.backbone,
      s.head,
      t.anchors,
      pool.slice(0, n),
      { scoring: t.scoring, ...opts },
      t.featureCache,
    );
  },
  async exportCheckpoint(): Promise<Uint8Array> {
    const bytes = checkpointToBytes(await need().trainer.saveCheckpoint("manual"));
    return Comlink.transfer(bytes, [bytes.buffer as ArrayBuffer]);
  },
  async importCheckpoint(bytes: Uint8Array, file = "checkpoint"): Promise<{ epoch: number; step: number }> {
    const t = need().trainer;
    await t.loadCheckpoint(checkpointFromBytes(bytes, file));
    return { epoch: t.progress.epoch, step: t.progress.step };
  },
  /** Test hook: destroy the WebGPU device, as a driver reset would. */
  loseDevice(): boolean {
    const device = (tf.backend() as unknown as { device?: GPUDevice }).device;
    device?.destroy();
    return !!device;
  },
  /** the page's liveness check: answered between steps while training */
  ping(): number {
    return Date.now();
  },
  memory(): { numTensors: number; backend: string } {
    return { numTensors: tf.memory().numTensors, backend: tf.getBackend() };
  },
  dispose(): void {
    disposing = true;
    session?.dispose();
    session = null;
  },
};

export type WorkerApi = typeof api;

Comlink.expose(api);
