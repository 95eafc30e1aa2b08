// One route from a dataset image to a training example (the packs in the worker and the VOC a user loads).
import { describe, expect, it } from "vitest";
import type { VocImage } from "../../../src/data/types";
import { toExample } from "../../../src/train/dataset";

const image: VocImage = {
  id: "000005",
  file: "JPEGImages/000005.jpg",
  width: 200,
  height: 100,
  objects: [
    { cls: 8, name: "chair", box: [10, 20, 50, 100], difficult: false, truncated: false },
    { cls: 8, name: "chair", box: [0, 0, 99, 199], difficult: true, truncated: false },
    { cls: 14, name: "person", box: [20, 40, 80, 160], difficult: false, truncated: true },
  ],
};
const px = (width: number, height: number) => ({
  width,
  height,
  data: new Uint8ClampedArray(width * height * 4),
});

describe("toExample", () => {
  it("leaves VOC's difficult objects out and keeps the boxes of the rest", () => {
    const ex = toExample(image, px(200, 100));
    expect(ex.id).toBe("000005");
    expect(ex.classes).toEqual([8, 14]);
    expect(ex.boxes).toEqual([
      [10, 20, 50, 100],
      [20, 40, 80, 160],
    ]);
  });
  it("scales the boxes to resized pixels (from the size they were measured on)", () => {
    const ex = toExample(image, px(100, 100), { width: 200, height: 100 });
    expect(ex.boxes).toEqual([
      [10, 10, 50, 50],
      [20, 20, 80, 80],
    ]);
    expect(ex.image.width).toBe(100);
  });
});
