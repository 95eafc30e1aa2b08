// One route from a dataset image to a training example (the packs in the worker and the VOC a user loads).
import * as tf from "@tensorflow/tfjs-core";
import { describe, expect, it } from "vitest";
import type { VocImage } from "../../../src/data/types";
import { toExample } from "../../../src/train/dataset";
import { prepare } from "../../../src/train/examples";

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

describe("prepare", () => {
  const noisy = (width: number, height: number) => ({
    width,
    height,
    data: Uint8ClampedArray.from({ length: width * height * 4 }, (_, i) => (i * 37 + (i >> 5)) % 256),
  });
  // the route before the alpha was dropped in JS: int32 RGBA tensor → channel slice → bilinear → round/clip
  const reference = (im: ReturnType<typeof noisy>, size: number) =>
    tf.tidy(() => {
      const rgba = tf.tensor3d(Int32Array.from(im.data), [im.height, im.width, 4], "int32");
      const rgb = tf.cast(tf.slice(rgba, [0, 0, 0], [im.height, im.width, 3]), "float32") as tf.Tensor3D;
      return tf.clipByValue(tf.round(tf.image.resizeBilinear(rgb, [size, size])), 0, 255).dataSync();
    });

  it("squashes an image of another size to size×size RGB bytes, as the tensor route does", async () => {
    const im = noisy(30, 20);
    const p = await prepare({ id: "a", image: im, boxes: [[2, 3, 10, 15]], classes: [4] }, 16);
    expect(p.pixels.length).toBe(16 * 16 * 3);
    expect(Array.from(p.pixels)).toEqual(Array.from(reference(im, 16)));
    expect(p.boxes[0]).toEqual([2 / 20, 3 / 30, 10 / 20, 15 / 30]);
  });

  it("keeps an image already at the model's size pixel for pixel (the bilinear squash is the identity there)", async () => {
    const im = noisy(16, 16);
    const p = await prepare({ id: "b", image: im, boxes: [], classes: [] }, 16);
    expect(Array.from(p.pixels)).toEqual(Array.from(reference(im, 16)));
    expect(p.pixels[3]).toBe(im.data[4]); // the alpha is dropped
  });
});
