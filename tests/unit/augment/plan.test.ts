// Plans: one seed gives the same draws every time; the draws follow the lesson's distributions; the image
// operations of one pipeline have one shape for every seed (so a batch can run them together).
import { describe, expect, it } from "vitest";
import { imageOps, mapBoxes, planSample } from "../../../src/augment/plan";
import { demoAugs30, lessonAugs, tfmsFromModel, trainingPipeline } from "../../../src/augment/presets";
import { mulberry32, sampleSeed } from "../../../src/augment/random";
import { augmentSample } from "../../../src/augment/sample";
import { RandomFlip, RandomLighting, RandomRotate, type Transform } from "../../../src/augment/transforms";
import type { Box } from "../../../src/ssd/types";
import { noiseImage } from "./helpers";

const size = { h: 120, w: 160 };

describe("seeded plans", () => {
  it("mulberry32 is deterministic and uniform-looking", () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const xs = Array.from({ length: 2000 }, () => a());
    expect(Array.from({ length: 2000 }, () => b())).toEqual(xs);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.03);
  });

  it("the same seed gives the same plan and the same augmented sample; another seed differs", () => {
    const p = trainingPipeline(64);
    expect(planSample(p, size, 7)).toEqual(planSample(p, size, 7));
    const img = noiseImage(size.h, size.w);
    const boxes: Box[] = [[10, 20, 60, 90]];
    const one = augmentSample(img, boxes, p, 7);
    const two = augmentSample(img, boxes, p, 7);
    expect(two.image.data).toEqual(one.image.data);
    expect(two.boxes).toEqual(one.boxes);
    const seeds = Array.from({ length: 10 }, (_, i) => JSON.stringify(planSample(p, size, 100 + i).steps));
    expect(new Set(seeds).size).toBeGreaterThan(5);
  });

  it("sampleSeed spreads a batch's seed over its images", () => {
    const s = Array.from({ length: 64 }, (_, i) => sampleSeed(1, i));
    expect(new Set(s).size).toBe(64);
    expect(sampleSeed(1, 3)).toBe(sampleSeed(1, 3));
  });
});

describe("the lesson's distributions", () => {
  const n = 2000;
  const draw = (t: Transform) =>
    Array.from({ length: n }, (_, i) => planSample([t], size, i).steps[0].params);

  it("RandomRotate(3, p=0.5): half the time, angles uniform in [-3, 3]", () => {
    const ps = draw(RandomRotate(3, 0.5));
    const rotated = ps.filter((p) => p.rotated);
    expect(Math.abs(rotated.length / n - 0.5)).toBeLessThan(0.05);
    const degs = rotated.map((p) => p.deg as number);
    expect(Math.min(...degs)).toBeGreaterThanOrEqual(-3);
    expect(Math.max(...degs)).toBeLessThanOrEqual(3);
    expect(Math.min(...degs)).toBeLessThan(-2.9);
    expect(Math.max(...degs)).toBeGreaterThan(2.9);
    expect(ps.filter((p) => !p.rotated).every((p) => p.deg === 0)).toBe(true);
  });

  it("RandomFlip(): half the time", () => {
    const flips = draw(RandomFlip()).filter((p) => p.flipped).length;
    expect(Math.abs(flips / n - 0.5)).toBeLessThan(0.05);
  });

  it("RandomLighting(0.05, 0.05): brightness in [-0.05, 0.05], contrast in [1/1.05, 1.05]", () => {
    const ps = draw(RandomLighting(0.05, 0.05));
    const b = ps.map((p) => p.brightness as number);
    const c = ps.map((p) => p.contrast as number);
    expect(Math.max(...b.map(Math.abs))).toBeLessThanOrEqual(0.05);
    expect(Math.min(...c)).toBeGreaterThanOrEqual(1 / 1.05 - 1e-12);
    expect(Math.max(...c)).toBeLessThanOrEqual(1.05);
    expect(c.filter((x) => x < 1).length / n).toBeGreaterThan(0.4);
  });
});

describe("image operations", () => {
  it("have one shape for every seed of a pipeline", () => {
    for (const p of [trainingPipeline(64), tfmsFromModel(64, demoAugs30(), { crop: "random" })]) {
      const shape = (seed: number) =>
        imageOps(planSample(p, size, seed)).map((o) =>
          o.kind === "warp" ? `warp${o.size.h}x${o.size.w}` : o.kind,
        );
      const first = shape(0);
      expect(first).toEqual(["warp64x85", "lighting", "warp64x64"]);
      for (let s = 1; s < 30; s++) expect(shape(s)).toEqual(first);
    }
  });

  it("fuse Scale∘Rotate and Flip∘NoCrop around the lighting, as the lesson orders them", () => {
    const ops = imageOps(planSample(trainingPipeline(64), size, 3));
    expect(ops.map((o) => o.kind)).toEqual(["warp", "lighting", "warp"]);
  });

  it("mark a flip that did not happen as the identity", () => {
    const seed = [...Array(50).keys()].find(
      (s) => !planSample([RandomFlip()], size, s).steps[0].params.flipped,
    );
    const ops = imageOps(planSample([RandomFlip()], size, seed as number));
    expect(ops).toEqual([{ kind: "warp", m: [1, 0, 0, 0, 1, 0], size, identity: true }]);
  });
});

describe("bad input", () => {
  it("names the transform and the problem", () => {
    expect(() => planSample([RandomRotate(-3)], size, 0)).toThrow(/rotate transform: deg must be/);
    expect(() => planSample([RandomFlip({ p: 2 })], size, 0)).toThrow(
      /flip transform: p must be a probability/,
    );
    expect(() => planSample([{ kind: "zoom" } as unknown as Transform], size, 0)).toThrow(
      /unknown transform/,
    );
    expect(() => planSample(lessonAugs(), { h: 0, w: 10 }, 0)).toThrow(/image size must be positive/);
    expect(() => mapBoxes([[1, 2, 3] as unknown as Box], planSample([], size, 0))).toThrow(
      /box 0 must be 4 finite/,
    );
    expect(() => augmentSample({ width: 4, height: 4, data: new Uint8ClampedArray(10) }, [], [], 0)).toThrow(
      /4×4 but has 10 bytes/,
    );
  });

  it("padding rows stay [0,0,0,0] and keep their place", () => {
    const plan = planSample([RandomFlip({ p: 1 })], size, 0);
    expect(
      mapBoxes(
        [
          [0, 0, 0, 0],
          [10, 10, 20, 30],
          [0, 0, 0, 0],
        ],
        plan,
      ),
    ).toEqual([
      [0, 0, 0, 0],
      [10, 129, 20, 149],
      [0, 0, 0, 0],
    ]);
  });
});
