import * as tf from "@tensorflow/tfjs-core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ANCHORS_4x4, jaccard, makeAnchors } from "../../../src/ssd";
import { expectNoLeak } from "./helpers";

const coord = fc.double({ min: 0, max: 1, noNaN: true });
const box = fc
  .tuple(
    coord,
    coord,
    fc.double({ min: 0.01, max: 1, noNaN: true }),
    fc.double({ min: 0.01, max: 1, noNaN: true }),
  )
  .map(([r, c, h, w]) => [r, c, r + h, c + w]);
const boxes = fc.array(box, { minLength: 1, maxLength: 6 });

function iou(a: number[][], b: number[][]): number[][] {
  return tf.tidy(
    () => jaccard(tf.tensor2d(a, [a.length, 4]), tf.tensor2d(b, [b.length, 4])).arraySync() as number[][],
  );
}

describe("jaccard (IoU)", () => {
  it("is symmetric, in [0, 1], and 1 on the diagonal (property)", () => {
    fc.assert(
      fc.property(boxes, boxes, (a, b) => {
        const ab = iou(a, b);
        const ba = iou(b, a);
        ab.forEach((row, i) => {
          row.forEach((v, j) => {
            expect(v).toBeGreaterThanOrEqual(0);
            expect(v).toBeLessThanOrEqual(1 + 1e-6);
            expect(v).toBeCloseTo(ba[j][i], 6);
          });
        });
        iou(a, a).forEach((row, i) => {
          expect(row[i]).toBeCloseTo(1, 5);
        });
      }),
      { numRuns: 60 },
    );
  });

  it("equals a plain float64 IoU (property)", () => {
    fc.assert(
      fc.property(boxes, boxes, (a, b) => {
        const got = iou(a, b);
        a.forEach((x, i) => {
          b.forEach((y, j) => {
            const ih = Math.max(0, Math.min(x[2], y[2]) - Math.max(x[0], y[0]));
            const iw = Math.max(0, Math.min(x[3], y[3]) - Math.max(x[1], y[1]));
            const inter = ih * iw;
            const want = inter / ((x[2] - x[0]) * (x[3] - x[1]) + (y[2] - y[0]) * (y[3] - y[1]) - inter);
            expect(Math.abs(got[i][j] - want)).toBeLessThan(1e-5);
          });
        });
      }),
      { numRuns: 60 },
    );
  });

  it("the lesson's worked example: chair/table/sofa against the 4x4 anchors (reference §4.2)", () => {
    const gt = [
      [152, 109, 222, 140],
      [159, 19, 222, 123],
      [115, 186, 150, 203],
    ].map((b) => b.map((v) => v / 224));
    const o = iou(gt, makeAnchors(ANCHORS_4x4).corners);
    const nonzero: Record<string, number> = {};
    o.forEach((row, i) => {
      row.forEach((v, j) => {
        if (v > 0) nonzero[`${i},${j}`] = Number(v.toFixed(4));
      });
    });
    expect(nonzero).toEqual({
      "0,9": 0.0091,
      "0,10": 0.0922,
      "0,13": 0.0315,
      "0,14": 0.3985,
      "1,8": 0.0356,
      "1,9": 0.0549,
      "1,10": 0.0103,
      "1,12": 0.2598,
      "1,13": 0.4538,
      "1,14": 0.0653,
      "2,11": 0.1897,
    });
  });

  it("the batched form equals jaccard image by image", () => {
    const a = [
      [
        [0.1, 0.1, 0.5, 0.6],
        [0, 0, 0, 0],
      ],
      [
        [0.3, 0.2, 0.9, 0.7],
        [0.6, 0.6, 0.8, 0.95],
      ],
    ];
    const anchors = makeAnchors(ANCHORS_4x4).corners;
    const batched = tf.tidy(() => (jaccard(tf.tensor3d(a), tf.tensor2d(anchors)) as tf.Tensor3D).arraySync());
    a.forEach((img, i) => {
      const single = iou(img, anchors);
      single.forEach((row, j) => {
        row.forEach((v, k) => {
          if (Number.isNaN(v)) expect(batched[i][j][k]).toBeNaN();
          else expect(batched[i][j][k]).toBeCloseTo(v, 6);
        });
      });
    });
  });

  it("rejects bad shapes and does not leak", () => {
    const a = tf.tensor2d([[0, 0, 1, 1]]);
    const b = tf.tensor2d([[0, 0, 1]]);
    expect(() => jaccard(a, b)).toThrow(/jaccard: expected/);
    expectNoLeak(() => jaccard(a, a));
    tf.dispose([a, b]);
  });
});
