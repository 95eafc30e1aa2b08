import * as tf from "@tensorflow/tfjs-core";
import { expect, it } from "vitest";
import { makeSsdHeadStep } from "../../../src/train/step";

it("makeSsdHeadStep: 30 multi-head steps lower the loss on a fixed batch and leaks no tensors", async () => {
  const s = makeSsdHeadStep([7, 7, 8], { width: 8, numClasses: 3, lr: 1e-2 });
  const feats = tf.randomNormal([2, 7, 7, 8], 0, 1, "float32", 1) as tf.Tensor4D;
  const boxes = [
    [
      [0, 0, 0, 0],
      [0.1, 0.1, 0.6, 0.5],
    ],
    [
      [0.2, 0.3, 0.9, 0.8],
      [0.5, 0.1, 0.9, 0.4],
    ],
  ];
  const classes = [
    [0, 1],
    [2, 0],
  ];
  const first = await s.step(feats, boxes, classes);
  const n = tf.memory().numTensors;
  let last = first;
  for (let i = 0; i < 30; i++) last = await s.step(feats, boxes, classes);
  expect(tf.memory().numTensors).toBe(n);
  expect(last).toBeLessThan(0.8 * first);
  feats.dispose();
  s.dispose();
});
