// The batched path (tf.image ops on [B, H, W, 3]) agrees with the per-image path on the same seeds, moves
// boxes with the rectangles, and leaks no tensors. Also: tfjs's rotateWithOffset turns the way we do.
import { readFileSync } from "node:fs";
import * as tf from "@tensorflow/tfjs-core";
import jpeg from "jpeg-js";
import { describe, expect, it } from "vitest";
import { rotateAffine } from "../../../src/augment/affine";
import { augmentBatch, type BatchImpl, imagesToTensor } from "../../../src/augment/batch";
import { demoAugs30, tfmsFromModel, trainingPipeline } from "../../../src/augment/presets";
import { sampleSeed } from "../../../src/augment/random";
import { augmentSample, floatToRgba, rgbaToFloat, warpAffine } from "../../../src/augment/sample";
import { CenterCrop, type Pipeline, RandomFlip, RandomRotate } from "../../../src/augment/transforms";
import type { RgbaImage } from "../../../src/data/types";
import type { Box } from "../../../src/ssd/types";
import { expectNear, maxRgbDiff, noiseImage, pixelBox, rectImage } from "./helpers";

function tensorToRgba(t: tf.Tensor4D, i: number): RgbaImage {
  const [, h, w] = t.shape;
  const x = tf.tidy(() => tf.reshape(tf.slice(t, [i, 0, 0, 0], [1, h, w, 3]), [h * w * 3]));
  const v = x.dataSync();
  x.dispose();
  return floatToRgba({ h, w, data: Float32Array.from(v) });
}

/** Batched vs per-image, image by image: boxes equal, pixels within `tol` levels of 255. */
function expectAgree(
  images: RgbaImage[],
  boxes: Box[][],
  pipeline: Pipeline,
  seed: number,
  impl: BatchImpl = "tf",
  tol = 1,
) {
  const x = imagesToTensor(images);
  const out = augmentBatch(x, boxes, pipeline, seed, { impl });
  let worst = 0;
  images.forEach((img, i) => {
    const one = augmentSample(img, boxes[i], pipeline, sampleSeed(seed, i));
    expect(out.plans[i]).toEqual(one.plan);
    expect(out.boxes[i]).toEqual(one.boxes);
    const batched = tensorToRgba(out.images, i);
    worst = Math.max(worst, maxRgbDiff(batched, one.image));
  });
  expect(worst).toBeLessThanOrEqual(tol);
  x.dispose();
  out.images.dispose();
  return worst;
}

function vocImage(id: string): { image: RgbaImage; boxes: Box[] } {
  const root = new URL("../../../../shared/voc-samples/", import.meta.url);
  const summary = JSON.parse(readFileSync(new URL("SUMMARY.json", root), "utf8"))[id];
  const raw = jpeg.decode(readFileSync(new URL(`VOCdevkit/VOC2007/JPEGImages/${id}.jpg`, root)), {
    useTArray: true,
  });
  const boxes: Box[] = summary.objects.map((o: Record<string, number>) => [
    o.ymin - 1,
    o.xmin - 1,
    o.ymax - 1,
    o.xmax - 1,
  ]);
  return { image: { width: raw.width, height: raw.height, data: new Uint8ClampedArray(raw.data) }, boxes };
}

describe("batched path = per-image path on the same seeds", () => {
  it("noise images through the lesson's training pipeline and the 30° demo", () => {
    const imgs = [1, 2, 3, 4].map((s) => noiseImage(60, 80, s));
    const boxes: Box[][] = [
      [[5, 5, 30, 40]],
      [],
      [
        [10, 20, 50, 70],
        [0, 0, 0, 0],
      ],
      [[1, 1, 58, 78]],
    ];
    expectAgree(imgs, boxes, trainingPipeline(48), 11);
    expectAgree(imgs, boxes, tfmsFromModel(48, demoAugs30(), { crop: "random" }), 12);
  });

  it('the "js" implementation (the default on the cpu backend) gives the per-image result exactly', () => {
    const imgs = [1, 2, 3].map((s) => noiseImage(60, 80, s));
    expect(tf.getBackend()).toBe("cpu");
    expect(expectAgree(imgs, [[], [], []], trainingPipeline(48), 13, "js", 0)).toBe(0);
    const x = imagesToTensor(imgs);
    const a = augmentBatch(x, [[], [], []], trainingPipeline(48), 13);
    const b = augmentBatch(x, [[], [], []], trainingPipeline(48), 13, { impl: "js" });
    expect(Array.from(a.images.dataSync())).toEqual(Array.from(b.images.dataSync()));
    tf.dispose([x, a.images, b.images]);
  });

  it("a real VOC photo (000001, 500×353, a dog and a person) through Scale(224) → augs → NoCrop(224)", () => {
    const { image, boxes } = vocImage("000001");
    const worst = expectAgree([image, image, image], [boxes, boxes, boxes], trainingPipeline(224), 5);
    expect(worst).toBeLessThanOrEqual(1);
  });

  it("explicit seeds reproduce; the rectangle's pixels agree with its box in the batch", () => {
    const rect: Box = [20, 30, 50, 70];
    const imgs = [rectImage(80, 100, rect), rectImage(80, 100, rect)];
    const x = imagesToTensor(imgs);
    for (const p of [
      [RandomFlip({ p: 1 }), RandomRotate(30, 1)],
      [RandomRotate(10, 1), CenterCrop(60)],
    ]) {
      const out = augmentBatch(x, [[rect], [rect]], p, [101, 202], { impl: "tf" });
      for (let i = 0; i < 2; i++) {
        const measured = pixelBox(tensorToRgba(out.images, i)) as Box;
        expectNear(out.boxes[i][0], measured, 2);
        expect(augmentSample(imgs[i], [rect], p, [101, 202][i]).boxes).toEqual(out.boxes[i]);
      }
      out.images.dispose();
    }
    x.dispose();
  });

  it("leaks no tensors per call", () => {
    const x = imagesToTensor([noiseImage(40, 50, 1), noiseImage(40, 50, 2)]);
    for (const impl of ["tf", "js"] as const) {
      const run = () => augmentBatch(x, [[], []], trainingPipeline(32), 3, { impl }).images.dispose();
      run();
      const before = tf.memory().numTensors;
      for (let i = 0; i < 3; i++) run();
      expect(tf.memory().numTensors).toBe(before);
    }
    x.dispose();
  });

  it("bad input is named", () => {
    const x = tf.zeros([2, 4, 4, 3]) as tf.Tensor4D;
    expect(() => augmentBatch(x, [[]], [], 0)).toThrow(/2 images but 1 box lists/);
    expect(() => augmentBatch(x, [[], []], [], [1])).toThrow(/2 images but 1 seeds/);
    const y = tf.zeros([2, 4, 4]) as unknown as tf.Tensor4D;
    expect(() => augmentBatch(y, [[], []], [], 0)).toThrow(/must be \[B, H, W, 3\]/);
    x.dispose();
    y.dispose();
  });
});

describe("tfjs conventions we rely on or avoid", () => {
  it("tf.image.rotateWithOffset turns the same way as OpenCV and our matrix: positive = counter-clockwise", () => {
    const h = 21;
    const w = 31;
    // a bright dot right of the centre (w//2, h//2) = (15, 10)
    const dot = (r: number, c: number) => {
      const d = new Uint8ClampedArray(h * w * 4);
      d[(r * w + c) * 4] = 255;
      return { width: w, height: h, data: d };
    };
    const img = dot(10, 25);
    const deg = 90;
    const ours = pixelBox(
      floatToRgba(warpAffine(rgbaToFloat(img), rotateAffine({ h, w }, deg), { h, w })),
    ) as Box;
    const x = imagesToTensor([img]);
    const theirs = tf.tidy(() =>
      tf.image.rotateWithOffset(x, (deg * Math.PI) / 180, 0, [Math.floor(w / 2) / w, Math.floor(h / 2) / h]),
    );
    const theirsBox = pixelBox(tensorToRgba(theirs as tf.Tensor4D, 0)) as Box;
    x.dispose();
    theirs.dispose();
    expect(ours).toEqual([0, 15, 0, 15]); // up: counter-clockwise as displayed
    expect(theirsBox).toEqual(ours);
  });

  it("tfjs 4.22's CPU Transform kernel only transforms image 0 of a batch (why batch.ts goes one by one on CPU)", () => {
    const x = imagesToTensor([noiseImage(6, 6, 1), noiseImage(6, 6, 2)]);
    const shift = tf.tensor2d([
      [1, 0, 1, 0, 1, 0, 0, 0],
      [1, 0, 1, 0, 1, 0, 0, 0],
    ]);
    const y = tf.image.transform(x, shift, "bilinear", "reflect", 0);
    const second = tf.tidy(() => tf.max(tf.slice(y, [1, 0, 0, 0], [1, 6, 6, 3])).dataSync()[0]);
    expect(second).toBe(0); // if this fails, tfjs fixed the kernel and the per-image loop can go
    x.dispose();
    shift.dispose();
    y.dispose();
  });
});
