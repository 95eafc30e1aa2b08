// tf.tile as a broadcasting multiply by ones (exact: x·1 = x), for tfjs-wasm, whose own Tile kernel walks
// every element through generic index arithmetic (~100 ms for the 200k-element tiles in BatchNorm's
// gradient, against ~1 ms for a broadcasting Multiply). Numeric dtypes only; bool keeps the original.
import * as tf from "@tensorflow/tfjs-core";

/** The shapes that make `tile(x, reps)` one broadcast: x viewed as `view`, broadcast to `full`. */
export function tileAsBroadcast(
  shape: number[],
  reps: number[],
): { view: number[]; full: number[]; out: number[] } {
  if (reps.length !== shape.length)
    throw new Error(`tile: reps [${reps}] must have one entry per axis of [${shape}]`);
  const view: number[] = [];
  const full: number[] = [];
  shape.forEach((d, i) => {
    const r = reps[i];
    if (d === 1 || r === 1) {
      view.push(d);
      full.push(d * r);
    } else {
      // repeat a whole axis: a new outer axis of size r, so index q·d + i reads x[i]
      view.push(1, d);
      full.push(r, d);
    }
  });
  return { view, full, out: shape.map((d, i) => d * reps[i]) };
}

/** tile(x, reps) for float32/int32 x via one broadcasting multiply. */
export function tileViaBroadcast(x: tf.Tensor, reps: number[]): tf.Tensor {
  return tf.tidy(() => {
    const { view, full, out } = tileAsBroadcast(x.shape, reps);
    return tf.reshape(tf.mul(tf.ones(full, x.dtype), tf.reshape(x, view)), out);
  });
}
