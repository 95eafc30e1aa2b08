// The LR finder's curve (learn.lr_find / sched.plot): the smoothed loss against the learning rate, log x.
// Pick a rate a little before the minimum, where the loss still falls steeply.
import { LineChart } from "../../viz/LineChart";
import { SERIES_COLORS } from "../../viz/palette";
import { formatRate } from "../../viz/ui/logSteps";
import { usePresenting } from "../../viz/ui/presenting";
import type { TrainViewState } from "../common/trainState";

/** The learning rate at the lowest smoothed loss (the finder's curve), or null without points. */
export function lrAtMinimum(lrs: readonly number[], losses: readonly number[]): number | null {
  let best = -1;
  losses.forEach((l, i) => {
    if (Number.isFinite(l) && (best < 0 || l < losses[best])) best = i;
  });
  return best < 0 ? null : lrs[best];
}

export function LrFinder({ s }: { s: TrainViewState }) {
  const presenting = usePresenting();
  const f = s.lrfind;
  if (!f) return null;
  const min = lrAtMinimum(f.lrs, f.losses);
  return (
    <section data-role="lrfind" data-points={f.lrs.length} data-done={String(f.done)}>
      <LineChart
        title="LR finder: loss vs learning rate"
        series={[
          {
            name: "smoothed loss",
            points: f.lrs.map((lr, i) => [lr, f.losses[i]]),
            color: SERIES_COLORS[5],
            dots: f.lrs.length < 10,
          },
        ]}
        xLabel="learning rate (log scale)"
        yLabel="loss"
        logX
        width={presenting ? 620 : 480}
        height={presenting ? 300 : 240}
        large={presenting}
        legendValues
      />
      <p className="hint">
        {f.done ? "Done" : "Sweeping"}: {f.lrs.length} batches, one per rate, rising exponentially; the
        weights are put back afterwards.
        {min !== null &&
          f.done &&
          ` The loss was lowest at lr = ${formatRate(Number(min.toPrecision(2)))}: pick a rate about 10× lower.`}
      </p>
    </section>
  );
}
