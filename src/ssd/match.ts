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

/**
 * argmax along an axis returning the first index on ties, on every backend (not relying on kernel order).
 * Computed in float32 and cast at the end: tfjs-webgpu 4.22 generates invalid shaders for int32/bool
 * reductions over a non-last axis (WGSL "expected f32, got i32"). Indices stay exact below 2^24.
 */
export function argMaxFirst(x: tf.Tensor, axis: number): tf.Tensor {
  return tf.tidy(() => {
    const ax = axis < 0 ? x.rank + axis : axis;
    const n = x.shape[ax];
    const shape = x.shape.map((_, i) => (i === ax ? n : 1));
    const iota = tf.reshape(tf.range(0, n, 1, "float32"), shape);
    const isMax = tf.equal(x, tf.max(x, ax, true));
    return tf.cast(tf.min(tf.where(isMax, iota, tf.fill(shape, n)), ax), "int32");
  });
}

/**
 * Per image, the lesson's way: overlaps [objects, anchors] -> gtOverlap [A], gtIdx [A] int32.
 * The one-image case of the loop-free batched rule below (no synchronous read-back, so it is safe on WebGPU).
 */
export function mapToGroundTruth(overlaps: tf.Tensor2D): Match<tf.Rank.R1> {
  if (overlaps.rank !== 2)
    throw new Error(`mapToGroundTruth: overlaps must be [objects, anchors], got [${overlaps.shape}]`);
  const [m, a] = overlaps.shape;
  if (m === 0) return { gtOverlap: tf.fill([a], -1), gtIdx: tf.zeros([a], "int32") };
  return tf.tidy(() => {
    const batched = mapToGroundTruthBatch(
      tf.expandDims(overlaps, 0) as tf.Tensor3D,
      tf.ones([1, m], "bool") as tf.Tensor2D,
    );
    return {
      gtOverlap: tf.squeeze(batched.gtOverlap, [0]) as tf.Tensor1D,
      gtIdx: tf.squeeze(batched.gtIdx, [0]) as tf.Tensor1D,
    };
  });
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
  // Float masks and indices throughout (see argMaxFirst: int32/bool reductions break on tfjs-webgpu).
  return tf.tidy(() => {
    const vf = tf.expandDims(tf.cast(valid, "float32"), 2); // [B, M, 1], 1 = a real object
    const v3 = tf.greater(vf, 0);
    const masked = tf.where(tf.broadcastTo(v3, [b, m, a]), overlaps, tf.fill([b, m, a], -1));
    const bestOverlap = tf.max(masked, 1); // [B, A]: each anchor's best object (overlaps.max(0))
    const bestIdx = argMaxFirst(masked, 1); // [B, A]
    const priorIdx = tf.cast(argMaxFirst(overlaps, 2), "float32"); // [B, M]: each object's best anchor
    const anchorIota = tf.reshape(tf.range(0, a, 1, "float32"), [1, 1, a]);
    const forcedBy = tf.mul(tf.cast(tf.equal(tf.expandDims(priorIdx, 2), anchorIota), "float32"), vf); // [B, M, A]
    const forced = tf.greater(tf.max(forcedBy, 1), 0); // [B, A]
    const objIota = tf.reshape(tf.range(0, m, 1, "float32"), [1, m, 1]);
    // later objects win: the largest object index among those forcing this anchor
    const winner = tf.max(tf.sub(tf.mul(forcedBy, tf.add(objIota, 1)), 1), 1); // [B, A], -1 where none
    return {
      gtOverlap: tf.where(forced, tf.fill([b, a], FORCED_OVERLAP), bestOverlap) as tf.Tensor2D,
      gtIdx: tf.where(forced, tf.cast(winner, "int32"), bestIdx) as tf.Tensor2D,
    };
  });
}
