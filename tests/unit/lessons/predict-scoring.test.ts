// The evaluate cell's numbers: devkit lists from raw predictions, mAP both ways, and the false-positive breakdown.
import { describe, expect, it } from "vitest";
import { confusions, devkitIou, devkitLists, mapBoth, toVocBox } from "../../../src/lessons/evaluate/scoring";
import type { Detection, GroundTruth } from "../../../src/ssd/map";

const CLASSES = ["cat", "dog", "car"];

describe("devkit lists", () => {
  it("turns [r0, c0, r1, c1] into [xmin, ymin, xmax, ymax] pixels of the original image", () => {
    expect(toVocBox([0.1, 0.2, 0.5, 0.6], 200, 100, true)).toEqual([40, 10, 120, 50]);
    expect(toVocBox([10, 20, 30, 40], 200, 100, false)).toEqual([20, 10, 40, 30]);
  });

  it("keeps detections above 0.01 after NMS and every ground-truth object with its difficult flag", () => {
    const raws = [
      {
        boxes: [
          [0.1, 0.1, 0.5, 0.5],
          [0.6, 0.6, 0.9, 0.9],
        ],
        scores: [
          [0.9, 0.005, 0.02, 0.1],
          [0.2, 0.3, 0.001, 0.1],
        ],
      },
    ];
    const images = [
      {
        id: "a",
        width: 100,
        height: 100,
        objects: [
          { cls: 0, box: [10, 10, 50, 50], difficult: false },
          { cls: 1, box: [60, 60, 90, 90], difficult: true },
        ],
      },
    ];
    const { dets, gts } = devkitLists(images, raws, CLASSES);
    expect(dets.map((d) => [d.class, d.score])).toEqual([
      ["cat", 0.9],
      ["dog", 0.3],
      ["cat", 0.2],
      ["car", 0.02],
    ]);
    expect(dets[0].box).toEqual([10, 10, 50, 50]);
    expect(gts).toEqual([
      { image: "a", class: "cat", box: [10, 10, 50, 50], difficult: false },
      { image: "a", class: "dog", box: [60, 60, 90, 90], difficult: true },
    ]);
  });
});

describe("mapBoth", () => {
  const gts: GroundTruth[] = [
    { image: "1", class: "cat", box: [0, 0, 49, 49] },
    { image: "2", class: "cat", box: [10, 10, 59, 59] },
    { image: "1", class: "dog", box: [60, 60, 99, 99] },
  ];
  it("is 1 for perfect detections, both ways, and leaves classes without objects out of the mean", () => {
    const dets: Detection[] = gts.map((g, i) => ({ ...g, score: 0.9 - i * 0.1 }));
    const m = mapBoth(dets, gts, CLASSES);
    expect(m.voc07.mAP).toBeCloseTo(1, 10);
    expect(m.all.mAP).toBeCloseTo(1, 10);
    expect(m.voc07.skipped).toEqual(["car"]);
  });
  it("a false positive ranked first lowers AP; the two methods differ", () => {
    const dets: Detection[] = [
      { image: "2", class: "cat", box: [200, 200, 240, 240], score: 0.99 },
      { image: "1", class: "cat", box: [0, 0, 49, 49], score: 0.9 },
      { image: "2", class: "cat", box: [10, 10, 59, 59], score: 0.8 },
    ];
    const m = mapBoth(dets, gts, CLASSES);
    // precision 0, 1/2, 2/3 at recall 0, 1/2, 1: all-point AP = 2/3; VOC07 = 11 points of 2/3
    expect(m.all.ap.cat).toBeCloseTo(2 / 3, 10);
    expect(m.voc07.ap.cat).toBeCloseTo(2 / 3, 10);
    expect(m.all.ap.dog).toBe(0);
  });
});

describe("confusions", () => {
  const gts: GroundTruth[] = [
    { image: "1", class: "cat", box: [0, 0, 99, 99] },
    { image: "1", class: "dog", box: [200, 200, 299, 299] },
    { image: "1", class: "car", box: [400, 0, 499, 99], difficult: true },
  ];
  it("sorts each detection into correct / duplicate / localisation / wrong class / background", () => {
    const dets: Detection[] = [
      { image: "1", class: "cat", box: [0, 0, 99, 99], score: 0.9 }, // correct
      { image: "1", class: "cat", box: [2, 2, 99, 99], score: 0.8 }, // duplicate of the same cat
      { image: "1", class: "cat", box: [50, 50, 149, 149], score: 0.7 }, // IoU ≈ 0.14: localisation
      { image: "1", class: "cat", box: [200, 200, 299, 299], score: 0.6 }, // on the dog: wrong class
      { image: "1", class: "dog", box: [600, 600, 650, 650], score: 0.5 }, // nothing there
      { image: "1", class: "car", box: [400, 0, 499, 99], score: 0.45 }, // a difficult car: ignored
      { image: "1", class: "dog", box: [200, 200, 299, 299], score: 0.1 }, // below the floor
    ];
    const c = confusions(dets, gts, 0.25);
    expect(c.counts).toEqual({ correct: 1, duplicate: 1, localisation: 1, "wrong class": 1, background: 1 });
    expect(c.ignored).toBe(1);
    expect(c.swaps).toEqual([{ predicted: "cat", actual: "dog", n: 1 }]);
    // lower the floor: the late dog detection is correct
    expect(confusions(dets, gts, 0.05).counts.correct).toBe(2);
  });
  it("uses the devkit's +1 pixel IoU", () => {
    expect(devkitIou([0, 0, 9, 9], [0, 0, 9, 9])).toBe(1);
    expect(devkitIou([0, 0, 9, 9], [5, 0, 14, 9])).toBeCloseTo(50 / 150, 12);
  });
});
