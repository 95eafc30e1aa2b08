// Matching anchors to ground-truth objects. Lesson: `map_to_ground_truth`.
// Each anchor takes its best object (first on ties); then each object's best anchor (first on ties) is
// forced to that object with overlap 1.99; when two objects share a best anchor, the later object wins.
import * as tf from "@tensorflow/tfjs-core";

/** The overlap written on an object's own best anchor, so that it is always a positive. */
export const FORCED_OVERLAP = 1.99;

export interface Match<R extends tf.Rank = tf.Rank> {
  /** best overlap per anchor (1.99 where forced) */
  gtOverlap: tf.Tensor<R>;
  /** index of the matched object per anchor, int32 */
  gtIdx: tf.Tensor<R>;
}

/** argmax along an axis returning the first index on ties, on every backend (not relying on kernel order). */
export function argMaxFirst(x: tf.Tensor, axis: number): tf.Tensor {
  return tf.tidy(() => {
    const ax = axis < 0 ? x.rank + axis : axis;
    const n = x.shape[ax];
    const shape = x.shape.map((_, i) => (i === ax ? n : 1));
    const iota = tf.reshape(tf.range(0, n, 1, "int32"), shape);
    const isMax = tf.equal(x, tf.max(x, ax, true));
    return tf.min(tf.where(isMax, iota, tf.fill(shape, n, "int32")), ax);
  });
}

/** Per image, the lesson's way: overlaps [objects, anchors] -> gtOverlap [A], gtIdx [A] int32. */
export function mapToGroundTruth(overlaps: tf.Tensor2D): Match<tf.Rank.R1> {
  if (overlaps.rank !== 2)
    throw new Error(`mapToGroundTruth: overlaps must be [objects, anchors], got [${overlaps.shape}]`);
  const [m, a] = overlaps.shape;
  if (m === 0) return { gtOverlap: tf.fill([a], -1), gtIdx: tf.zeros([a], "int32") };
  const [priorIdx, gtOverlap, gtIdx] = tf.tidy(() => [
    argMaxFirst(overlaps, 1), // each object's best anchor: overlaps.max(1)
    tf.max(overlaps, 0), // each anchor's best object: overlaps.max(0)
    argMaxFirst(overlaps, 0),
  ]);
  const prior = priorIdx.dataSync();
  const ov = gtOverlap.dataSync().slice();
  const idx = gtIdx.dataSync().slice();
  tf.dispose([priorIdx, gtOverlap, gtIdx]);
  for (const o of prior) ov[o] = FORCED_OVERLAP; // gt_overlap[prior_idx] = 1.99
  prior.forEach((o, i) => {
    idx[o] = i; // for i,o in enumerate(prior_idx): gt_idx[o] = i  (later objects overwrite)
  });
  return { gtOverlap: tf.tensor1d(ov, "float32"), gtIdx: tf.tensor1d(idx, "int32") };
}

/**
 * The same rule over a batch without a JavaScript loop: overlaps [B, M, A] of zero-padded ground truth,
 * valid [B, M] (false for padding rows) -> gtOverlap [B, A], gtIdx [B, A] indexing the padded rows.
 * An image with no valid object gets gtOverlap -1 everywhere (so all anchors are background).
 */
export function mapToGroundTruthBatch(overlaps: tf.Tensor3D, valid: tf.Tensor2D): Match<tf.Rank.R2> {
  const [b, m, a] = overlaps.shape;
  if (valid.shape[0] !== b || valid.shape[1] !== m) {
    throw new Error(`mapToGroundTruthBatch: valid must be [${b}, ${m}], got [${valid.shape}]`);
  }
  return tf.tidy(() => {
    const v = tf.cast(valid, "bool");
    const v3 = tf.expandDims(v, 2); // [B, M, 1]
    const masked = tf.where(tf.broadcastTo(v3, [b, m, a]), overlaps, tf.fill([b, m, a], -1));
    const bestOverlap = tf.max(masked, 1); // [B, A]
    const bestIdx = argMaxFirst(masked, 1); // [B, A]
    const priorIdx = argMaxFirst(overlaps, 2); // [B, M]: each object's best anchor
    const anchorIota = tf.reshape(tf.range(0, a, 1, "int32"), [1, 1, a]);
    const forcedBy = tf.logicalAnd(tf.equal(tf.expandDims(priorIdx, 2), anchorIota), v3); // [B, M, A]
    const forced = tf.any(forcedBy, 1); // [B, A]
    const objIota = tf.broadcastTo(tf.reshape(tf.range(0, m, 1, "int32"), [1, m, 1]), [b, m, a]);
    const winner = tf.max(tf.where(forcedBy, objIota, tf.fill([b, m, a], -1, "int32")), 1); // later wins
    return {
      gtOverlap: tf.where(forced, tf.fill([b, a], FORCED_OVERLAP), bestOverlap) as tf.Tensor2D,
      gtIdx: tf.where(forced, winner, bestIdx) as tf.Tensor2D,
    };
  });
}
