// The SSD class losses: binary cross-entropy per class with the background column dropped, and focal loss.
// Lesson: one_hot_embedding, BCE_Loss, FocalLoss.
import * as tf from "@tensorflow/tfjs-core";

export interface FocalParams {
  /** weight of the positive terms (lesson: 0.25) */
  alpha: number;
  /** focusing exponent (lesson final: 1; lecture: 2) */
  gamma: number;
}
export const FOCAL_DEFAULTS: FocalParams = { alpha: 0.25, gamma: 1 };

/** One-hot rows: labels [...] -> [..., numClasses] float; a label outside 0..numClasses-1 gives zeros. Lesson: `one_hot_embedding`. */
export function oneHotEmbedding(labels: tf.Tensor, numClasses: number): tf.Tensor {
  return tf.tidy(() => {
    const cls = tf.range(0, numClasses, 1, "int32");
    return tf.cast(tf.equal(tf.expandDims(tf.cast(labels, "int32"), -1), cls), "float32");
  });
}

/** Element-wise BCE with logits, stable form: softplus(x) - x*t (= max(x,0) - x*t + log(1+e^-|x|)). */
export function bceWithLogits(x: tf.Tensor, t: tf.Tensor): tf.Tensor {
  return tf.tidy(() => tf.sub(tf.softplus(x), tf.mul(x, t)));
}

/**
 * Focal weight (alpha*t + (1-alpha)*(1-t)) * (1-pt)^gamma, pt = p*t + (1-p)*(1-t). Lesson: `FocalLoss.get_weight`.
 * Not detached (as in the lesson: PyTorch 0.3 multiplied the weight in, so gradients flow through it).
 * 1 - pt is computed as sigmoid((1-2t)*x), which equals it for t in {0, 1} without the cancellation.
 */
export function focalWeight(x: tf.Tensor, t: tf.Tensor, { alpha, gamma }: FocalParams): tf.Tensor {
  return tf.tidy(() => {
    const w = tf.add(tf.mul(t, alpha), tf.mul(tf.sub(1, t), 1 - alpha));
    const oneMinusPt = tf.sigmoid(tf.mul(tf.sub(1, tf.mul(t, 2)), x));
    return tf.mul(w, tf.pow(oneMinusPt, gamma));
  });
}

/** Logits [..., C+1] and one target id per row [...], or a message naming the mismatch. */
function checkClassShapes(logits: tf.Tensor, targets: tf.Tensor, numClasses: number): void {
  const c1 = logits.shape[logits.rank - 1];
  if (c1 !== numClasses + 1) {
    throw new Error(
      `class loss: logits need ${numClasses + 1} columns (C + background), got [${logits.shape}]`,
    );
  }
  if (targets.shape.join() !== logits.shape.slice(0, -1).join()) {
    throw new Error(`class loss: targets must be [${logits.shape.slice(0, -1)}], got [${targets.shape}]`);
  }
}

/**
 * Sum over anchors and the first C columns of weighted BCE-with-logits, divided by C.
 * logits [..., C+1], targets [...] with ids 0..C (C = background). Lesson: `BCE_Loss.forward`.
 */
export function bceLoss(
  logits: tf.Tensor,
  targets: tf.Tensor,
  numClasses: number,
  focal?: FocalParams,
): tf.Scalar {
  checkClassShapes(logits, targets, numClasses);
  return tf.tidy(() => {
    // Every column, with the background column's terms masked out (the lesson slices it off: x = pred[:, :-1];
    // a mask gives the same sum and gradient without slicing the last axis, which is slow on the CPU backend).
    const keep = tf.cast(tf.less(tf.range(0, numClasses + 1, 1, "int32"), numClasses), "float32");
    const t = tf.mul(oneHotEmbedding(targets, numClasses + 1), keep);
    let l = tf.mul(bceWithLogits(logits, t), keep);
    if (focal) l = tf.mul(l, focalWeight(logits, t, focal));
    return tf.div(tf.sum(l), numClasses) as tf.Scalar;
  });
}

/**
 * Softmax cross-entropy over all C+1 columns, background a class like the others, summed over anchors.
 * logits [..., C+1], targets [...] with ids 0..C (C = background). The lesson's first try,
 * `F.cross_entropy(b_c, gt_clas)` (summed), which it gives up for BCE: "background" must then be learnt as
 * one class covering everything that is no object.
 */
export function softmaxLoss(logits: tf.Tensor, targets: tf.Tensor, numClasses: number): tf.Scalar {
  checkClassShapes(logits, targets, numClasses);
  return tf.tidy(() => {
    // logSumExp(x) - x[target], summed: stable, and differentiable w.r.t. the logits
    const picked = tf.sum(tf.mul(logits, oneHotEmbedding(targets, numClasses + 1)), -1);
    return tf.sum(tf.sub(tf.logSumExp(logits, -1), picked)) as tf.Scalar;
  });
}

/** Focal loss: bceLoss with the focal weight. Lesson: `FocalLoss`. */
export function focalLoss(
  logits: tf.Tensor,
  targets: tf.Tensor,
  numClasses: number,
  params: Partial<FocalParams> = {},
): tf.Scalar {
  return bceLoss(logits, targets, numClasses, { ...FOCAL_DEFAULTS, ...params });
}
