// Depthwise convolution gradients from forward ops, for tfjs-wasm 4.22, which has the forward DepthwiseConv2dNative
// (XNNPACK) but neither DepthwiseConv2dNativeBackpropInput nor ...BackpropFilter: without them a MobileNet body
// cannot train there. The two halves of PyTorch's depthwise `conv2d(groups=C)` backward, channel multiplier 1.
import * as tf from "@tensorflow/tfjs-core";
import { type ConvPad, convInfo, padOrCrop, pickTaps, transposedByPhases } from "./conv-grads";

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
    const flat = tf.reshape(filter, [kh * kw, c]) as tf.Tensor2D; // [(kh,kw), c]
    return transposedByPhases(dy, info, filter.shape, inputShape, (dyp, taps, r, cols) =>
      tf.depthwiseConv2d(dyp, tf.reshape(pickTaps(flat, taps), [r, cols, c, 1]) as tf.Tensor4D, 1, "valid"),
    );
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
