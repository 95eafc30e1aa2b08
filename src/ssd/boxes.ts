// Box conventions of the lesson: VOC/COCO [x, y, w, h] <-> fastai's [top, left, bottom, right] (row first),
// centre-size <-> corners, and the largest object of an image.
import * as tf from "@tensorflow/tfjs-core";
import type { Box } from "./types";

/** COCO/VOC-json [x, y, w, h] (inclusive pixels) -> [r0, c0, r1, c1]. Lesson: `hw_bb`. */
export function hwBb(bb: readonly number[]): Box {
  checkLength(bb, 4, "hwBb: bbox");
  return [bb[1], bb[0], bb[3] + bb[1] - 1, bb[2] + bb[0] - 1];
}

/** [r0, c0, r1, c1] -> matplotlib [x, y, w, h] (the final, +1 version). Lesson: `bb_hw`. */
export function bbHw(a: readonly number[]): [number, number, number, number] {
  checkLength(a, 4, "bbHw: box");
  return [a[1], a[0], a[3] - a[1] + 1, a[2] - a[0] + 1];
}

/** Centre + size -> corners along the last axis: [ctr - hw/2, ctr + hw/2]. Lesson: `hw2corners`. */
export function hw2corners<R extends tf.Rank>(ctr: tf.Tensor<R>, hw: tf.Tensor<R>): tf.Tensor<R> {
  return tf.tidy(() => {
    const half = tf.div(hw, 2);
    return tf.concat([tf.sub(ctr, half), tf.add(ctr, half)], -1) as tf.Tensor<R>;
  });
}

/** Corners [..., 4] -> {ctr, hw} along the last axis (the inverse of hw2corners). */
export function corners2hw<R extends tf.Rank>(cnr: tf.Tensor<R>): { ctr: tf.Tensor<R>; hw: tf.Tensor<R> } {
  return tf.tidy(() => {
    const [tl, br] = tf.split(cnr, 2, -1);
    return { ctr: tf.div(tf.add(tl, br), 2) as tf.Tensor<R>, hw: tf.sub(br, tl) as tf.Tensor<R> };
  });
}

/** One box's area as a number, (r1-r0)*(c1-c0), no +1 pixel terms. Lesson: the `get_lrg` sort key, `np.product(x[0][-2:]-x[0][:2])` (the tensor version, `box_sz`, is iou.ts' boxSz). */
export function boxArea(b: readonly number[]): number {
  return (b[2] - b[0]) * (b[3] - b[1]);
}

/** Index of the box with the largest (r1-r0)*(c1-c0); the first one on ties; -1 if none. Lesson: `get_lrg`. */
export function largestObject(boxes: readonly (readonly number[])[]): number {
  let best = -1;
  let bestArea = Number.NEGATIVE_INFINITY;
  boxes.forEach((b, i) => {
    checkLength(b, 4, `largestObject: box ${i}`);
    const area = boxArea(b);
    if (area > bestArea) {
      best = i;
      bestArea = area;
    }
  });
  return best;
}

/** A padding row (the DataLoader pre-pads with zeros) or a degenerate box: r1 - r0 <= 0. Lesson: `get_y`. */
export function isPadding(b: readonly number[]): boolean {
  return !(b[2] - b[0] > 0);
}

function checkLength(a: readonly number[], n: number, what: string): void {
  if (!Array.isArray(a) || a.length !== n || a.some((v) => typeof v !== "number")) {
    throw new Error(`${what} must be ${n} numbers, got ${JSON.stringify(a)}`);
  }
}
