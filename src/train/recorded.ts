// A recorded training run: what a training cell's run of its default settings looked like (its per-batch loss
// and the per-epoch validation loss and metrics), folded from the engine's event stream. `npm run record:runs`
// (scripts/record-runs.ts) trains each training cell's defaults in Node and writes them to
// public/models/runs.json; the cells show them before Run, and faintly beside the student's own run after.
import type { TrainConfig, TrainEvent } from "./protocol";

export const RUNS_FORMAT = "ssd-notebook-recorded-runs";
export const RUNS_VERSION = 1;
/** where the app serves the file (beside the shipped checkpoint) */
export const RUNS_FILE = "models/runs.json";

export interface RecordedBatch {
  step: number;
  loss: number;
  parts: Record<string, number>;
}

export interface RecordedEpoch {
  epoch: number;
  /** the step count when the epoch ended */
  step: number;
  trainLoss: number;
  valLoss: number;
  metrics: Record<string, number>;
}

export interface RecordedRun {
  /** the cell's id */
  cell: string;
  /** the TrainConfig the cell's defaults give (the same function the cell calls) */
  config: TrainConfig;
  backend: string;
  trainImages: number;
  valImages: number;
  epochs: number;
  steps: number;
  /** wall-clock seconds of training (after the feature cache was filled) on the recording machine */
  seconds: number;
  batches: RecordedBatch[];
  history: RecordedEpoch[];
}

export interface RecordedRunsFile {
  format: typeof RUNS_FORMAT;
  version: number;
  /** how the file was made, in words */
  made: string;
  recordedAt: string;
  /** the data every run trained and validated on */
  data: string;
  runs: Record<string, RecordedRun>;
}

/** Four significant digits: the charts draw nothing finer, and the file stays small. */
export function round4(x: number): number {
  return Number.isFinite(x) ? Number(x.toPrecision(4)) : x;
}

const roundAll = (r: Record<string, number>) =>
  Object.fromEntries(Object.entries(r).map(([k, v]) => [k, round4(v)]));

/** Collects a run's batch and epoch events (as the cells' charts see them) into its recorded curves. */
export class RunRecorder {
  readonly batches: RecordedBatch[] = [];
  readonly history: RecordedEpoch[] = [];

  /** Feed every event the engine emits; only batches and epochs are kept. */
  push(e: TrainEvent): void {
    if (e.type === "batch") {
      this.batches.push({ step: e.step, loss: round4(e.loss), parts: roundAll(e.parts) });
    } else if (e.type === "epoch") {
      const step = this.batches.length ? this.batches[this.batches.length - 1].step : 0;
      const point = {
        epoch: e.epoch,
        step,
        trainLoss: round4(e.trainLoss),
        valLoss: round4(e.valLoss),
        metrics: roundAll(e.metrics),
      };
      const i = this.history.findIndex((p) => p.epoch === e.epoch);
      if (i >= 0) this.history[i] = point;
      else this.history.push(point);
    }
  }
}

/** Check a parsed runs.json: the format, and a run for each of `cells` with at least one epoch. */
export function checkRunsFile(x: unknown, cells: readonly string[] = []): RecordedRunsFile {
  const f = x as Partial<RecordedRunsFile> | null;
  if (!f || f.format !== RUNS_FORMAT) throw new Error(`not a ${RUNS_FORMAT} file`);
  if (f.version !== RUNS_VERSION) throw new Error(`runs file version ${f.version}, expected ${RUNS_VERSION}`);
  for (const c of cells) {
    const r = f.runs?.[c];
    if (!r || !Array.isArray(r.history) || r.history.length === 0)
      throw new Error(`no recorded run for ${c}`);
  }
  return f as RecordedRunsFile;
}
