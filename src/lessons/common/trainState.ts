// What a training cell knows about its run, folded from the engine's event stream (TrainEvent) by a pure
// reducer, so the view is a function of the events (and testable without a worker). Also the loss smoothing
// fastai prints (a debiased moving average) and the chart series built from the state.
import type { PreviewItem } from "../../train/preview";
import type { Phase, PhaseData, TrainEvent, TrainState } from "../../train/protocol";
import type { SessionInfo } from "../../train/session";

/** "dead": the worker died (crash, out of memory, killed); the panel offers to restart from the last checkpoint */
export type RunPhase = "loading" | TrainState | "error" | "dead";

export interface BatchPoint {
  step: number;
  epoch: number;
  loss: number;
  parts: Record<string, number>;
  lrs: number[];
}

export interface EpochPoint {
  epoch: number;
  /** the step count when the epoch ended (so per-epoch points sit on the step axis) */
  step: number;
  trainLoss: number;
  valLoss: number;
  metrics: Record<string, number>;
}

export interface TrainViewState {
  phase: RunPhase;
  /** the busy action (play, step, lrfind, …) or null */
  busy: string | null;
  info: SessionInfo | null;
  backend: string | null;
  backendNote: string | null;
  cacheOn: boolean | null;
  cache: { done: number; total: number } | null;
  /** new training scenes drawn so far (before training starts) */
  drawing: { done: number; total: number } | null;
  batches: BatchPoint[];
  epochs: EpochPoint[];
  lrfind: { lrs: number[]; losses: number[]; done: boolean } | null;
  /** the narrated step: the latest data of each phase, and which phase came last */
  narration: { step: number; current: Phase; data: Partial<Record<Phase, PhaseData>> } | null;
  checkpoint: { epoch: number; step: number; bytes: number; reason: string; at: string } | null;
  /**
   * The engine's progress (steps taken, epochs completed): the one source of truth for "Step N · epoch E",
   * carried by status, batch, epoch and checkpoint events and set on resume.
   */
  progress: { step: number; epoch: number };
  diverged: { step: number; loss: number; message: string } | null;
  /** images of the dataset left out of training because they could not be decoded ("file: problem") */
  skipped: string[];
  /** why the worker died, while it is dead */
  dead: string | null;
  /** what the last restart did (resumed from which checkpoint, or from scratch) */
  restarted: string | null;
  errors: string[];
  preview: PreviewItem[] | null;
}

export function initialTrainState(): TrainViewState {
  return {
    phase: "loading",
    busy: null,
    info: null,
    backend: null,
    backendNote: null,
    cacheOn: null,
    cache: null,
    drawing: null,
    batches: [],
    epochs: [],
    lrfind: null,
    narration: null,
    checkpoint: null,
    progress: { step: 0, epoch: 0 },
    diverged: null,
    skipped: [],
    dead: null,
    restarted: null,
    errors: [],
    preview: null,
  };
}

/** Fold one engine event into the view state (returns a new object; the old one is untouched). */
export function reduceTrainEvent(s: TrainViewState, e: TrainEvent): TrainViewState {
  switch (e.type) {
    case "status":
      return {
        ...s,
        phase: e.state,
        backend: e.backend,
        cacheOn: e.cache,
        diverged: e.state === "running" ? null : s.diverged,
        progress:
          e.step !== undefined && e.epoch !== undefined ? { step: e.step, epoch: e.epoch } : s.progress,
      };
    case "cache":
      return { ...s, cache: { done: e.done, total: e.total } };
    case "draw":
      return { ...s, drawing: { done: e.done, total: e.total } };
    case "batch":
      return {
        ...s,
        batches: [...s.batches, { step: e.step, epoch: e.epoch, loss: e.loss, parts: e.parts, lrs: e.lrs }],
        progress: { step: e.step, epoch: e.epoch },
      };
    case "epoch": {
      const step = s.batches.length ? s.batches[s.batches.length - 1].step : 0;
      const point = { epoch: e.epoch, step, trainLoss: e.trainLoss, valLoss: e.valLoss, metrics: e.metrics };
      return {
        ...s,
        epochs: [...s.epochs.filter((p) => p.epoch !== e.epoch), point],
        progress: { step: s.progress.step, epoch: e.epoch + 1 },
      };
    }
    case "phase": {
      const { type: _t, step, ...data } = e;
      const same = s.narration && s.narration.step === step ? s.narration.data : {};
      return { ...s, narration: { step, current: data.phase, data: { ...same, [data.phase]: data } } };
    }
    case "checkpoint":
      return {
        ...s,
        checkpoint: {
          epoch: e.epoch,
          step: e.step,
          bytes: e.bytes,
          reason: e.reason,
          at: new Date().toLocaleTimeString(),
        },
        progress: { step: e.step, epoch: e.epoch },
      };
    case "diverged":
      return { ...s, phase: "diverged", diverged: { step: e.step, loss: e.loss, message: e.message } };
    case "lrfind":
      return { ...s, lrfind: { lrs: e.lrs, losses: e.losses, done: e.done } };
    case "backend":
      return {
        ...s,
        backend: e.name,
        backendNote: e.from
          ? `${e.from} was not available${e.reason ? ` (${e.reason})` : ""}`
          : s.backendNote,
      };
    case "error":
      if (e.code === "worker-dead") return { ...s, phase: "dead", dead: e.message, busy: null };
      return { ...s, errors: [...s.errors, e.message] };
  }
}

/** fastai's smoothed loss: an exponential moving average (β = 0.98 by default), debiased for the first steps. */
export function smoothed(values: readonly number[], beta = 0.98): number[] {
  let avg = 0;
  return values.map((v, i) => {
    avg = beta * avg + (1 - beta) * v;
    return avg / (1 - beta ** (i + 1));
  });
}

/** Per-batch points of one value: the loss (smoothed or raw) or one of its parts, against the step. */
export function batchSeries(
  batches: readonly BatchPoint[],
  part?: string,
  beta?: number,
): [number, number][] {
  const ys = batches.map((b) => (part ? (b.parts[part] ?? Number.NaN) : b.loss));
  const zs = beta === undefined ? ys : smoothed(ys, beta);
  return batches.map((b, i) => [b.step, zs[i]]);
}

/** Per-epoch points of a metric (or "valLoss"/"trainLoss"), at the step where the epoch ended. */
export function epochSeries(epochs: readonly EpochPoint[], key: string): [number, number][] {
  return epochs
    .map((p): [number, number] => [
      p.step,
      key === "valLoss" ? p.valLoss : key === "trainLoss" ? p.trainLoss : (p.metrics[key] ?? Number.NaN),
    ])
    .filter(([, y]) => Number.isFinite(y));
}
