// The geometry shared by the image and its boxes: every geometric transform of the lesson (flip, rotate,
// resize, crop) is an affine map of pixel coordinates, and a box moves by that same map.
//
// Coordinates: x = column, y = row, in pixels, integers at pixel centres (pixel (r, c) sits at x = c, y = r),
// so a box [r0, c0, r1, c1] with inclusive corners is the rectangle between those pixel centres.
//
// How boxes move — ours vs the lesson's library: fastai 0.7 (`CoordTransform.map_y`) painted each box as a
// 0/1 mask (`make_square`, filling [r0:r1, c0:c1], end excluded), applied the image transform to that mask
// with nearest-neighbour sampling, and re-measured the non-zero pixels (`to_bb`). That loses a pixel at the
// bottom/right on every pass and rounds to whole pixels. Ours is analytic: turn the four corners with the
// transform's matrix, take the enclosing box, clip it to the image. Same idea, no lost pixel.
import type { Box } from "../ssd/types";

/** Height and width of an image in pixels. */
export interface Size {
  h: number;
  w: number;
}

/** A forward map of pixel coordinates, input -> output: x' = a·x + b·y + c, y' = d·x + e·y + f. */
export type Affine = [number, number, number, number, number, number];

export const IDENTITY: Affine = [1, 0, 0, 0, 1, 0];

/** Apply `m` to the point (x, y). */
export function applyAffine(m: Affine, x: number, y: number): [number, number] {
  return [m[0] * x + m[1] * y + m[2], m[3] * x + m[4] * y + m[5]];
}

/** `second ∘ first`: apply `first`, then `second`. */
export function composeAffine(first: Affine, second: Affine): Affine {
  const [a, b, c, d, e, f] = second;
  const [p, q, r, s, t, u] = first;
  return [a * p + b * s, a * q + b * t, a * r + b * u + c, d * p + e * s, d * q + e * t, d * r + e * u + f];
}

/** The inverse map (output -> input), which is what a resampler needs. */
export function invertAffine(m: Affine): Affine {
  const [a, b, c, d, e, f] = m;
  const det = a * e - b * d;
  if (det === 0 || !Number.isFinite(det))
    throw new Error(`invertAffine: matrix ${JSON.stringify(m)} is singular`);
  return [e / det, -b / det, (b * f - c * e) / det, -d / det, a / det, (c * d - a * f) / det];
}

export function isIdentity(m: Affine): boolean {
  return m.every((v, i) => v === IDENTITY[i]);
}

/** Horizontal flip of an image `w` wide: column c -> w-1-c. Lesson: `np.fliplr` in `RandomFlip`. */
export function flipAffine(size: Size): Affine {
  return [-1, 0, size.w - 1, 0, 1, 0];
}

/**
 * Rotation by `deg` degrees about (w//2, h//2), positive = counter-clockwise as displayed (rows grow down).
 * Lesson: `cv2.getRotationMatrix2D((c//2, r//2), deg, 1)` in `rotate_cv`.
 * (tfjs's `tf.image.rotateWithOffset(image, radians)` turns the same way for positive radians; it is tested.)
 */
export function rotateAffine(size: Size, deg: number): Affine {
  const cx = Math.floor(size.w / 2);
  const cy = Math.floor(size.h / 2);
  const rad = (deg * Math.PI) / 180;
  const cos = Math.cos(rad);
  const sin = Math.sin(rad);
  return [cos, sin, (1 - cos) * cx - sin * cy, -sin, cos, sin * cx + (1 - cos) * cy];
}

/**
 * Resize from `from` to `to`: x' = x·W'/w, y' = y·H'/h (top-left aligned, as OpenCV's nearest-neighbour
 * resize of the lesson's box mask, and tfjs's resizeBilinear without alignCorners/halfPixelCenters).
 * Lesson: `cv2.resize` in `scale_min` / `no_crop`.
 */
export function resizeAffine(from: Size, to: Size): Affine {
  return [to.w / from.w, 0, 0, 0, to.h / from.h, 0];
}

/** Crop starting at pixel (top, left): x' = x - left, y' = y - top. Lesson: `crop` in `center_crop`/`RandomCrop`. */
export function cropAffine(top: number, left: number): Affine {
  return [1, 0, -left, 0, 1, -top];
}

/** The empty box the lesson gives a box that left the image (`to_bb` of an empty mask); `get_y` drops it. */
export const EMPTY_BOX: Box = [0, 0, 0, 0];

/**
 * Move a pixel box by `m` into an image of size `out`: the four corners turned, the enclosing box taken,
 * clipped to the image. A box that lands wholly outside the image becomes [0, 0, 0, 0].
 * Lesson: `CoordTransform.map_y` (which measured a mask instead; see the comment at the top).
 */
export function mapBox(box: Readonly<Box>, m: Affine, out: Size): Box {
  const [r0, c0, r1, c1] = box;
  let top = Number.POSITIVE_INFINITY;
  let left = Number.POSITIVE_INFINITY;
  let bottom = Number.NEGATIVE_INFINITY;
  let right = Number.NEGATIVE_INFINITY;
  for (const [r, c] of [
    [r0, c0],
    [r0, c1],
    [r1, c0],
    [r1, c1],
  ]) {
    const [x, y] = applyAffine(m, c, r);
    top = Math.min(top, y);
    bottom = Math.max(bottom, y);
    left = Math.min(left, x);
    right = Math.max(right, x);
  }
  if (bottom < 0 || right < 0 || top > out.h - 1 || left > out.w - 1) return [...EMPTY_BOX];
  return [Math.max(0, top), Math.max(0, left), Math.min(out.h - 1, bottom), Math.min(out.w - 1, right)];
}

/** A box after a horizontal flip of an image of `size`. Lesson: `RandomFlip` with `tfm_y=COORD`. */
export function coordFlip(box: Readonly<Box>, size: Size): Box {
  return mapBox(box, flipAffine(size), size);
}

/** A box after rotating its image by `deg` about (w//2, h//2), CCW positive. Lesson: `RandomRotate` with COORD. */
export function coordRotate(box: Readonly<Box>, size: Size, deg: number): Box {
  return mapBox(box, rotateAffine(size, deg), size);
}

/** A box after resizing its image to sz × sz. Lesson: `NoCrop(sz)` with COORD (`CropType.NO`, "squish"). */
export function coordSquish(box: Readonly<Box>, from: Size, sz: number): Box {
  const to = { h: sz, w: sz };
  return mapBox(box, resizeAffine(from, to), to);
}
