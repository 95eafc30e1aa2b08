// The per-image path (for the cells): plain JS, exact and deterministic, no tfjs backend needed.
// It samples exactly as tf.image.transform does (bilinear, 'reflect' border — the lesson's BORDER_REFLECT),
// so it agrees with the batched path (batch.ts) on the same seed.
import type { RgbaImage } from "../data/types";
import type { Box } from "../ssd/types";
import { type Affine, invertAffine, type Size } from "./affine";
import { checkSize, imageOps, mapBoxes, planSample, type SamplePlan } from "./plan";
import type { Pipeline } from "./transforms";

/** An RGB image as floats in [0, 1], row-major, 3 values a pixel (the lesson's `open_image` / 255). */
export interface FloatImage {
  h: number;
  w: number;
  data: Float32Array;
}

export interface AugmentedSample {
  image: RgbaImage;
  boxes: Box[];
  plan: SamplePlan;
}

/**
 * Augment one image and its pixel boxes with `pipeline`, drawing the random parameters from `seed`.
 * Boxes keep their order; one that left the image (or was padding) comes back as [0, 0, 0, 0].
 * Lesson: a pass of `Transforms.__call__` over one (x, y) with `tfm_y`.
 */
export function augmentSample(
  image: RgbaImage,
  boxes: readonly Readonly<Box>[],
  pipeline: Pipeline,
  seed: number,
): AugmentedSample {
  const x = rgbaToFloat(image);
  const plan = planSample(pipeline, { h: x.h, w: x.w }, seed);
  return { image: floatToRgba(runPlan(x, plan)), boxes: mapBoxes(boxes, plan), plan };
}

/** Run a plan's image operations on a float image. */
export function runPlan(image: FloatImage, plan: SamplePlan): FloatImage {
  let x = image;
  for (const op of imageOps(plan)) {
    if (op.kind === "lighting") x = lighting(x, op.b, op.c);
    else if (!op.identity) x = warpAffine(x, op.m, op.size);
  }
  return x;
}

/**
 * Resample `image` through the forward map `m` into an image of `size`: each output pixel reads the input
 * at m⁻¹(x, y), bilinear, the input reflected beyond its edges. Lesson: `cv2.warpAffine` / `cv2.resize`
 * (which used INTER_AREA; like tf.image.transform we use bilinear everywhere).
 */
export function warpAffine(image: FloatImage, m: Affine, size: Size): FloatImage {
  checkSize(size, "warpAffine");
  const [a, b, c, d, e, f] = invertAffine(m);
  const { h, w, data } = image;
  const out = new Float32Array(size.h * size.w * 3);
  const read = (yy: number, xx: number, ch: number) =>
    yy >= 0 && yy < h && xx >= 0 && xx < w ? data[(yy * w + xx) * 3 + ch] : 0;
  for (let y = 0; y < size.h; y++) {
    for (let x = 0; x < size.w; x++) {
      const inX = reflect(a * x + b * y + c, w);
      const inY = reflect(d * x + e * y + f, h);
      const x0 = Math.floor(inX);
      const y0 = Math.floor(inY);
      const fx = inX - x0;
      const fy = inY - y0;
      const o = (y * size.w + x) * 3;
      for (let ch = 0; ch < 3; ch++) {
        const top = (1 - fx) * read(y0, x0, ch) + fx * read(y0, x0 + 1, ch);
        const bottom = (1 - fx) * read(y0 + 1, x0, ch) + fx * read(y0 + 1, x0 + 1, ch);
        out[o + ch] = (1 - fy) * top + fy * bottom;
      }
    }
  }
  return { h: size.h, w: size.w, data: out };
}

/** tf.image.transform's 'reflect' fill: [dcba|abcd|dcba], about the edge of the last pixel, then clamped. */
function reflect(coord: number, len: number): number {
  let v = coord;
  if (v < 0) {
    if (len <= 1) v = 0;
    else {
      const sz2 = 2 * len;
      if (v < sz2) v = sz2 * Math.trunc(-v / sz2) + v;
      v = v < -len ? v + sz2 : -v - 1;
    }
  } else if (v > len - 1) {
    if (len <= 1) v = 0;
    else {
      const sz2 = 2 * len;
      v -= sz2 * Math.trunc(v / sz2);
      if (v >= len) v = sz2 - v - 1;
    }
  }
  return Math.min(Math.max(v, 0), len - 1);
}

/** Brightness and contrast about the image's mean, clipped to [0, 1]. Lesson: `lighting(im, b, c)`. */
export function lighting(image: FloatImage, b: number, c: number): FloatImage {
  const { data } = image;
  let sum = 0;
  for (let i = 0; i < data.length; i++) sum += data[i];
  const mu = sum / data.length;
  const out = new Float32Array(data.length);
  for (let i = 0; i < data.length; i++) out[i] = Math.min(1, Math.max(0, (data[i] - mu) * c + mu + b));
  return { h: image.h, w: image.w, data: out };
}

/** RGBA bytes -> RGB floats in [0, 1] (alpha dropped). Checks the buffer's size. */
export function rgbaToFloat(image: RgbaImage): FloatImage {
  const { width: w, height: h, data } = image;
  checkSize({ h, w }, "augment: image");
  if (!data || data.length !== w * h * 4) {
    throw new Error(
      `augment: image is ${w}×${h} but has ${data?.length} bytes of RGBA, expected ${w * h * 4}`,
    );
  }
  const out = new Float32Array(w * h * 3);
  for (let i = 0, j = 0; i < data.length; i += 4, j += 3) {
    out[j] = data[i] / 255;
    out[j + 1] = data[i + 1] / 255;
    out[j + 2] = data[i + 2] / 255;
  }
  return { h, w, data: out };
}

/** RGB floats in [0, 1] -> RGBA bytes (opaque), rounded. */
export function floatToRgba(image: FloatImage): RgbaImage {
  const { h, w, data } = image;
  const out = new Uint8ClampedArray(w * h * 4);
  for (let i = 0, j = 0; j < data.length; i += 4, j += 3) {
    out[i] = Math.round(data[j] * 255);
    out[i + 1] = Math.round(data[j + 1] * 255);
    out[i + 2] = Math.round(data[j + 2] * 255);
    out[i + 3] = 255;
  }
  return { width: w, height: h, data: out };
}
