// Depthwise convolution gradients from forward ops, for tfjs-wasm 4.22, which has the forward DepthwiseConv2dNative
// (XNNPACK) but neither DepthwiseConv2dNativeBackpropInput nor ...BackpropFilter: without them a MobileNet body
// cannot train there. The two halves of PyTorch's depthwise `conv2d(groups=C)` backward, channel multiplier 1.
import * as tf from "@tensorflow/tfjs-core";
import { type ConvPad, convInfo, interleave, padOrCrop, phaseOf, pickTaps } from "./conv-grads";

type Pair = [number, number] | number;

function multiplierOne(filterShape: number[]): void {
  if (filterShape[3] !== 1)
    throw new Error(
      `wasm-fast depthwise gradients: channel multiplier ${filterShape[3]} (only 1 is supported)`,
    );
}

/**
 * dL/dx of `depthwiseConv2d(x, W, strides, pad)` (NHWC, dilation 1, multiplier 1): as in conv2dBackpropInputViaConv,
 * the transposed convolution splits into s×s output phases, each a stride-1 depthwise correlation of dy with that
 * phase's taps of the filter, flipped (each channel only ever meets its own filter, so no channel swap).
 */
export function depthwiseBackpropInputViaConv(
  dy: tf.Tensor4D,
  filter: tf.Tensor4D,
  inputShape: [number, number, number, number],
  strides: Pair,
  pad: ConvPad,
  dimRoundingMode?: "floor" | "round" | "ceil",
): tf.Tensor4D {
  return tf.tidy(() => {
    multiplierOne(filter.shape);
    if (dy.size === 0) return tf.zeros(inputShape) as tf.Tensor4D;
    const info = convInfo(inputShape, filter.shape, strides, pad, dimRoundingMode);
    const [kh, kw, c] = filter.shape;
    const [n, h, w] = inputShape;
    const [sh, sw] = [info.strideHeight, info.strideWidth];
    const flat = tf.reshape(filter, [kh * kw, c]) as tf.Tensor2D; // [(kh,kw), c]
    const phases: tf.Tensor4D[][] = [];
    for (let a = 0; a < sh; a++) {
      const pr = phaseOf(a, sh, kh, info.padInfo.top, h, dy.shape[1]);
      const row: tf.Tensor4D[] = [];
      for (let b = 0; b < sw; b++) {
        const pc = phaseOf(b, sw, kw, info.padInfo.left, w, dy.shape[2]);
        if (pr.rows === 0 || pc.rows === 0 || pr.taps.length === 0 || pc.taps.length === 0) {
          row.push(tf.zeros([n, pr.rows, pc.rows, c]));
          continue;
        }
        const taps = pr.taps.flatMap((i) => pc.taps.map((j) => i * kw + j));
        const sub = tf.reshape(pickTaps(flat, taps), [pr.taps.length, pc.taps.length, c, 1]) as tf.Tensor4D;
        const dyp = padOrCrop(dy, pr.before, pr.after, pc.before, pc.after);
        row.push(tf.depthwiseConv2d(dyp, sub, 1, "valid"));
      }
      phases.push(row);
    }
    return interleave(phases, sh, sw, h, w);
  });
}

/**
 * dL/dW of `depthwiseConv2d(x, W, strides, pad)` (NHWC, dilation 1, multiplier 1), as one forward depthwise conv:
 * dW[a, b, c] = Σ_{n,i,j} xpad[n, s·i + a, s·j + b, c] · dy[n, i, j, c] is a depthwise correlation of xpad viewed as
 * one image with n·c channels, [1, Hp, Wp, n·c], with dy viewed as an [Ho, Wo, n·c, 1] filter dilated by the stride;
 * the n copies of each channel are then summed. (Tap by tap, with strided slices, took 20× longer on tfjs-wasm, whose
 * StridedSlice walks every element in JS: 5 s against 0.27 s for a stride-2 layer at batch 8, 112×112×64.)
 */
export function depthwiseBackpropFilterViaConv(
  x: tf.Tensor4D,
  dy: tf.Tensor4D,
  filterShape: [number, number, number, number],
  strides: Pair,
  pad: ConvPad,
  dimRoundingMode?: "floor" | "round" | "ceil",
): tf.Tensor4D {
  return tf.tidy(() => {
    multiplierOne(filterShape);
    if (dy.size === 0) return tf.zeros(filterShape) as tf.Tensor4D;
    const info = convInfo(x.shape, filterShape, strides, pad, dimRoundingMode);
    const [kh, kw, c] = filterShape;
    const [n, ho, wo] = dy.shape;
    const [sh, sw] = [info.strideHeight, info.strideWidth];
    const { top, left } = info.padInfo;
    // the padded input, cropped to the rows and columns some window reads: the result is exactly kh×kw
    const usedH = (ho - 1) * sh + kh;
    const usedW = (wo - 1) * sw + kw;
    const xp = padOrCrop(x, top, usedH - x.shape[1] - top, left, usedW - x.shape[2] - left);
    const image = tf.reshape(tf.transpose(xp, [1, 2, 0, 3]), [1, usedH, usedW, n * c]) as tf.Tensor4D;
    const filter = tf.reshape(tf.transpose(dy, [1, 2, 0, 3]), [ho, wo, n * c, 1]) as tf.Tensor4D;
    const perImage = tf.depthwiseConv2d(image, filter, 1, "valid", "NHWC", [sh, sw]); // [1, kh, kw, n·c]
    return tf.reshape(tf.sum(tf.reshape(perImage, [kh, kw, n, c]), 2), filterShape) as tf.Tensor4D;
  });
}
