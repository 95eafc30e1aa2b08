import * as tf from "@tensorflow/tfjs-core";
import { describe, expect, it } from "vitest";
import { nms, nmsFast } from "../../../src/ssd";
import { expectNoLeakAsync, rng } from "./helpers";

const LESSON_BOXES = [
  [0.1, 0.1, 0.5, 0.5],
  [0.12, 0.12, 0.52, 0.52],
  [0.6, 0.6, 0.9, 0.9],
  [0.11, 0.09, 0.49, 0.51],
  [0.55, 0.58, 0.88, 0.91],
  [0.25, 0.1, 0.65, 0.5],
];
const LESSON_SCORES = [0.9, 0.8, 0.7, 0.6, 0.3, 0.5];

function randomBoxes(r: () => number, n: number): number[][] {
  return Array.from({ length: n }, () => {
    const r0 = r() * 0.8;
    const c0 = r() * 0.8;
    return [r0, c0, r0 + 0.05 + r() * 0.4, c0 + 0.05 + r() * 0.4];
  });
}

describe("nms", () => {
  it("the reference §4.4 examples: overlap 0.4 keeps [0, 2]; 0.5 keeps [0, 2, 5]", () => {
    expect(nms(LESSON_BOXES, LESSON_SCORES, 0.4, 50)).toEqual({ keep: [0, 2], count: 2 });
    expect(nms(LESSON_BOXES, LESSON_SCORES, 0.5, 100)).toEqual({ keep: [0, 2, 5], count: 3 });
  });

  it("a box survives at IoU exactly equal to overlap; topK limits the candidates", async () => {
    const boxes = [
      [0, 0, 1, 1],
      [0, 0.5, 1, 1.5], // IoU with box 0 = 1/3, with box 2 = 0
      [0, 0, 1, 0.5], // IoU with box 0 = 0.5 exactly
    ];
    expect(nms(boxes, [0.9, 0.1, 0.8], 0.5, 10).keep).toEqual([0, 2, 1]);
    expect((await nmsFast(boxes, [0.9, 0.1, 0.8], 0.5, 10)).keep).toEqual([0, 2, 1]);
    expect(nms(boxes, [0.9, 0.1, 0.8], 0.49, 10).keep).toEqual([0, 1]);
    expect(nms(boxes, [0.9, 0.1, 0.8], 0.5, 2).keep).toEqual([0, 2]);
    expect(nms([], [], 0.5, 10)).toEqual({ keep: [], count: 0 });
  });

  it("accepts tensors and names bad input", () => {
    const b = tf.tensor2d(LESSON_BOXES);
    const s = tf.tensor1d(LESSON_SCORES);
    expect(nms(b, s, 0.4, 50).keep).toEqual([0, 2]);
    expect(() => nms(LESSON_BOXES, [0.1], 0.5, 10)).toThrow(/nms: need boxes \[n, 4\] and scores \[n\]/);
    tf.dispose([b, s]);
  });

  it("nmsFast (tf.image.nonMaxSuppressionAsync) agrees with the greedy nms on random sets", async () => {
    const r = rng(99);
    expect(await nmsFast(LESSON_BOXES, LESSON_SCORES, 0.5, 100)).toEqual({ keep: [0, 2, 5], count: 3 });
    for (let trial = 0; trial < 30; trial++) {
      const n = 1 + Math.floor(r() * 60);
      const boxes = randomBoxes(r, n);
      const scores = boxes.map(() => r());
      const overlap = 0.2 + r() * 0.5;
      const topK = 1 + Math.floor(r() * 80);
      expect(await nmsFast(boxes, scores, overlap, topK)).toEqual(nms(boxes, scores, overlap, topK));
    }
  });

  it("nmsFast does not leak tensors", async () => {
    const b = tf.tensor2d(LESSON_BOXES);
    const s = tf.tensor1d(LESSON_SCORES);
    await expectNoLeakAsync(() => nmsFast(b, s, 0.4, 50));
    await expectNoLeakAsync(() => nmsFast(LESSON_BOXES, LESSON_SCORES, 0.4, 50));
    tf.dispose([b, s]);
  });
});
