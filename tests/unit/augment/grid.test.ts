// The cell's API: a re-rollable grid, boxes moved beside the same images with boxes left alone.
import { describe, expect, it } from "vitest";
import { coordSquish } from "../../../src/augment/affine";
import { augmentGrid, BOX_TRANSFORM_NOTE, describePlan } from "../../../src/augment/grid";
import { planSample } from "../../../src/augment/plan";
import { demoAugs30, lessonAugs } from "../../../src/augment/presets";
import { RandomFlip, RandomLighting, RandomRotate } from "../../../src/augment/transforms";
import type { Box } from "../../../src/ssd/types";
import { expectNear, pixelBox, rectImage } from "./helpers";

// far enough from the edges that the reflected border (the lesson's BORDER_REFLECT) shows no mirrored copy
const RECT: Box = [30, 40, 60, 80];
const image = rectImage(90, 120, RECT);

describe("augmentGrid", () => {
  it("coord boxes follow the rectangle; none boxes are the squished original box on the same images", () => {
    const g = augmentGrid(image, [RECT], demoAugs30(), { n: 6, seed: 3, sz: 48 });
    expect(g.coord).toHaveLength(6);
    const still = coordSquish(RECT, { h: 90, w: 120 }, 48);
    g.coord.forEach((c, i) => {
      expect(g.none[i].image).toBe(c.image);
      expectNear(c.boxes[0], pixelBox(c.image) as Box, 2, g.captions[i]);
      expectNear(g.none[i].boxes[0], still, 1e-9);
    });
    // somewhere in the grid the augmentations moved the rectangle away from the unmoved box
    const moved = g.coord.some((c) => c.boxes[0].some((v, k) => Math.abs(v - still[k]) > 3));
    expect(moved).toBe(true);
  });

  it('noneScope "all" leaves the boxes in the original pixels, as the lesson\'s tfm_y=NO', () => {
    const g = augmentGrid(image, [RECT], lessonAugs(), { n: 3, sz: 48, noneScope: "all" });
    for (const s of g.none) expect(s.boxes[0]).toEqual(RECT);
  });

  it("a new seed re-rolls; the same seed repeats", () => {
    const a = augmentGrid(image, [RECT], demoAugs30(), { n: 4, seed: 1, sz: 32 });
    const b = augmentGrid(image, [RECT], demoAugs30(), { n: 4, seed: 1, sz: 32 });
    const c = augmentGrid(image, [RECT], demoAugs30(), { n: 4, seed: 2, sz: 32 });
    expect(b.captions).toEqual(a.captions);
    expect(c.captions).not.toEqual(a.captions);
  });

  it("captions say what was drawn; the note names the mask and the lost pixel", () => {
    const size = { h: 10, w: 10 };
    const seed = [...Array(100).keys()].find((s) => {
      const p = planSample([RandomRotate(3, 1), RandomFlip()], size, s).steps;
      return p[1].params.flipped && (p[0].params.deg as number) < 0;
    }) as number;
    const text = describePlan(
      planSample([RandomRotate(3, 1), RandomFlip(), RandomLighting(0.05, 0.05)], size, seed),
    );
    expect(text).toMatch(/^rotated −\d\.\d°, flipped, brightness [+−]0\.\d\d, contrast ×\d\.\d\d$/);
    expect(describePlan(planSample([RandomFlip({ p: 0 })], size, 0))).toBe("unchanged");
    expect(BOX_TRANSFORM_NOTE).toMatch(/mask/);
    expect(BOX_TRANSFORM_NOTE).toMatch(/lost a pixel/);
  });
});
