// Learning-rate schedules of fastai 0.7: use_clr (the lesson's one-cycle), cosine annealing (SGDR),
// and the LR finder's exponential sweep. Pure functions of the step: easy to plot and to test.

export type ScheduleKind = "onecycle" | "cosine" | "constant";

/**
 * fastai 0.7 CircularLR, `use_clr=(div, pct)`: over the first 1/pct of the steps the lr climbs linearly from
 * lr/div to lr, then falls linearly back to lr/div. Returns the multiplier of the base lr at `step` of `total`.
 */
export function clrFactor(step: number, total: number, div = 32, pct = 5): number {
  const cut = Math.max(1, Math.floor(total / pct));
  const t = step < cut ? step / cut : 1 - (step - cut) / Math.max(1, cut * (pct - 1));
  return (1 + Math.max(0, Math.min(1, t)) * (div - 1)) / div;
}

/** Cosine annealing over one cycle (fastai's CosAnneal, SGDR): lr·(1 + cos(π·t))/2. */
export function cosineFactor(step: number, total: number): number {
  const t = Math.min(1, step / Math.max(1, total));
  return (1 + Math.cos(Math.PI * t)) / 2;
}

export interface ScheduleSpec {
  kind: ScheduleKind;
  /** use_clr's div and pct (the lesson: (32, 5) or (20, 10)) */
  div?: number;
  pct?: number;
}

/** Multiplier of the base learning rates at `step` of `total`. */
export function scheduleFactor(spec: ScheduleSpec, step: number, total: number): number {
  switch (spec.kind) {
    case "onecycle":
      return clrFactor(step, total, spec.div ?? 32, spec.pct ?? 5);
    case "cosine":
      return cosineFactor(step, total);
    default:
      return 1;
  }
}

/** The LR finder's sweep (lr_find): exponential from start to end over n steps. */
export function lrFinderRate(i: number, n: number, start: number, end: number): number {
  return start * (end / start) ** (i / Math.max(1, n - 1));
}

/** lr_find stops once the loss is 4× its best (fastai), or is not finite. */
export function lrFinderShouldStop(loss: number, best: number): boolean {
  return !Number.isFinite(loss) || loss > 4 * best;
}

/** The lesson's per-group rates `np.array([lr/100, lr/10, lr])`. */
export function groupRates(lr: number, factors: readonly number[] = [1 / 100, 1 / 10, 1]): number[] {
  return factors.map((f) => lr * f);
}
