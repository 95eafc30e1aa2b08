// The lesson's deterministic 80/20 train/validation split: fastai's get_cv_idxs, which draws
// numpy's legacy `np.random.seed(42); np.random.permutation(n)`. Reproduced exactly with pure-rand's MT19937.
import { mersenne } from "pure-rand/generator/mersenne";

/** numpy RandomState(seed).permutation(n): Fisher-Yates from the end with masked rejection sampling (legacy). */
export function permutation(n: number, seed: number): number[] {
  const rng = mersenne(seed >>> 0);
  const x = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i >= 1; i--) {
    let mask = i;
    mask |= mask >>> 1;
    mask |= mask >>> 2;
    mask |= mask >>> 4;
    mask |= mask >>> 8;
    mask |= mask >>> 16;
    let j: number;
    do j = (rng.next() >>> 0) & mask;
    while (j > i);
    [x[i], x[j]] = [x[j], x[i]];
  }
  return x;
}

/** Validation indices of n items. Lesson: `get_cv_idxs(n, cv_idx=0, val_pct=0.2, seed=42)`. */
export function getCvIdxs(n: number, cvIdx = 0, valPct = 0.2, seed = 42): number[] {
  const nVal = Math.trunc(valPct * n);
  const start = cvIdx * nVal;
  return permutation(n, seed).slice(start, start + nVal);
}

/**
 * Split ids into train/val the lesson's way. Lesson: `split_by_idx(get_cv_idxs(n), ...)` — a boolean mask, so
 * both lists keep the original order.
 */
export function lessonSplit<T>(ids: readonly T[], valPct = 0.2, seed = 42): { train: T[]; val: T[] } {
  const isVal = new Set(getCvIdxs(ids.length, 0, valPct, seed));
  return { train: ids.filter((_, i) => !isVal.has(i)), val: ids.filter((_, i) => isVal.has(i)) };
}
