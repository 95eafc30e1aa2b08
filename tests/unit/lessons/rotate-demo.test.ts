// The augment cell's "why boxes get loose": an exact rotation, the turned box and its enclosing box.
import { describe, expect, it } from "vitest";
import { mapBoxes } from "../../../src/augment/plan";
import { lessonAugs } from "../../../src/augment/presets";
import { augmentSample } from "../../../src/augment/sample";
import { NoCrop, RandomRotate, Scale } from "../../../src/augment/transforms";
import type { RgbaImage } from "../../../src/data/types";
import { pipelineFor } from "../../../src/lessons/augment/pipelines";
import {
  loosenedBoxes,
  polygonArea,
  rotatePlan,
  squareGrowth,
} from "../../../src/lessons/augment/rotate-demo";

function gray(w: number, h: number): RgbaImage {
  const data = new Uint8ClampedArray(w * h * 4);
  for (let i = 0; i < data.length; i++) data[i] = i % 4 === 3 ? 255 : (i * 7) % 251;
  return { width: w, height: h, data };
}

describe("rotate demo", () => {
  it("a square turned by θ needs a box (cos θ + sin θ)² times its area", () => {
    expect(squareGrowth(0)).toBeCloseTo(1, 12);
    expect(squareGrowth(30)).toBeCloseTo(1 + Math.sin(Math.PI / 3), 12);
    expect(squareGrowth(45)).toBeCloseTo(2, 12);
    expect(squareGrowth(-30)).toBeCloseTo(squareGrowth(30), 12);
  });

  it("shoelace area of a rectangle and of a turned square", () => {
    expect(
      polygonArea([
        [0, 0],
        [4, 0],
        [4, 3],
        [0, 3],
      ]),
    ).toBe(12);
    const t = Math.PI / 6;
    const sq = [
      [0, 0],
      [Math.cos(t), Math.sin(t)],
      [Math.cos(t) - Math.sin(t), Math.sin(t) + Math.cos(t)],
      [-Math.sin(t), Math.cos(t)],
    ] as [number, number][];
    expect(polygonArea(sq)).toBeCloseTo(1, 12);
  });

  it("at 0° the new box is the squished box, tight (growth 1)", () => {
    const r = loosenedBoxes(gray(100, 50), [[10, 20, 30, 60]], 0);
    expect([r.image.width, r.image.height]).toEqual([224, 224]);
    expect(r.growth[0]).toBeCloseTo(1, 9);
    // Scale(224) then NoCrop(224) on 100×50: x·2.24, y·4.48
    for (const [i, v] of r.boxes[0].entries()) expect(v).toBeCloseTo([44.8, 44.8, 134.4, 134.4][i], 9);
  });

  it("at 30° a centred square's box grows by 1 + sin 60° and the outline is the turned square", () => {
    const r = loosenedBoxes(gray(100, 100), [[40, 40, 60, 60]], 30);
    expect(r.growth[0]).toBeCloseTo(squareGrowth(30), 9);
    expect(polygonArea(r.outlines[0])).toBeCloseTo((20 * 2.24) ** 2, 6);
    // the outline's extent is the new box
    const xs = r.outlines[0].map((p) => p[0]);
    const ys = r.outlines[0].map((p) => p[1]);
    expect(r.boxes[0][0]).toBeCloseTo(Math.min(...ys), 9);
    expect(r.boxes[0][3]).toBeCloseTo(Math.max(...xs), 9);
  });

  it("the exact plan moves boxes like a RandomRotate draw of the same angle", () => {
    const img = gray(80, 60);
    const boxes: [number, number, number, number][] = [[5, 10, 40, 50]];
    // find a seed whose RandomRotate(20, p=1) draw we can read, then rotate exactly by it
    const s = augmentSample(img, boxes, [Scale(224), RandomRotate(20, 1), NoCrop(224)], 7);
    const deg = s.plan.steps[1].params.deg as number;
    const exact = rotatePlan({ h: 60, w: 80 }, deg);
    for (const [i, v] of mapBoxes(boxes, exact)[0].entries()) expect(v).toBeCloseTo(s.boxes[0][i], 9);
  });

  it("pipelineFor: the lesson's training augs, or the demo with the slider's angle", () => {
    expect(pipelineFor("training", 30).augs).toEqual(lessonAugs());
    const demo = pipelineFor("demo", 12);
    expect(demo.augs.map((t) => t.kind)).toEqual(["flip", "rotate", "lighting"]);
    expect(demo.augs[1]).toMatchObject({ deg: 12, p: 0.75, tfmY: "coord" });
    expect(demo.text).toBe("RandomFlip(), RandomRotate(12), RandomLighting(0.1, 0.1)");
  });
});
