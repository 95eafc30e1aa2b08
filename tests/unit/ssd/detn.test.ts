import * as tf from "@tensorflow/tfjs-core";
import { describe, expect, it } from "vitest";
import {
  accuracyThresh,
  accuracyThreshTensor,
  crossEntropy,
  detnAcc,
  detnAccTensor,
  detnBoxes,
  detnL1,
  detnL1Tensor,
  detnLoss,
} from "../../../src/ssd";
import { expectNoLeak } from "./helpers";

function row(box: number[], logits: Record<number, number>, c = 20): number[] {
  const r = [...box, ...new Array(c).fill(0)];
  for (const [i, v] of Object.entries(logits)) r[4 + Number(i)] = v;
  return r;
}

describe("single-object detection: detnLoss, detnL1, detnAcc", () => {
  it("reproduces §4.3: one row [-1,-1,1,1] + logit 3 on class 14", () => {
    const input = tf.tensor2d([row([-1, -1, 1, 1], { 14: 3 })]);
    const bb = tf.tensor2d([[50, 60, 170, 180]]);
    const c = tf.tensor1d([14], "int32");
    const p = detnLoss(input, bb, c);
    expect(p.l1.dataSync()[0]).toBeCloseTo(8.242878, 4);
    expect(p.ce.dataSync()[0]).toBeCloseTo(0.665752, 5);
    expect(p.loss.dataSync()[0]).toBeCloseTo(21.557928, 3);
    expect(detnBoxes(input).arraySync()[0][0]).toBeCloseTo(60.2429, 3);
    expect(detnL1(input, bb)).toBeCloseTo(8.242878, 4);
    expect(detnAcc(input, c)).toBe(1);
    tf.dispose([input, bb, c, p.l1, p.ce, p.loss]);
  });

  it("detnAcc counts argmax hits; crossEntropy is log(C) for zero logits", () => {
    const input = tf.tensor2d([
      row([0, 0, 0, 0], { 3: 2 }),
      row([0, 0, 0, 0], { 5: 1 }),
      row([0, 0, 0, 0], { 7: 4 }),
    ]);
    const c = tf.tensor1d([3, 4, 7], "int32");
    expect(detnAcc(input, c)).toBeCloseTo(2 / 3, 6);
    const accT = detnAccTensor(input, c);
    expect(accT.dataSync()[0]).toBeCloseTo(2 / 3, 6);
    accT.dispose();
    const z = tf.zeros([2, 21]) as tf.Tensor2D;
    const t = tf.tensor1d([0, 20], "int32");
    expect(crossEntropy(z, t).dataSync()[0]).toBeCloseTo(Math.log(21), 5);
    tf.dispose([input, c, z, t]);
  });

  it("cross-entropy stays finite for large logits", () => {
    const input = tf.tensor2d([row([0, 0, 0, 0], { 2: 200, 3: -200 })]);
    const p = detnLoss(input, tf.zeros([1, 4]) as tf.Tensor2D, tf.tensor1d([3], "int32"));
    expect(p.ce.dataSync()[0]).toBeCloseTo(400, 2);
    tf.dispose([input, p.l1, p.ce, p.loss]);
  });

  it("names bad shapes", () => {
    const input = tf.zeros([2, 24]) as tf.Tensor2D;
    const bb = tf.zeros([3, 4]) as tf.Tensor2D;
    const c = tf.zeros([2], "int32") as tf.Tensor1D;
    expect(() => detnLoss(input, bb, c)).toThrow(/detnLoss: targets must be \[2, 4\]/);
    tf.dispose([input, bb, c]);
  });

  it("does not leak tensors", () => {
    const input = tf.tensor2d([row([0.1, 0.2, 0.3, 0.4], { 1: 1 })]);
    const bb = tf.tensor2d([[1, 2, 3, 4]]);
    const c = tf.tensor1d([1], "int32");
    expectNoLeak(() => detnLoss(input, bb, c));
    expectNoLeak(() => detnAcc(input, c));
    expectNoLeak(() => detnL1(input, bb));
    expectNoLeak(() => detnBoxes(input));
    expectNoLeak(() => detnAccTensor(input, c));
    expectNoLeak(() => detnL1Tensor(input, bb));
    tf.dispose([input, bb, c]);
  });
});

describe("accuracyThresh (multi-label)", () => {
  it("is the fraction of entries where (p > thresh) equals the target", () => {
    const p = tf.tensor2d([
      [0.9, 0.2, 0.6],
      [0.1, 0.7, 0.5],
    ]);
    const t = tf.tensor2d([
      [1, 0, 0],
      [0, 1, 1],
    ]);
    expect(accuracyThresh(p, t)).toBeCloseTo(4 / 6, 6); // 0.6 > 0.5 vs 0 wrong; 0.5 > 0.5 false vs 1 wrong
    expect(accuracyThresh(p, t, 0.55)).toBeCloseTo(4 / 6, 6);
    expect(accuracyThresh(p, t, 0.65)).toBeCloseTo(5 / 6, 6);
    expectNoLeak(() => accuracyThresh(p, t));
    expectNoLeak(() => accuracyThreshTensor(p, t));
    const bad = tf.zeros([2, 2]);
    expect(() => accuracyThresh(p, bad)).toThrow(/differ/);
    tf.dispose([p, t, bad]);
  });
});
