// Intersection over union of two sets of corner boxes, no +1 pixel terms. Lesson: intersect, box_sz, jaccard.
import * as tf from "@tensorflow/tfjs-core";

/** Area of corner boxes [..., 4] -> [...]. Lesson: `box_sz`. */
export function boxSz(b: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const [r0, c0, r1, c1] = tf.unstack(b, -1);
    return tf.mul(tf.sub(r1, r0), tf.sub(c1, c0));
  });
}

/** Intersection areas of a [..., n, 4] with b [m, 4] -> [..., n, m]. Lesson: `intersect`. */
export function intersect(a: tf.Tensor, b: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const ae = tf.expandDims(a, -2); // [..., n, 1, 4]
    const maxXy = tf.minimum(tf.slice(ae, sliceBegin(ae, 2), sliceSize(ae, 2)), tf.slice(b, [0, 2], [-1, 2]));
    const minXy = tf.maximum(tf.slice(ae, sliceBegin(ae, 0), sliceSize(ae, 2)), tf.slice(b, [0, 0], [-1, 2]));
    const inter = tf.relu(tf.sub(maxXy, minXy)); // clamp(min=0)
    const [h, w] = tf.unstack(inter, -1);
    return tf.mul(h, w);
  });
}

/**
 * IoU matrix: a [n, 4] and b [m, 4] -> [n, m]; also batched, a [B, n, 4] (e.g. zero-padded ground truth)
 * against b [m, 4] (the anchors) -> [B, n, m]. Lesson: `jaccard`.
 */
export function jaccard(a: tf.Tensor, b: tf.Tensor): tf.Tensor {
  if (a.shape[a.rank - 1] !== 4 || b.rank !== 2 || b.shape[1] !== 4) {
    throw new Error(`jaccard: expected a [..., n, 4] and b [m, 4], got [${a.shape}] and [${b.shape}]`);
  }
  return tf.tidy(() => {
    const inter = intersect(a, b);
    const union = tf.sub(tf.add(tf.expandDims(boxSz(a), -1), boxSz(b)), inter);
    return tf.div(inter, union);
  });
}

/** Batched IoU: ground truth [B, M, 4] against anchors [A, 4] -> [B, M, A] (the same maths as jaccard). */
export function jaccardBatch(boxes: tf.Tensor3D, anchors: tf.Tensor2D): tf.Tensor3D {
  return jaccard(boxes, anchors) as tf.Tensor3D;
}

function sliceBegin(t: tf.Tensor, start: number): number[] {
  return [...new Array(t.rank - 1).fill(0), start];
}
function sliceSize(t: tf.Tensor, size: number): number[] {
  return [...new Array(t.rank - 1).fill(-1), size];
}
