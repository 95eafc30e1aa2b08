// Intersection over union of two sets of corner boxes, no +1 pixel terms. Lesson: intersect, box_sz, jaccard.
import * as tf from "@tensorflow/tfjs-core";

/**
 * The four coordinates of boxes [..., 4] as separate tensors [...]: one transpose, then contiguous slices
 * (slicing the last axis directly is several times slower on the tfjs CPU backend).
 */
export function boxCoords(b: tf.Tensor): [tf.Tensor, tf.Tensor, tf.Tensor, tf.Tensor] {
  return tf.tidy(() => {
    const perm = [b.rank - 1, ...Array.from({ length: b.rank - 1 }, (_, i) => i)];
    return tf.unstack(tf.transpose(b, perm)) as [tf.Tensor, tf.Tensor, tf.Tensor, tf.Tensor];
  });
}

/** Area of corner boxes [..., 4] -> [...]. Lesson: `box_sz`. */
export function boxSz(b: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const [r0, c0, r1, c1] = boxCoords(b);
    return tf.mul(tf.sub(r1, r0), tf.sub(c1, c0));
  });
}

/** Intersection areas of a [..., n, 4] with b [m, 4] -> [..., n, m]. Lesson: `intersect`. */
export function intersect(a: tf.Tensor, b: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const ac = boxCoords(a).map((t) => tf.expandDims(t, -1)); // [..., n, 1] each
    const bc = boxCoords(b); // [m] each, broadcast against [..., n, 1]
    // max_xy = min(bottom-right corners), min_xy = max(top-left corners), clamp(min=0)
    const h = tf.relu(tf.sub(tf.minimum(ac[2], bc[2]), tf.maximum(ac[0], bc[0])));
    const w = tf.relu(tf.sub(tf.minimum(ac[3], bc[3]), tf.maximum(ac[1], bc[1])));
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
