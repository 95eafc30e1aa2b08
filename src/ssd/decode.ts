// Activations -> predicted corner boxes, as offsets of the anchors. Lesson: `actn_to_bb`.
import * as tf from "@tensorflow/tfjs-core";
import { hw2corners } from "./boxes";

/**
 * actn [A, 4] or [B, A, 4], anchors [A, 4] = [ctrR, ctrC, h, w], gridSizes [A] or [A, 1] -> corners like actn.
 * t = tanh(actn); centre = t[:2]/2 * grid + anchor centre; size = (t[2:]/2 + 1) * anchor size.
 */
export function actnToBb(actn: tf.Tensor, anchors: tf.Tensor2D, gridSizes: tf.Tensor): tf.Tensor {
  const a = anchors.shape[0];
  if (actn.shape[actn.rank - 1] !== 4 || actn.shape[actn.rank - 2] !== a || gridSizes.size !== a) {
    throw new Error(
      `actnToBb: expected actn [..., ${a}, 4] and gridSizes [${a}], got [${actn.shape}] and [${gridSizes.shape}]`,
    );
  }
  return tf.tidy(() => {
    const t = tf.tanh(actn);
    const [tCtr, tHw] = tf.split(t, 2, -1);
    const [aCtr, aHw] = tf.split(anchors, 2, -1);
    const ctr = tf.add(tf.mul(tf.div(tCtr, 2), tf.reshape(gridSizes, [a, 1])), aCtr);
    const hw = tf.mul(tf.add(tf.div(tHw, 2), 1), aHw);
    return hw2corners(ctr, hw);
  });
}
