// Random crop + zoom: the window, the boxes it moves, and the kept / clipped / dropped rule; through the pipeline
// (per image and the same boxes as the drawn pixels).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { applyAffine } from "../../../src/augment/affine";
import {
  boxFate,
  cropZoomAffine,
  cropZoomBoxes,
  drawCropWindow,
  fillShare,
  MIN_VISIBLE,
  visibleShare,
} from "../../../src/augment/crop-zoom";
import { mapBoxes, planSample } from "../../../src/augment/plan";
import { mulberry32 } from "../../../src/augment/random";
import { augmentSample } from "../../../src/augment/sample";
import { checkTransform, NoCrop, RandomCropZoom } from "../../../src/augment/transforms";
import type { Box } from "../../../src/ssd/types";
import { pixelBox, rectImage } from "./helpers";

const WIN = { top: 20, left: 40, h: 100, w: 100 }; // rows 20..119, columns 40..139

describe("the window", () => {
  it("zooms the window's corners onto the output's corners", () => {
    const m = cropZoomAffine(WIN, 224);
    expect(applyAffine(m, 40, 20)).toEqual([0, 0]);
    const [x, y] = applyAffine(m, 140, 120); // one past the last pixel: the output's far edge
    expect(x).toBeCloseTo(224, 10);
    expect(y).toBeCloseTo(224, 10);
  });

  it("stays inside the image, at least minScale of each side", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2 ** 31 }),
        fc.integer({ min: 2, max: 600 }),
        fc.integer({ min: 2, max: 600 }),
        (seed, h, w) => {
          const win = drawCropWindow({ h, w }, mulberry32(seed), 0.5);
          expect(win.top).toBeGreaterThanOrEqual(0);
          expect(win.left).toBeGreaterThanOrEqual(0);
          expect(win.top + win.h).toBeLessThanOrEqual(h);
          expect(win.left + win.w).toBeLessThanOrEqual(w);
          expect(win.h).toBeGreaterThanOrEqual(Math.round(h * 0.5));
          expect(win.w).toBeGreaterThanOrEqual(Math.round(w * 0.5));
        },
      ),
    );
  });
});

describe("kept / clipped / dropped", () => {
  it("counts the box's pixels inside the window (inclusive corners)", () => {
    expect(visibleShare([30, 50, 60, 90], WIN)).toBe(1); // wholly inside
    expect(visibleShare([0, 50, 39, 59], WIN)).toBe(0.5); // rows 0..39, 20..39 inside: 20 of 40
    expect(visibleShare([0, 0, 10, 10], WIN)).toBe(0); // wholly outside
    expect(visibleShare([0, 0, 0, 0], WIN)).toBe(0); // padding
  });

  it("keeps a box inside, clips one cut, drops one with under MIN_VISIBLE left", () => {
    expect(boxFate(1, 0.1)).toBe("kept");
    expect(boxFate(MIN_VISIBLE, 0)).toBe("clipped");
    expect(boxFate(0.99, 0)).toBe("clipped");
    expect(boxFate(MIN_VISIBLE - 0.01, 0.01)).toBe("dropped");
    // a big object zoomed into: little of it is left, but it fills the picture: clipped, not dropped
    expect(boxFate(0.25, 1)).toBe("clipped");
    expect(fillShare([0, 0, 299, 399], WIN)).toBe(1);
    const boxes: Box[] = [
      [30, 50, 59, 89], // inside
      [0, 50, 39, 59], // half inside: clipped at row 20
      [0, 40, 24, 139], // rows 20..24 of 0..24 inside: 5/25 = 0.2: dropped
      [200, 200, 220, 220], // outside: dropped
    ];
    const r = cropZoomBoxes(boxes, WIN, 224);
    expect(r.fates).toEqual(["kept", "clipped", "dropped", "dropped"]);
    expect(r.visible[1]).toBe(0.5);
    const k = 224 / 100;
    expect(r.boxes[0].map((v) => +v.toFixed(6))).toEqual(
      [10 * k, 10 * k, 39 * k, 49 * k].map((v) => +v.toFixed(6)),
    );
    expect(r.boxes[1][0]).toBe(0); // clipped at the window's top
    expect(r.boxes[1][2]).toBeCloseTo(19 * k, 6);
    expect(r.boxes[2]).toEqual([0, 0, 0, 0]);
    expect(r.boxes[3]).toEqual([0, 0, 0, 0]);
    // a lower threshold keeps the thin strip, clipped
    expect(cropZoomBoxes(boxes, WIN, 224, 0.1).fates[2]).toBe("clipped");
  });
});

describe("RandomCropZoom in a pipeline", () => {
  it("is checked like the other transforms", () => {
    expect(() => checkTransform(RandomCropZoom(224, { minScale: 0 }))).toThrow(/minScale/);
    expect(() => checkTransform(RandomCropZoom(224, { minVisible: 2 }))).toThrow(/minVisible/);
    expect(() => checkTransform(RandomCropZoom(224))).not.toThrow();
  });

  it("moves a drawn rectangle's box as its pixels move, and mapBoxes applies the drop rule", () => {
    const rect: Box = [30, 40, 70, 100];
    let clipped = 0;
    for (let seed = 1; seed <= 12; seed++) {
      const pipeline = [RandomCropZoom(64)];
      const { image, boxes, plan } = augmentSample(rectImage(90, 120, rect), [rect], pipeline, seed);
      const p = plan.steps[0].params as { top: number; left: number; h: number; w: number };
      const r = cropZoomBoxes([rect], p, 64);
      expect(boxes).toEqual(r.boxes); // the pipeline and the helper agree
      if (r.fates[0] === "dropped") {
        expect(boxes[0]).toEqual([0, 0, 0, 0]);
        continue;
      }
      if (r.fates[0] === "clipped") clipped++;
      const measured = pixelBox(image) as Box;
      for (let i = 0; i < 4; i++) expect(Math.abs(boxes[0][i] - measured[i])).toBeLessThanOrEqual(2);
    }
    expect(clipped).toBeGreaterThan(0); // some seeds cut the rectangle
  });

  it("draws the same window for the same seed (the batched path uses the same plan)", () => {
    const a = planSample([RandomCropZoom(224), NoCrop(224)], { h: 300, w: 400 }, 7);
    const b = planSample([RandomCropZoom(224), NoCrop(224)], { h: 300, w: 400 }, 7);
    expect(a.steps[0].params).toEqual(b.steps[0].params);
    expect(mapBoxes([[0, 0, 299, 399]], a)[0][2]).toBeCloseTo(223, 6); // the whole picture fills the output
  });
});
