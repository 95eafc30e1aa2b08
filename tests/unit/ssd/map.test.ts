import { describe, expect, it } from "vitest";
import { vocAp, vocMap } from "../../../src/ssd";

const gt = (image: string, box: number[], difficult = false, cls = "dog") => ({
  image,
  class: cls,
  box,
  difficult,
});
const det = (image: string, score: number, box: number[], cls = "dog") => ({ image, class: cls, score, box });

describe("VOC mAP (devkit rules)", () => {
  it("a perfect detector has AP 1 under both methods", () => {
    for (const method of ["voc07", "all"] as const) {
      const r = vocMap([det("a", 0.9, [10, 10, 50, 50])], [gt("a", [10, 10, 50, 50])], { method });
      expect(r.ap.dog).toBeCloseTo(1, 12);
      expect(r.mAP).toBeCloseTo(1, 12);
    }
  });

  it("detections by falling score: a confident miss then a hit gives AP 0.5", () => {
    const d = [det("a", 0.3, [10, 10, 50, 50]), det("a", 0.9, [100, 100, 150, 150])];
    const r = vocMap(d, [gt("a", [10, 10, 50, 50])], { method: "all" });
    expect(r.pr.dog).toEqual({ recall: [0, 1], precision: [0, 0.5] });
    expect(r.ap.dog).toBeCloseTo(0.5, 12);
    expect(vocMap(d, [gt("a", [10, 10, 50, 50])], { method: "voc07" }).ap.dog).toBeCloseTo(0.5, 12);
  });

  it("each object counts once: a duplicate is a false positive", () => {
    const r = vocMap(
      [det("a", 0.9, [10, 10, 50, 50]), det("a", 0.8, [11, 10, 50, 50])],
      [gt("a", [10, 10, 50, 50])],
    );
    expect(r.pr.dog.precision).toEqual([1, 0.5]);
    expect(r.ap.dog).toBeCloseTo(1, 12);
  });

  it("difficult objects count neither way", () => {
    const r = vocMap(
      [det("a", 0.9, [10, 10, 50, 50]), det("a", 0.8, [100, 100, 140, 140])],
      [gt("a", [10, 10, 50, 50], true), gt("a", [100, 100, 140, 140])],
    );
    expect(r.pr.dog).toEqual({ recall: [0, 1], precision: [0, 1] }); // first detection ignored, not an FP
    expect(r.ap.dog).toBeCloseTo(1, 12);
  });

  it("uses inclusive pixels (+1) and needs IoU strictly above the threshold", () => {
    // areas 10x10 = 100 and 10x5 = 50 with +1 terms: IoU = 0.5 exactly -> no match
    const r = vocMap([det("a", 0.9, [0, 0, 9, 4])], [gt("a", [0, 0, 9, 9])], { iouThreshold: 0.5 });
    expect(r.ap.dog).toBe(0);
    const r2 = vocMap([det("a", 0.9, [0, 0, 9, 4])], [gt("a", [0, 0, 9, 9])], { iouThreshold: 0.49 });
    expect(r2.ap.dog).toBeCloseTo(1, 12);
  });

  it("detections on an image without objects of the class are false positives; classes average", () => {
    const r = vocMap(
      [
        det("b", 0.9, [10, 10, 50, 50]),
        det("a", 0.5, [10, 10, 50, 50]),
        det("a", 0.5, [0, 0, 20, 20], "cat"),
      ],
      [gt("a", [10, 10, 50, 50]), gt("a", [0, 0, 20, 20], false, "cat")],
      { method: "all" },
    );
    expect(r.ap.dog).toBeCloseTo(0.5, 12);
    expect(r.ap.cat).toBeCloseTo(1, 12);
    expect(r.mAP).toBeCloseTo(0.75, 12);
  });

  it("a class without non-difficult objects has no AP and is left out of the mean", () => {
    const r = vocMap(
      [det("a", 0.9, [0, 0, 5, 5], "cat")],
      [gt("a", [10, 10, 50, 50]), gt("a", [0, 0, 5, 5], true, "cat")],
      {
        method: "all",
      },
    );
    expect(r.skipped).toEqual(["cat"]);
    expect(Object.keys(r.ap)).toEqual(["dog"]);
    expect(r.mAP).toBe(0);
  });

  it("vocAp: 11-point and all-point on hand-made curves", () => {
    expect(vocAp([0.5, 1], [1, 0.5], "voc07")).toBeCloseTo((6 * 1 + 5 * 0.5) / 11, 12);
    expect(vocAp([0.5, 1], [1, 0.5], "all")).toBeCloseTo(0.5 * 1 + 0.5 * 0.5, 12);
    expect(vocAp([], [], "voc07")).toBe(0);
    expect(vocAp([], [], "all")).toBe(0);
  });

  it("names a malformed entry", () => {
    expect(() => vocMap([{ image: "a", class: "dog", score: 1, box: [1, 2] }], [])).toThrow(
      /detection 0 needs/,
    );
  });
});
