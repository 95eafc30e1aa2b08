// Draw a solid rectangle, transform image and box together: the box of the transformed rectangle's
// pixels must agree with the transformed box within 2 px. And tfmY "none" provably leaves boxes alone.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { rotateAffine } from "../../../src/augment/affine";
import { mapBoxes, type SamplePlan } from "../../../src/augment/plan";
import { demoAugs30, lessonAugs, tfmsFromModel, trainingPipeline } from "../../../src/augment/presets";
import { augmentSample, floatToRgba, rgbaToFloat, runPlan } from "../../../src/augment/sample";
import {
  CenterCrop,
  NoCrop,
  type Pipeline,
  RandomCrop,
  RandomFlip,
  RandomLighting,
  RandomRotate,
  Scale,
  withTfmY,
} from "../../../src/augment/transforms";
import type { Box } from "../../../src/ssd/types";
import { expectNear, pixelBox, rectImage } from "./helpers";

const H = 90;
const W = 120;
const RECT: Box = [25, 35, 60, 80];

function expectAgrees(pipeline: Pipeline, seed: number, rect = RECT, h = H, w = W) {
  const { image, boxes, plan } = augmentSample(rectImage(h, w, rect), [rect], pipeline, seed);
  const measured = pixelBox(image);
  expect(measured, "the rectangle is still in the image").not.toBeNull();
  const got = boxes[0];
  got.forEach((v, i) => {
    expect(
      Math.abs(v - (measured as Box)[i]),
      `${JSON.stringify(plan.steps.map((s) => s.params))}: box ${got} vs pixels ${measured}`,
    ).toBeLessThanOrEqual(2);
  });
  return { boxes, plan };
}

describe("the box moves with the image (per-image path)", () => {
  it("flip", () => {
    const { plan } = expectAgrees([RandomFlip({ p: 1 })], 1);
    expect(plan.steps[0].params.flipped).toBe(true);
  });

  for (const deg of [3, -3, 10, -10, 30, -30]) {
    it(`rotate ${deg}°`, () => {
      // RandomRotate(|deg|, p=1) draws the angle; search a seed that lands near deg (same sign, >= 80%)
      let seed = 0;
      for (; seed < 1000; seed++) {
        const { plan } = augmentSample(
          rectImage(4, 4, [0, 0, 1, 1]),
          [],
          [RandomRotate(Math.abs(deg), 1)],
          seed,
        );
        const d = plan.steps[0].params.deg as number;
        if (d / deg >= 0.8) break;
      }
      const { plan } = expectAgrees([RandomRotate(Math.abs(deg), 1)], seed);
      expect((plan.steps[0].params.deg as number) / deg).toBeGreaterThanOrEqual(0.8);
    });
  }

  it("exact angles ±3°, ±10°, ±30°, through a plan made by hand", () => {
    const size = { h: H, w: W };
    for (const deg of [3, -3, 10, -10, 30, -30]) {
      const plan: SamplePlan = {
        seed: 0,
        input: size,
        size,
        steps: [
          {
            kind: "geometry",
            transform: "rotate",
            tfmY: "coord",
            m: rotateAffine(size, deg),
            size,
            params: {},
          },
        ],
      };
      const image = floatToRgba(runPlan(rgbaToFloat(rectImage(H, W, RECT)), plan));
      const measured = pixelBox(image) as Box;
      const box = mapBoxes([RECT], plan)[0];
      expectNear(box, measured, 2, `${deg}°`);
    }
  });

  it("30° rotations at many seeds", () => {
    for (let seed = 0; seed < 12; seed++) expectAgrees([RandomRotate(30, 1)], seed);
  });

  it("scale (down and up) and squish", () => {
    expectAgrees([Scale(64)], 0);
    expectAgrees([Scale(108)], 0); // 90 -> 108: an upscale of 1.2
    expectAgrees([NoCrop(64)], 0);
    expectAgrees([Scale(60), NoCrop(72)], 0);
  });

  it("centre and random crops, the rectangle partly cut off", () => {
    expectAgrees([CenterCrop(80)], 0);
    expectAgrees([CenterCrop(50)], 0, [10, 10, 60, 70]);
    for (let seed = 0; seed < 8; seed++) expectAgrees([RandomCrop(64)], seed);
  });

  it("the lesson's pipelines, many seeds", () => {
    for (let seed = 0; seed < 6; seed++) {
      expectAgrees(trainingPipeline(64), seed);
      expectAgrees(tfmsFromModel(64, demoAugs30()), seed);
      expectAgrees(tfmsFromModel(64, lessonAugs(), { crop: "random" }), seed);
    }
  });

  it("lighting changes the pixels but never the box", () => {
    const { boxes } = expectAgrees([RandomLighting(0.3, 0.3)], 5);
    expect(boxes[0]).toEqual(RECT);
  });
});

describe('tfmY "none": the lesson\'s wrong picture, kept on purpose', () => {
  const pipelines: Pipeline[] = [
    trainingPipeline(64, "none"),
    tfmsFromModel(64, demoAugs30("none"), { tfmY: "none" }),
    withTfmY([RandomFlip({ p: 1 }), RandomRotate(30, 1), CenterCrop(40)], "none"),
  ];
  const arbBox = fc
    .tuple(fc.nat(H - 2), fc.nat(W - 2), fc.integer({ min: 1, max: 30 }), fc.integer({ min: 1, max: 30 }))
    .map(([r, c, dh, dw]) => [r, c, Math.min(H - 1, r + dh), Math.min(W - 1, c + dw)] as Box);

  it("never moves a box, for any seed and any box", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...pipelines),
        fc.array(arbBox, { maxLength: 4 }),
        fc.nat(),
        (p, boxes, seed) => {
          const out = augmentSample(rectImage(H, W, RECT), boxes, p, seed);
          expect(out.boxes).toEqual(boxes);
        },
      ),
      { numRuns: 40 },
    );
  });

  it("while the image itself does move: the same seed with coord moves the box to where the pixels went", () => {
    const p = [RandomFlip({ p: 1 }), RandomRotate(10, 1)];
    const rect: Box = [10, 15, 40, 45];
    const none = augmentSample(rectImage(H, W, rect), [rect], withTfmY(p, "none"), 3);
    const coord = augmentSample(rectImage(H, W, rect), [rect], p, 3);
    expect(none.image.data).toEqual(coord.image.data);
    expect(none.boxes[0]).toEqual(rect);
    const measured = pixelBox(coord.image) as Box;
    expect(Math.abs(measured[1] - rect[1])).toBeGreaterThan(20); // the rectangle moved...
    expectNear(coord.boxes[0], measured, 2); // ...its box too
  });
});
