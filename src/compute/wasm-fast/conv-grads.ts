// Convolution gradients written as forward convolutions, so a backend whose only fast kernel is the
// forward Conv2D (tfjs-wasm: XNNPACK) can train convolutions. These are the two halves of PyTorch's
// `conv2d` backward (autograd's `convolution_backward`), which the lesson's `StdConv`/`OutConv` rely on.
import * as tf from "@tensorflow/tfjs-core";

export type ConvPad =
  | "valid"
  | "same"
  | number
  | [[number, number], [number, number], [number, number], [number, number]];
type Pair = [number, number] | number;

/** Pad (positive) or crop (negative) an NHWC tensor on the height and width axes. */
export function padOrCrop(
  x: tf.Tensor4D,
  top: number,
  bottom: number,
  left: number,
  right: number,
): tf.Tensor4D {
  const padded =
    top > 0 || bottom > 0 || left > 0 || right > 0
      ? tf.pad(x, [
          [0, 0],
          [Math.max(top, 0), Math.max(bottom, 0)],
          [Math.max(left, 0), Math.max(right, 0)],
          [0, 0],
        ])
      : x;
  if (top >= 0 && bottom >= 0 && left >= 0 && right >= 0) return padded;
  const [n, h, w, c] = padded.shape;
  const t = Math.max(-top, 0);
  const l = Math.max(-left, 0);
  return tf.slice(padded, [0, t, l, 0], [n, h - t - Math.max(-bottom, 0), w - l - Math.max(-right, 0), c]);
}

export function convInfo(
  xShape: number[],
  filterShape: number[],
  strides: Pair,
  pad: ConvPad,
  round?: "floor" | "round" | "ceil",
) {
  return tf.backend_util.computeConv2DInfo(
    xShape as [number, number, number, number],
    filterShape as [number, number, number, number],
    strides,
    1,
    pad,
    round,
  );
}

/**
 * dL/dW of `conv2d(x, W, strides, pad)` (NHWC, dilation 1), as one forward convolution:
 * dW[kh,kw,ci,co] = Σ_{n,y,x} xpad[n, s·y+kh, s·x+kw, ci] · dy[n,y,x,co] is a conv of xpad viewed as
 * [ci, H, W, n] with dy viewed as a [Ho, Wo, n, co] filter dilated by the stride.
 */
export function conv2dBackpropFilterViaConv(
  x: tf.Tensor4D,
  dy: tf.Tensor4D,
  filterShape: [number, number, number, number],
  strides: Pair,
  pad: ConvPad,
  dimRoundingMode?: "floor" | "round" | "ceil",
): tf.Tensor4D {
  return tf.tidy(() => {
    if (dy.size === 0) return tf.zeros(filterShape) as tf.Tensor4D;
    const info = convInfo(x.shape, filterShape, strides, pad, dimRoundingMode);
    const { top, left } = info.padInfo;
    const [kh, kw] = [info.filterHeight, info.filterWidth];
    // Rows/cols past the last window are never read: crop them so the result is exactly kh×kw.
    const usedH = (dy.shape[1] - 1) * info.strideHeight + kh;
    const usedW = (dy.shape[2] - 1) * info.strideWidth + kw;
    const xp = padOrCrop(x, top, usedH - x.shape[1] - top, left, usedW - x.shape[2] - left);
    const xT = tf.transpose(xp, [3, 1, 2, 0]); // [ci, Hp, Wp, n]
    const dyT = tf.transpose(dy, [1, 2, 0, 3]); // [Ho, Wo, n, co]
    const dW = tf.conv2d(xT, dyT as tf.Tensor4D, 1, "valid", "NHWC", [info.strideHeight, info.strideWidth]);
    return tf.transpose(dW, [1, 2, 0, 3]) as tf.Tensor4D; // [kh, kw, ci, co]
  });
}

/** The taps of one output phase of a transposed convolution along one axis (see conv2dBackpropInputViaConv). */
interface Phase {
  /** filter taps used, in the order the correlation reads them (flipped) */
  taps: number[];
  /** output rows of this phase: a, a+s, a+2s, … below `size` */
  rows: number;
  /** dy padding before (negative: crop) so that a valid correlation gives exactly `rows` rows */
  before: number;
  after: number;
}

/** dx[s·i+a] = Σ_t dy[i+c−t]·W[r+s·t] with r = (a+pad) mod s, c = (a+pad−r)/s: a stride-1 correlation per phase a. */
export function phaseOf(a: number, s: number, k: number, pad: number, size: number, dySize: number): Phase {
  const r = (((a + pad) % s) + s) % s;
  const c = (a + pad - r) / s;
  const n = r < k ? Math.ceil((k - r) / s) : 0;
  const taps = Array.from({ length: n }, (_, t) => r + s * (n - 1 - t));
  const rows = a < size ? Math.ceil((size - a) / s) : 0;
  const before = n - 1 - c;
  return { taps, rows, before, after: rows + n - 1 - before - dySize };
}

/** Rows of `w` (as [kh·kw, rest]) picked in order by one exact 0/1 matrix product (tfjs-wasm's gather and reverse are slow). */
export function pickTaps(w: tf.Tensor2D, rows: number[]): tf.Tensor2D {
  const n = w.shape[0];
  const pick = new Float32Array(rows.length * n);
  rows.forEach((r, i) => {
    pick[i * n + r] = 1;
  });
  return tf.matMul(tf.tensor2d(pick, [rows.length, n]), w);
}

/** Interleave phase outputs: phases[a][b] holds rows a, a+sh, … and cols b, b+sw, … of an [n, h, w, c] result. */
export function interleave(
  phases: tf.Tensor4D[][],
  sh: number,
  sw: number,
  h: number,
  w: number,
): tf.Tensor4D {
  if (sh === 1 && sw === 1) return phases[0][0];
  const hc = Math.ceil(h / sh);
  const wc = Math.ceil(w / sw);
  const [n, , , c] = phases[0][0].shape;
  const rows = phases.map((row) => {
    const cols = row.map((p) =>
      tf.reshape(padOrCrop(p, 0, hc - p.shape[1], 0, wc - p.shape[2]), [n, hc, wc, 1, c]),
    );
    return tf.reshape(tf.concat(cols, 3), [n, hc, 1, wc * sw, c]);
  });
  const all = tf.reshape(tf.concat(rows, 2), [n, hc * sh, wc * sw, c]) as tf.Tensor4D;
  return tf.slice(all, [0, 0, 0, 0], [n, h, w, c]);
}

/**
 * A transposed convolution (the input gradient of a strided one) as s×s output phases: phase (a, b) is a stride-1
 * "valid" convolution of dy, padded or cropped for that phase, with the filter taps that reach it (`taps`: indices
 * into the flattened kh·kw positions, flipped order as phaseOf gives them), put back together by `interleave`.
 * `convolve` does the per-phase convolution (a plain one for conv2d, a depthwise one for depthwise convolutions).
 */
export function transposedByPhases(
  dy: tf.Tensor4D,
  info: ReturnType<typeof convInfo>,
  [kh, kw]: readonly number[],
  [n, h, w, c]: readonly number[],
  convolve: (dyp: tf.Tensor4D, taps: number[], rows: number, cols: number) => tf.Tensor4D,
): tf.Tensor4D {
  const [sh, sw] = [info.strideHeight, info.strideWidth];
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
      const dyp = padOrCrop(dy, pr.before, pr.after, pc.before, pc.after);
      row.push(convolve(dyp, taps, pr.taps.length, pc.taps.length));
    }
    phases.push(row);
  }
  return interleave(phases, sh, sw, h, w);
}

/**
 * dL/dx of `conv2d(x, W, strides, pad)` (NHWC, dilation 1), as forward convolutions: for stride s the
 * transposed convolution splits into s×s output phases, each a stride-1 correlation of dy with the
 * filter's taps for that phase, flipped, with in/out channels swapped (no multiply-by-inserted-zeros).
 */
export function conv2dBackpropInputViaConv(
  dy: tf.Tensor4D,
  filter: tf.Tensor4D,
  inputShape: [number, number, number, number],
  strides: Pair,
  pad: ConvPad,
  dimRoundingMode?: "floor" | "round" | "ceil",
): tf.Tensor4D {
  return tf.tidy(() => {
    if (dy.size === 0) return tf.zeros(inputShape) as tf.Tensor4D;
    const info = convInfo(inputShape, filter.shape, strides, pad, dimRoundingMode);
    const [kh, kw, ci, co] = filter.shape;
    const wT = tf.reshape(tf.transpose(filter, [0, 1, 3, 2]), [kh * kw, co * ci]) as tf.Tensor2D; // [(kh,kw), co·ci]
    return transposedByPhases(dy, info, filter.shape, [...inputShape.slice(0, 3), ci], (dyp, taps, r, c) =>
      tf.conv2d(dyp, tf.reshape(pickTaps(wT, taps), [r, c, co, ci]) as tf.Tensor4D, 1, "valid"),
    );
  });
}
