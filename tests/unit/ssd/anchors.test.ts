import * as tf from "@tensorflow/tfjs-core";
import { describe, expect, it } from "vitest";
import {
  ANCHORS_4x4,
  ANCHORS_MULTI,
  anchorCount,
  anchorScales,
  anchorTensors,
  disposeAnchorTensors,
  makeAnchors,
} from "../../../src/ssd";
import { expectNoLeak } from "./helpers";

describe("anchors", () => {
  it("4x4: row-major cell centres, size 1/4, corners on the grid lines", () => {
    const a = makeAnchors(ANCHORS_4x4);
    expect(a.k).toBe(1);
    expect(a.anchors).toHaveLength(16);
    a.anchors.forEach((row, i) => {
      expect(row).toEqual([0.125 + 0.25 * Math.floor(i / 4), 0.125 + 0.25 * (i % 4), 0.25, 0.25]);
      const c = a.corners[i];
      const want = [
        0.25 * Math.floor(i / 4),
        0.25 * (i % 4),
        0.25 * Math.floor(i / 4) + 0.25,
        0.25 * (i % 4) + 0.25,
      ];
      c.forEach((v, j) => {
        expect(v).toBeCloseTo(want[j], 12);
      });
    });
    expect(new Set(a.gridSizes)).toEqual(new Set([0.25]));
  });

  it("the lesson's 189 anchors: k = 9, zooms outer, ratios inner, grids in order (reference §4.5)", () => {
    const a = makeAnchors(ANCHORS_MULTI);
    expect(a.k).toBe(9);
    expect(a.anchors).toHaveLength(189);
    expect(anchorCount(ANCHORS_MULTI)).toBe(189);
    expect(anchorScales(ANCHORS_MULTI)[1]).toEqual([0.7, 0.35]);
    const close = (x: number[], y: number[]) =>
      x.forEach((v, i) => {
        expect(v).toBeCloseTo(y[i], 10);
      });
    close(a.anchors[0], [0.125, 0.125, 0.175, 0.175]);
    close(a.corners[6], [-0.0375, -0.0375, 0.2875, 0.2875]);
    close(a.anchors[144], [0.25, 0.25, 0.35, 0.35]);
    close(a.corners[183], [0, 0, 1, 1]);
    close(a.corners[186], [-0.15, -0.15, 1.15, 1.15]);
    expect(a.gridSizes[143]).toBe(0.25);
    expect(a.gridSizes[144]).toBe(0.5);
    expect(a.gridSizes[180]).toBe(1);
  });

  it("tensors hold the same numbers (float32), gridSizes shaped [A, 1]", () => {
    const a = makeAnchors(ANCHORS_MULTI);
    const t = anchorTensors(ANCHORS_MULTI);
    expect(t.gridSizes.shape).toEqual([189, 1]);
    const got = t.corners.arraySync();
    got.forEach((row, i) => {
      row.forEach((v, j) => {
        expect(v).toBeCloseTo(a.corners[i][j], 6);
      });
    });
    disposeAnchorTensors(t);
  });

  it("rejects a bad spec with a clear message", () => {
    expect(() => makeAnchors({ grids: [0], zooms: [1], ratios: [[1, 1]] })).toThrow(
      /grids \(positive integers\)/,
    );
    expect(() => makeAnchors({ grids: [4], zooms: [], ratios: [[1, 1]] })).toThrow(/anchor spec/);
  });

  it("does not leak tensors", () => {
    expectNoLeak(() => {
      disposeAnchorTensors(anchorTensors(ANCHORS_MULTI));
    });
    expect(tf.memory().numTensors).toBeGreaterThanOrEqual(0);
  });
});
