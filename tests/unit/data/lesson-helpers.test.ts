// The lesson's helpers: get_cv_idxs (numpy's seeded permutation), the 80/20 split keeping order, get_lrg,
// zero-padded ground truth and the tensor batch.
import * as tf from "@tensorflow/tfjs-core";
import { describe, expect, it } from "vitest";
import { batches, maxObjectCount, padGroundTruth, scaleBox } from "../../../src/data/batch";
import { batchTensors } from "../../../src/data/batch-tensors";
import { nodeDecoder } from "../../../src/data/decode-node";
import { largestOf, largestPerImage, trainValSplit } from "../../../src/data/lesson";
import { loadFromFiles } from "../../../src/data/load";
import { getCvIdxs, lessonSplit, permutation } from "../../../src/data/split";
import type { VocImage } from "../../../src/data/types";
import { sampleFiles } from "./helpers";

describe("get_cv_idxs / the lesson's split", () => {
  it("equals numpy's np.random.seed(42); np.random.permutation (values from the lesson reference)", () => {
    expect(getCvIdxs(2501).slice(0, 12)).toEqual([
      1105, 2055, 1386, 1036, 321, 2242, 1756, 544, 1997, 1293, 572, 246,
    ]);
    expect(getCvIdxs(2501)).toHaveLength(500);
    expect(permutation(10, 42)).toEqual([8, 1, 5, 0, 7, 2, 9, 4, 3, 6]); // numpy 1.x/2.x legacy RandomState
  });

  it("keeps the original order in both parts (split_by_idx uses a mask)", () => {
    const ids = Array.from({ length: 2501 }, (_, i) => i);
    const { train, val } = lessonSplit(ids);
    expect(val.slice(0, 12)).toEqual([25, 29, 43, 44, 48, 49, 51, 56, 67, 69, 70, 73]);
    expect([train.length, val.length]).toEqual([2001, 500]);
    expect(new Set([...train, ...val]).size).toBe(2501);
    expect(lessonSplit(ids, 0.2, 7).val).not.toEqual(val);
  });
});

const im = (id: string, objs: [number[], number, boolean?][], w = 500, h = 400): VocImage => ({
  id,
  file: `${id}.jpg`,
  width: w,
  height: h,
  objects: objs.map(([box, cls, difficult]) => ({
    cls,
    name: String(cls),
    box: box as [number, number, number, number],
    difficult: !!difficult,
    truncated: false,
  })),
});

describe("largest object (get_lrg)", () => {
  it("picks the horse of image 17 by (r1-r0)*(c1-c0)", () => {
    const i17 = im("000017", [
      [[61, 184, 198, 278], 14],
      [[77, 89, 335, 402], 12],
    ]);
    expect(largestOf(i17)?.cls).toBe(12);
    expect(largestOf(im("none", []))).toBeNull();
    const tie = im("tie", [
      [[0, 0, 10, 10], 1],
      [[5, 5, 15, 15], 2],
    ]);
    expect(largestOf(tie)?.cls).toBe(1);
    expect([...largestPerImage([i17, im("none", [])]).keys()]).toEqual(["000017"]);
  });
});

describe("ground truth zero-padded to a fixed object count", () => {
  const a = im("a", [
    [[10, 20, 110, 220], 3],
    [[0, 0, 50, 50], 7, true],
  ]);
  const b = im("b", [
    [[40, 50, 200, 250], 5],
    [[1, 2, 3, 4], 6],
    [[5, 6, 7, 8], 9],
  ]);

  it("pads at the front with zero rows and class 0 like the lesson, skipping difficult objects", () => {
    const gt = padGroundTruth([a, b], { maxObjects: 4 });
    expect(gt.boxes[0]).toEqual([
      [0, 0, 0, 0],
      [0, 0, 0, 0],
      [0, 0, 0, 0],
      [10, 20, 110, 220],
    ]);
    expect(gt.classes).toEqual([
      [0, 0, 0, 3],
      [0, 5, 6, 9],
    ]);
    expect(maxObjectCount([a, b])).toBe(3);
    expect(maxObjectCount([a, b], true)).toBe(3);
    expect(padGroundTruth([a], { maxObjects: 2, includeDifficult: true, prePad: false }).classes).toEqual([
      [3, 7],
    ]);
    expect(padGroundTruth([b], { maxObjects: 2 }).classes).toEqual([[5, 6]]);
  });

  it("scales boxes to the squished sz x sz image", () => {
    for (const [i, v] of scaleBox([100, 250, 200, 500], 400, 500, 224).entries()) {
      expect(v).toBeCloseTo([56, 112, 112, 224][i], 10);
    }
    const gt = padGroundTruth([a], { maxObjects: 1, sz: 224 });
    expect(gt.boxes[0][0].map((v) => Math.round(v * 1000) / 1000)).toEqual([5.6, 8.96, 61.6, 98.56]);
  });

  it("batches in order or in a given order", () => {
    expect(batches([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(batches(["a", "b", "c"], 2, [2, 0, 1])).toEqual([["c", "a"], ["b"]]);
  });
});

describe("tensor batch of real VOC images", () => {
  it("resizes to sz, pads boxes [B,M,4] and classes [B,M], and leaks no tensors", async () => {
    const ds = await loadFromFiles(await sampleFiles(), { decoder: nodeDecoder });
    const pick = ["000001", "000005"].map((id) => ds.images.find((i) => i.id === id)!);
    const before = tf.memory().numTensors;
    for (let k = 0; k < 2; k++) {
      const { x, boxes, classes } = await batchTensors(ds, pick, { sz: 64, maxObjects: 5 });
      expect(x.shape).toEqual([2, 64, 64, 3]);
      expect(boxes.shape).toEqual([2, 5, 4]);
      expect(classes.shape).toEqual([2, 5]);
      const xv = await x.data();
      expect(Math.min(...xv)).toBeGreaterThanOrEqual(0);
      expect(Math.max(...xv)).toBeLessThanOrEqual(1);
      expect(Math.max(...xv)).toBeGreaterThan(0.5);
      // 000001: dog [48,240,195,371] and person [8,12,352,498] in a 353x500 image, pre-padded
      const c = (await classes.array()) as number[][];
      expect(c[0]).toEqual([0, 0, 0, 11, 14]);
      const bx = (await boxes.array()) as number[][][];
      expect(bx[0][3].map((v) => Math.round(v * 100) / 100)).toEqual(
        [239 * (64 / 500), 47 * (64 / 353), 370 * (64 / 500), 194 * (64 / 353)].map(
          (v) => Math.round(v * 100) / 100,
        ),
      );
      // 000005: 5 chairs, two difficult -> 3 rows after 2 padding rows
      expect(c[1]).toEqual([0, 0, 8, 8, 8]);
      tf.dispose([x, boxes, classes]);
    }
    expect(tf.memory().numTensors).toBe(before);
  });

  it("trainValSplit uses the dataset's own lists when it has train and val, else the lesson's split", async () => {
    const ds = await loadFromFiles(await sampleFiles(), { decoder: nodeDecoder });
    const s = trainValSplit(ds);
    expect([s.train.length, s.val.length]).toEqual([20, 5]);
    expect(s.val.map((i) => i.id)).toEqual(lessonSplit(ds.images.map((i) => i.id)).val);
    const own = trainValSplit({ ...ds, splits: { train: ["000001", "000002"], val: ["000005"] } });
    expect(own.val.map((i) => i.id)).toEqual(["000005"]);
  });
});
