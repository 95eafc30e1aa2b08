// The loss cell's comparison: the lesson's per-image loop and the batched loss give the same numbers on the
// same batch (images of different sizes and object counts, one without objects), and nothing leaks.
import * as tf from "@tensorflow/tfjs-core";
import { describe, expect, it } from "vitest";
import type { VocImage } from "../../../src/data/types";
import { compareLosses, firstBatch, median } from "../../../src/lessons/loss/compare";
import type { Box } from "../../../src/ssd/types";

const im = (id: string, h: number, w: number, objs: [number, Box][]): VocImage => ({
  id,
  file: `${id}.jpg`,
  width: w,
  height: h,
  objects: objs.map(([cls, box]) => ({ cls, name: `c${cls}`, box, difficult: false, truncated: false })),
});

const IMAGES = [
  im("a", 300, 400, [
    [3, [10, 20, 200, 300]],
    [14, [150, 50, 290, 120]],
  ]),
  im("b", 224, 224, [[7, [0, 0, 223, 223]]]),
  im("c", 500, 375, []),
  im("d", 250, 320, [
    [0, [5, 5, 60, 90]],
    [1, [100, 100, 240, 300]],
    [19, [30, 200, 120, 310]],
  ]),
];

describe("compareLosses", () => {
  it("gives the per-image sum and the batched loss equal to float tolerance, and leaks no tensor", async () => {
    const before = tf.memory().numTensors;
    const r = await compareLosses(IMAGES, 7, { repeats: 1 });
    expect(tf.memory().numTensors).toBe(before);
    expect(r.images).toBe(4);
    expect(r.anchors).toBe(189);
    expect(r.perImage.total).toBeGreaterThan(0);
    expect(r.batched.loc).toBeCloseTo(r.perImage.loc, 4);
    expect(r.batched.clas).toBeCloseTo(r.perImage.clas, 4);
    expect(Math.abs(r.batched.total - r.perImage.total) / r.perImage.total).toBeLessThan(1e-5);
    expect(r.perImage.times).toHaveLength(1);
    // another seed, other activations: another loss
    const other = await compareLosses(IMAGES, 8, { repeats: 1 });
    expect(other.batched.total).not.toBeCloseTo(r.batched.total, 3);
  });

  it("refuses an empty batch", async () => {
    await expect(compareLosses([], 1)).rejects.toThrow(/no images/);
  });
});

describe("helpers", () => {
  it("median of odd and even counts; the batch is taken from the train split", () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    const ds = { images: IMAGES, splits: { train: ["b", "d"] } } as unknown as Parameters<
      typeof firstBatch
    >[0];
    expect(firstBatch(ds, 16).map((i) => i.id)).toEqual(["b", "d"]);
    expect(firstBatch({ ...ds, splits: {} }, 2).map((i) => i.id)).toEqual(["a", "b"]);
  });
});
