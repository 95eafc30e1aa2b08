import * as tf from "@tensorflow/tfjs-core";
import { expect, it } from "vitest";
import { buildHead } from "../../../src/model/heads";
import { lessonAugment } from "../../../src/train/augment";
import { Trainer } from "../../../src/train/engine";
import { prepare } from "../../../src/train/examples";
import type { TrainConfig } from "../../../src/train/protocol";
import { collect, syntheticExamples, TINY_SIZE, tinyBackbone } from "./helpers";

it("lessonAugment: same size, seeded, boxes stay on the object (the flip moves them with the pixels)", async () => {
  const [ex] = syntheticExamples(1);
  const p = await prepare(ex, TINY_SIZE);
  const views = [1, 2, 3, 4, 5, 6].map((seed) => lessonAugment(p, seed));
  for (const v of views) {
    expect(v.pixels.length).toBe(p.pixels.length);
    expect(v.boxes.length).toBe(v.classes.length);
  }
  expect(lessonAugment(p, 3).pixels).toEqual(views[2].pixels);
  // some seed flips: its box's columns mirror (c0' ≈ 1 − c1) within rotation and pixel rounding
  const flipped = views.find((v) => Math.abs(v.boxes[0][1] - (1 - p.boxes[0][3])) < 0.08);
  expect(flipped).toBeDefined();
});

/** 4 training + 2 validation synthetic images, a tiny trainable backbone and an SSD 4×4 head over 3 classes. */
async function tinySsd4() {
  const ex = syntheticExamples(6);
  const data = {
    train: await Promise.all(ex.slice(0, 4).map((e) => prepare(e, TINY_SIZE))),
    val: await Promise.all(ex.slice(4).map((e) => prepare(e, TINY_SIZE))),
  };
  const backbone = tinyBackbone(true);
  const head = buildHead("ssd4", { inputShape: backbone.featureShape, width: 8, numClasses: 3 });
  return { data, backbone, head };
}

/** 3 cached views per training image, with the lesson's augmentations. */
const AUGMENTED: TrainConfig = {
  head: "ssd4",
  lr: 1e-3,
  epochs: 4,
  batchSize: 2,
  classes: ["r", "g", "b"],
  views: 3,
  augment: true,
};

it("with augment on, the cache holds K views per training image and trains from them", async () => {
  const { data, backbone, head } = await tinySsd4();
  const { events, emit } = collect();
  const t = new Trainer(backbone, head, AUGMENTED, data, { emit, augment: lessonAugment });
  await t.play();
  const cache = events.filter((e) => e.type === "cache");
  const last = cache[cache.length - 1];
  expect(last?.type === "cache" && last.total).toBe(4 * 3 + 2);
  expect(t.progress.epoch).toBe(4);
  const n = tf.memory().numTensors;
  t.dispose();
  head.dispose();
  expect(tf.memory().numTensors).toBeLessThan(n);
});

it("each augmented view is computed once: steps from a full cache augment nothing", async () => {
  const { data, backbone, head } = await tinySsd4();
  let calls = 0;
  const counting = (p: Parameters<typeof lessonAugment>[0], seed: number) => {
    calls++;
    return lessonAugment(p, seed);
  };
  const t = new Trainer(backbone, head, AUGMENTED, data, { emit: collect().emit, augment: counting });
  await t.ensureCache();
  expect(calls).toBe(4 * 2); // views 1 and 2 of each training image (view 0 is the image itself)
  for (let i = 0; i < 6; i++) await t.step();
  expect(calls).toBe(4 * 2);
  t.dispose();
  head.dispose();
});
