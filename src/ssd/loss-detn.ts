// Single-object detection (largest object: one box + one class) and the multi-label metric.
// Lesson (pascal.ipynb): detn_loss, detn_l1, detn_acc; fastai 0.7 metrics: accuracy_thresh.
import * as tf from "@tensorflow/tfjs-core";

export interface DetnLossOptions {
  /** image size: box activations become sigmoid(x) * sz pixels (lesson: 224) */
  sz?: number;
  /** weight of the cross-entropy (lesson: 20, "to make them approximately equal") */
  ceWeight?: number;
}

export interface DetnLossParts {
  loss: tf.Scalar;
  l1: tf.Scalar;
  ce: tf.Scalar;
}

function split(input: tf.Tensor2D): [tf.Tensor2D, tf.Tensor2D] {
  if (input.rank !== 2 || input.shape[1] < 5) {
    throw new Error(`detection head output must be [B, 4 + C], got [${input.shape}]`);
  }
  return [tf.slice(input, [0, 0], [-1, 4]), tf.slice(input, [0, 4], [-1, -1])];
}

/** Mean softmax cross-entropy, stable: logSumExp(c) - c[target]. Lesson: `F.cross_entropy`. */
export function crossEntropy(logits: tf.Tensor2D, targets: tf.Tensor1D): tf.Scalar {
  return tf.tidy(() => {
    const t = tf.oneHot(tf.cast(targets, "int32"), logits.shape[1]);
    return tf.mean(tf.sub(tf.logSumExp(logits, 1), tf.sum(tf.mul(logits, t), 1))) as tf.Scalar;
  });
}

/** Box activations -> pixel boxes: sigmoid(x) * sz. */
export function detnBoxes(input: tf.Tensor2D, sz = 224): tf.Tensor2D {
  return tf.tidy(() => tf.mul(tf.sigmoid(split(input)[0]), sz) as tf.Tensor2D);
}

/**
 * input [B, 4+C], bbTarget [B, 4] pixels, clsTarget [B] -> {loss = l1 + ceWeight*ce, l1, ce}.
 * l1 = mean |sigmoid(input[:, :4])*sz - bbTarget|; ce = mean cross-entropy of input[:, 4:]. Lesson: `detn_loss`.
 */
export function detnLoss(
  input: tf.Tensor2D,
  bbTarget: tf.Tensor2D,
  clsTarget: tf.Tensor1D,
  { sz = 224, ceWeight = 20 }: DetnLossOptions = {},
): DetnLossParts {
  if (
    bbTarget.shape[0] !== input.shape[0] ||
    bbTarget.shape[1] !== 4 ||
    clsTarget.shape[0] !== input.shape[0]
  ) {
    throw new Error(
      `detnLoss: targets must be [${input.shape[0]}, 4] and [${input.shape[0]}], got [${bbTarget.shape}] and [${clsTarget.shape}]`,
    );
  }
  return tf.tidy(() => {
    const [bb, c] = split(input);
    const l1 = tf.mean(tf.abs(tf.sub(tf.mul(tf.sigmoid(bb), sz), bbTarget))) as tf.Scalar;
    const ce = crossEntropy(c, clsTarget);
    return { loss: tf.add(l1, tf.mul(ce, ceWeight)) as tf.Scalar, l1, ce };
  });
}

/** Mean absolute pixel error of the box, as a scalar tensor (read it with await .data()). Lesson: `detn_l1`. */
export function detnL1Tensor(input: tf.Tensor2D, bbTarget: tf.Tensor2D, sz = 224): tf.Scalar {
  return tf.tidy(() => tf.mean(tf.abs(tf.sub(detnBoxes(input, sz), bbTarget))) as tf.Scalar);
}

/** Fraction of images whose argmax class is the target, as a scalar tensor. Lesson: `detn_acc`. */
export function detnAccTensor(input: tf.Tensor2D, clsTarget: tf.Tensor1D): tf.Scalar {
  return tf.tidy(
    () =>
      tf.mean(
        tf.cast(tf.equal(tf.argMax(split(input)[1], 1), tf.cast(clsTarget, "int32")), "float32"),
      ) as tf.Scalar,
  );
}

/**
 * Multi-label accuracy as a scalar tensor: the fraction of (image, class) entries where (prob > thresh) equals
 * the 0/1 target; probs are probabilities (apply tf.sigmoid to logits first). fastai 0.7: `accuracy_thresh`.
 */
export function accuracyThreshTensor(probs: tf.Tensor, targets: tf.Tensor, thresh = 0.5): tf.Scalar {
  if (probs.shape.join() !== targets.shape.join()) {
    throw new Error(`accuracyThresh: probs [${probs.shape}] and targets [${targets.shape}] differ`);
  }
  return tf.tidy(
    () =>
      tf.mean(
        tf.cast(
          tf.equal(tf.cast(tf.greater(probs, thresh), "float32"), tf.cast(targets, "float32")),
          "float32",
        ),
      ) as tf.Scalar,
  );
}

/**
 * Read a scalar synchronously. Fine on CPU and WebGL; on WebGPU tfjs 4.22's dataSync can silently return 0
 * (measured under SwiftShader), so code that may run there should use the *Tensor variants and await .data().
 */
function readNow(t: tf.Scalar): number {
  const v = t.dataSync()[0];
  t.dispose();
  return v;
}

/** detnL1Tensor read as a number (synchronous: see readNow). Lesson: `detn_l1`. */
export function detnL1(input: tf.Tensor2D, bbTarget: tf.Tensor2D, sz = 224): number {
  return readNow(detnL1Tensor(input, bbTarget, sz));
}

/** detnAccTensor read as a number (synchronous: see readNow). Lesson: `detn_acc` (fastai `accuracy`). */
export function detnAcc(input: tf.Tensor2D, clsTarget: tf.Tensor1D): number {
  return readNow(detnAccTensor(input, clsTarget));
}

/** accuracyThreshTensor read as a number (synchronous: see readNow). fastai 0.7: `accuracy_thresh(thresh)`. */
export function accuracyThresh(probs: tf.Tensor, targets: tf.Tensor, thresh = 0.5): number {
  return readNow(accuracyThreshTensor(probs, targets, thresh));
}
