// Sigmoid vs softmax over the same logits (the lesson's "why not softmax" for multi-label classification):
// a sigmoid scores each class on its own, a softmax makes the classes share one unit of probability.

/** Per-class sigmoid: 1 / (1 + e^−x). Lesson: `torch.sigmoid` before accuracy_thresh. */
export function sigmoid(logits: readonly number[]): number[] {
  return logits.map((x) => 1 / (1 + Math.exp(-x)));
}

/** Softmax over the classes (stable: subtract the max). Lesson: `F.softmax`, what single-label heads use. */
export function softmax(logits: readonly number[]): number[] {
  const m = Math.max(...logits);
  const e = logits.map((x) => Math.exp(x - m));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / s);
}

/** The classes a multi-label model predicts: every class whose sigmoid probability is over the threshold. */
export function predictedClasses(logits: readonly number[], thresh = 0.5): number[] {
  return sigmoid(logits)
    .map((p, i) => (p > thresh ? i : -1))
    .filter((i) => i >= 0);
}
