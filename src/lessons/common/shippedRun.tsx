// The run that made the shipped SSD checkpoint (public/models/ssd-builtin.bin): its per-epoch history
// (header.progress.history) and what it was (header.model), read from the checkpoint's header alone. Cells
// that train or evaluate show it before they are run, as a saved notebook shows its outputs, and keep it
// faintly beside the student's own curves for comparison.
import type { CheckpointHeader } from "../../train/checkpoint";
import { shippedCheckpointUrl } from "./checkpoints";
import { RecordedRunView, type Reference, referenceSeries as recordedSeries } from "./recordedRun";

const MAGIC = "SSDCKPT1";

/** The JSON header of a checkpoint file's first bytes, or null when they hold less than the whole header. */
export function headerFromBytes(bytes: Uint8Array): CheckpointHeader | null {
  if (bytes.length < 12 || new TextDecoder().decode(bytes.subarray(0, 8)) !== MAGIC) {
    throw new Error("not an SSD Notebook checkpoint (bad magic)");
  }
  const n = new DataView(bytes.buffer, bytes.byteOffset).getUint32(8, true);
  if (12 + n > bytes.length) return null;
  return JSON.parse(new TextDecoder().decode(bytes.subarray(12, 12 + n))) as CheckpointHeader;
}

let headerP: Promise<CheckpointHeader> | null = null;

/** The shipped checkpoint's header: a ranged request for its first 256 KiB, the whole file if that is short. */
export function shippedHeader(): Promise<CheckpointHeader> {
  headerP ??= (async () => {
    const url = shippedCheckpointUrl();
    const first = await fetch(url, { headers: { Range: "bytes=0-262143" } });
    if (!first.ok) throw new Error(`${url}: ${first.status}`);
    const h = headerFromBytes(new Uint8Array(await first.arrayBuffer()));
    if (h) return h;
    const all = await fetch(url);
    const whole = headerFromBytes(new Uint8Array(await all.arrayBuffer()));
    if (!whole) throw new Error(`${url}: truncated checkpoint header`);
    return whole;
  })();
  headerP.catch(() => {
    headerP = null;
  });
  return headerP;
}

export interface ShippedRun {
  epochs: number;
  steps: number;
  savedAt: string;
  valMap: number | null;
  valImages: number | null;
  /** per epoch, at the step where it ended (steps per epoch = steps / epochs) */
  history: {
    epoch: number;
    step: number;
    trainLoss: number;
    valLoss: number;
    metrics: Record<string, number>;
  }[];
}

export function shippedRunOf(h: CheckpointHeader): ShippedRun {
  const { epoch, step, history } = h.progress;
  const perEpoch = epoch > 0 ? step / epoch : 0;
  return {
    epochs: epoch,
    steps: step,
    savedAt: h.savedAt,
    valMap: typeof h.model.valMap === "number" ? h.model.valMap : null,
    valImages: typeof h.model.valImages === "number" ? h.model.valImages : null,
    history: (history ?? []).map((p) => ({ ...p, step: Math.round((p.epoch + 1) * perEpoch) })),
  };
}

export async function shippedRun(): Promise<ShippedRun> {
  return shippedRunOf(await shippedHeader());
}

/** The metric the SSD cells chart per epoch (the shipped run's history also holds loc and clas: those are loss parts). */
const SHIPPED_KEYS = ["mAP"] as const;

/** The shipped run as faint reference series for a training cell's charts. */
export function referenceSeries(run: ShippedRun): Reference {
  return recordedSeries(run, "shipped run", SHIPPED_KEYS);
}

/** Before Run: the shipped run's curves and final figures, labelled as such. */
export function ShippedRunView({ run, what }: { run: ShippedRun; what: string }) {
  return (
    <div data-role="shipped-run">
      <RecordedRunView
        run={run}
        label="shipped run"
        keys={SHIPPED_KEYS}
        note={
          <>
            <b>The shipped run</b> — how the weights that come with the app were trained ({run.epochs} epochs,{" "}
            {run.steps} steps, in Node on the built-in sample
            {run.valMap !== null
              ? `; validation mAP@0.5 ${run.valMap.toFixed(3)} on ${run.valImages ?? "the"} images`
              : ""}
            ). {what}
          </>
        }
      />
    </div>
  );
}

/** train-ssd before Run: the shipped run's loss and mAP curves. */
export async function trainSsdPreview() {
  const run = await shippedRun();
  return (
    <ShippedRunView
      run={run}
      what="Press Run to train your own head: these curves stay, faintly, beside yours."
    />
  );
}

/** evaluate before Run: the shipped weights' recorded validation mAP, and its curve over the shipped run. */
export async function evaluatePreview() {
  const run = await shippedRun();
  return (
    <div>
      {run.valMap !== null && (
        <p className="big-count" data-role="shipped-map">
          Shipped checkpoint, as recorded when it was made: mAP@0.5 (VOC07 11-point){" "}
          <b data-metric="shipped-map07">{run.valMap.toFixed(3)}</b> over {run.valImages ?? "the"} validation
          images
        </p>
      )}
      <ShippedRunView
        run={run}
        what="Press Run to measure the current weights (yours, once you have trained the SSD head) class by class."
      />
    </div>
  );
}
