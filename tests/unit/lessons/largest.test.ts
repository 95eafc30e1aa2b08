// The largest-object cell's explanation: areas by (r1-r0)*(c1-c0), the first wins a tie, and the dataset stats.
import { describe, expect, it } from "vitest";
import type { VocImage } from "../../../src/data/types";
import { areaRows, largestStats } from "../../../src/lessons/largest/ranking";
import type { Box } from "../../../src/ssd/types";

const im = (id: string, boxes: Box[]): VocImage => ({
  id,
  file: `${id}.jpg`,
  width: 100,
  height: 100,
  objects: boxes.map((box, i) => ({ cls: i, name: `c${i}`, box, difficult: false, truncated: false })),
});

describe("areaRows / largestStats", () => {
  it("uses the lesson's area without +1 terms and picks the biggest", () => {
    const rows = areaRows(
      im("x", [
        [0, 0, 10, 20],
        [5, 5, 30, 15],
        [0, 0, 0, 99],
      ]),
    );
    expect(rows.map((r) => r.area)).toEqual([200, 250, 0]);
    expect(rows.map((r) => r.largest)).toEqual([false, true, false]);
    expect(rows.some((r) => r.tiedWithLargest)).toBe(false);
  });

  it("gives a tie to the first object and marks the others that tied", () => {
    // 10x20 and 20x10 (and a 3rd equal one): the same area, the first in the file wins (get_lrg's stable sort)
    const rows = areaRows(
      im("t", [
        [0, 0, 10, 20],
        [50, 50, 70, 60],
        [1, 1, 11, 21],
        [0, 0, 2, 2],
      ]),
    );
    expect(rows.map((r) => r.largest)).toEqual([true, false, false, false]);
    expect(rows.map((r) => r.tiedWithLargest)).toEqual([false, true, true, false]);
  });

  it("counts what the one-object simplification leaves out", () => {
    const images = [
      im("a", [[0, 0, 10, 10]]),
      im("b", [
        [0, 0, 10, 10],
        [0, 0, 5, 5],
        [0, 0, 20, 20],
      ]),
      im("c", []),
      im("d", [
        [0, 0, 10, 20],
        [0, 0, 20, 10],
      ]),
    ];
    expect(largestStats(images)).toEqual({ withObjects: 3, multi: 2, ignored: 3, ties: 1 });
    expect(areaRows(images[2])).toEqual([]);
  });
});
