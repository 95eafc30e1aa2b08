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
 * dL/dW of `depthwiseConv2d(x, W, strides, pad)` (NHWC, dilation 1, multiplier 1), one filter tap at a time:
 * dW[a, b, c] = Σ_{n,i,j} xpad[n, s·i + a, s·j + b, c] · dy[n, i, j, c] — a strided window of x times dy, summed
 * over batch and space. k² multiply-and-sums (9 or 25), each as large as dy: about the forward pass's work.
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
    // the padded input, cropped to the rows and columns some window reads
    const usedH = (ho - 1) * sh + kh;
    const usedW = (wo - 1) * sw + kw;
    const xp = padOrCrop(x, top, usedH - x.shape[1] - top, left, usedW - x.shape[2] - left);
    const taps: tf.Tensor[] = [];
    for (let a = 0; a < kh; a++) {
      for (let b = 0; b < kw; b++) {
        const win = tf.stridedSlice(
          xp,
          [0, a, b, 0],
          [n, a + (ho - 1) * sh + 1, b + (wo - 1) * sw + 1, c],
          [1, sh, sw, 1],
        );
        taps.push(tf.sum(tf.mul(win, dy), [0, 1, 2]));
      }
    }
    return tf.reshape(tf.stack(taps), filterShape) as tf.Tensor4D;
  });
}
