// The lesson's per-image loss loop (ssd_1_loss, summed) next to the vectorised ssd_loss, on one batch of the
// current data with the same seeded activations: the same number, and the time each took on this backend.
import { useEffect, useState } from "react";
import { getDataset, useDataset } from "../common/dataset";
import { compareLosses, firstBatch, type LossComparison } from "./compare";

/** the batch and repeats; `?steps=N` runs (tests on a software GPU) use a tiny batch, timed once */
const FULL = { batch: 16, repeats: 3 };
export const QUICK = { batch: 4, repeats: 1 };

type State =
  | { status: "running" }
  | { status: "done"; r: LossComparison }
  | { status: "error"; message: string };

const f4 = (v: number) => v.toFixed(4);
const ms = (v: number) => (v < 10 ? v.toFixed(1) : Math.round(v).toString());

export function LossCompare({
  seed,
  threshold,
  quick,
}: {
  seed: number;
  threshold: number;
  quick?: boolean;
}) {
  const { batch, repeats } = quick ? QUICK : FULL;
  const ds = useDataset();
  const [again, setAgain] = useState(0);
  const [state, setState] = useState<State>({ status: "running" });
  useEffect(() => {
    if (!ds) {
      // nothing has loaded the data yet (this cell alone on the page): load it; the store then re-renders us
      getDataset().catch((e: unknown) =>
        setState({ status: "error", message: e instanceof Error ? e.message : String(e) }),
      );
      return;
    }
    let live = true;
    setState({ status: "running" });
    // again: a new measurement of the same batch
    void again;
    compareLosses(firstBatch(ds, batch), seed, { repeats, threshold }).then(
      (r) => live && setState({ status: "done", r }),
      (e: unknown) =>
        live && setState({ status: "error", message: e instanceof Error ? e.message : String(e) }),
    );
    return () => {
      live = false;
    };
  }, [ds, seed, threshold, again, batch, repeats]);

  if (state.status === "error")
    return (
      <p className="cell-error" data-role="loss-compare" data-state="error">
        Could not compare the losses: {state.message}
      </p>
    );
  if (state.status === "running")
    return (
      <p className="hint" data-role="loss-compare" data-state="running">
        Timing the per-image loop and the batched loss on {batch} images…
      </p>
    );
  const { r } = state;
  const diff = Math.abs(r.perImage.total - r.batched.total);
  const speed = r.perImage.ms / Math.max(r.batched.ms, 1e-3);
  const row = (name: string, code: string, run: LossComparison["perImage"], key: string) => (
    <tr data-row={key}>
      <th scope="row">
        {name} <code>{code}</code>
      </th>
      <td className="num">{f4(run.loc)}</td>
      <td className="num">{f4(run.clas)}</td>
      <td className="num" data-value={`${key}-total`}>
        {f4(run.total)}
      </td>
      <td className="num" data-value={`${key}-ms`} title={`each run: ${run.times.map(ms).join(", ")} ms`}>
        {ms(run.ms)} ms
      </td>
    </tr>
  );
  return (
    <div
      className="numbers"
      data-role="loss-compare"
      data-state="done"
      data-per-image={r.perImage.total}
      data-batched={r.batched.total}
      // not data-backend: that attribute marks the page's one backend badge (tests find the badge by it)
      data-ran-on={r.backend}
    >
      <table className="num-table">
        <caption>
          One batch of {r.images} training images, {r.anchors} anchors (the lesson's SSD), random activations
          (seed {seed}): the loss two ways, on {r.backend}
        </caption>
        <thead>
          <tr>
            <th>how</th>
            <th>loc</th>
            <th>clas</th>
            <th>loss (sum over the batch)</th>
            <th>{repeats > 1 ? `time (median of ${repeats})` : "time"}</th>
          </tr>
        </thead>
        <tbody>
          {row("per image, in a loop:", "ssd_1_loss", r.perImage, "per-image")}
          {row("batched, vectorised:", "ssd_loss", r.batched, "batched")}
        </tbody>
      </table>
      <p data-role="loss-compare-summary">
        The same number (
        {diff === 0 ? "identical here" : `they differ by ${diff.toExponential(1)}: float32 rounding`}). On{" "}
        {r.backend} the batched loss took {ms(r.batched.ms)} ms and the loop {ms(r.perImage.ms)} ms:{" "}
        {speed >= 1 ? `${speed.toFixed(1)}× faster` : `${(1 / speed).toFixed(1)}× slower`} — one set of ops
        for the whole batch instead of {r.images} small ones.
      </p>
      <button type="button" data-action="time-again" onClick={() => setAgain((n) => n + 1)}>
        Time again
      </button>
    </div>
  );
}
