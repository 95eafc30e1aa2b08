import * as tf from "@tensorflow/tfjs-core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bbHw, corners2hw, hw2corners, hwBb, isPadding, largestObject } from "../../../src/ssd";
import { expectNoLeak } from "./helpers";

const int = fc.integer({ min: 0, max: 2000 });
const size = fc.integer({ min: 1, max: 2000 });

describe("boxes", () => {
  it("hwBb and bbHw invert each other (property)", () => {
    fc.assert(
      fc.property(int, int, size, size, (x, y, w, h) => {
        expect(bbHw(hwBb([x, y, w, h]))).toEqual([x, y, w, h]);
        const b = hwBb([x, y, w, h]);
        expect(hwBb(bbHw(b))).toEqual(b);
      }),
    );
  });

  it("converts the lesson's image 12 car both ways", () => {
    expect(hwBb([155, 96, 196, 174])).toEqual([96, 155, 269, 350]);
    expect(bbHw([96, 155, 269, 350])).toEqual([155, 96, 196, 174]);
  });

  it("hw2corners and corners2hw round-trip (property, float32)", () => {
    const unit = fc.double({ min: -1, max: 2, noNaN: true });
    const pos = fc.double({ min: 0.01, max: 2, noNaN: true });
    fc.assert(
      fc.property(fc.array(fc.tuple(unit, unit, pos, pos), { minLength: 1, maxLength: 6 }), (rows) => {
        const [back, cnr] = tf.tidy(() => {
          const ctr = tf.tensor2d(rows.map((r) => [r[0], r[1]]));
          const hw = tf.tensor2d(rows.map((r) => [r[2], r[3]]));
          const c = hw2corners(ctr, hw);
          const { ctr: c2, hw: hw2 } = corners2hw(c);
          return [tf.concat([c2, hw2], 1).arraySync() as number[][], c.arraySync() as number[][]];
        });
        rows.forEach((r, i) => {
          r.forEach((v, j) => {
            expect(back[i][j]).toBeCloseTo(v, 5);
          });
          expect(cnr[i][2] - cnr[i][0]).toBeCloseTo(r[2], 5);
        });
      }),
      { numRuns: 50 },
    );
  });

  it("largestObject uses (r1-r0)*(c1-c0), first on ties; -1 when empty", () => {
    expect(
      largestObject([
        [61, 184, 198, 278],
        [77, 89, 335, 402],
      ]),
    ).toBe(1);
    expect(
      largestObject([
        [0, 0, 10, 10],
        [5, 5, 15, 15],
      ]),
    ).toBe(0);
    expect(largestObject([])).toBe(-1);
  });

  it("marks padding rows", () => {
    expect(isPadding([0, 0, 0, 0])).toBe(true);
    expect(isPadding([5, 0, 5, 9])).toBe(true);
    expect(isPadding([5, 0, 6, 0])).toBe(false);
  });

  it("names the problem on bad input", () => {
    expect(() => hwBb([1, 2, 3])).toThrow(/hwBb: bbox must be 4 numbers/);
    expect(() => largestObject([[1, 2, 3, 4], [1]])).toThrow(/box 1/);
  });

  it("does not leak tensors", () => {
    const ctr = tf.tensor2d([[0.5, 0.5]]);
    const hw = tf.tensor2d([[0.2, 0.4]]);
    expectNoLeak(() => hw2corners(ctr, hw));
    const cnr = hw2corners(ctr, hw);
    expectNoLeak(() => corners2hw(cnr));
    tf.dispose([ctr, hw, cnr]);
  });
});
