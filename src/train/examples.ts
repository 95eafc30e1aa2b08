// Training examples as the engine sees them: an image squashed to S×S (CropType.NO) with its boxes as fractions,
// and the per-task targets built from a batch of them (zero-padded boxes for SSD, the largest object for
// single-object detection, multi-hot for the multi-label classifier).
import * as tf from "@tensorflow/tfjs-core";
import { rgbaToRgb } from "../data/pixels";
import type { RgbaImage } from "../data/types";
import type { HeadKind } from "../model/heads";
import { largestObject } from "../ssd/boxes";

/** One image with its objects; boxes are [r0, c0, r1, c1] in pixels of `image` (inclusive corners). */
export interface Example {
  id: string;
  image: RgbaImage;
  boxes: number[][];
  classes: number[];
}

/** An example ready for the model: S×S×3 RGB bytes and boxes as fractions of the side. */
export interface Prepared {
  id: string;
  size: number;
  pixels: Uint8Array;
  boxes: number[][];
  classes: number[];
}

/**
 * RGBA pixels → [size, size, 3] floats 0..255, squashed (CropType.NO, bilinear) and rounded: what the model sees,
 * for training examples and for prediction alike. The alpha is dropped in JS (a channel slice on tfjs-wasm costs
 * ~7 ms an image).
 */
export function squash(image: RgbaImage, size: number): tf.Tensor3D {
  const { width, height, data } = image;
  if (data.length !== width * height * 4)
    throw new Error(`image data has ${data.length} bytes, expected ${width}×${height}×4`);
  const rgb = new Float32Array(width * height * 3);
  for (let p = 0, q = 0; p < data.length; p += 4, q += 3) {
    rgb[q] = data[p];
    rgb[q + 1] = data[p + 1];
    rgb[q + 2] = data[p + 2];
  }
  return tf.tidy(() => {
    const resized = tf.image.resizeBilinear(tf.tensor3d(rgb, [height, width, 3]), [size, size]);
    return tf.clipByValue(tf.round(resized), 0, 255) as tf.Tensor3D;
  });
}

/** Squash an RGBA image to size×size RGB (bilinear), scale its boxes to fractions (read back asynchronously: WebGPU has no cheap sync read). */
export async function prepare(ex: Example, size: number): Promise<Prepared> {
  if (ex.image.data.length !== ex.image.width * ex.image.height * 4)
    throw new Error(
      `${ex.id}: image data has ${ex.image.data.length} bytes, expected ${ex.image.width}×${ex.image.height}×4`,
    );
  const { width, height } = ex.image;
  if (width === size && height === size) return prepareAtSize(ex);
  const t = squash(ex.image, size);
  const pixels = Uint8Array.from(await t.data());
  t.dispose();
  return asPrepared(ex, size, pixels);
}

/** `prepare` for an image already at the model's size (scenes drawn at it): the bilinear squash would be the identity, so only the alpha goes. */
export function prepareAtSize(ex: Example): Prepared {
  const { width, height, data } = ex.image;
  if (width !== height || data.length !== width * height * 4)
    throw new Error(`${ex.id}: a ${width}×${height} image with ${data.length} bytes is not square RGBA`);
  return asPrepared(ex, width, rgbaToRgb(ex.image));
}

function asPrepared(ex: Example, size: number, pixels: Uint8Array): Prepared {
  const { width, height } = ex.image;
  return {
    id: ex.id,
    size,
    pixels,
    boxes: ex.boxes.map(([r0, c0, r1, c1]) => [r0 / height, c0 / width, r1 / height, c1 / width]),
    classes: [...ex.classes],
  };
}

/** A batch of images [B, S, S, 3] in 0..255. */
export function imageBatch(items: Prepared[]): tf.Tensor4D {
  const s = items[0].size;
  const flat = new Float32Array(items.length * s * s * 3);
  items.forEach((p, i) => {
    flat.set(p.pixels, i * s * s * 3);
  });
  return tf.tensor4d(flat, [items.length, s, s, 3]);
}

/** Targets for one batch, as plain arrays (tensors are made inside the step's tidy). */
export type Targets =
  /** largest object: box in pixels of the S×S image (the lesson's 224 units) and its class */
  | { kind: "single"; bb: number[][]; cls: number[] }
  /** multi-hot over the classes */
  | { kind: "multilabel"; hot: number[][] }
  /** zero-padded boxes [B][M][4] (fractions) and classes [B][M] */
  | { kind: "ssd"; boxes: number[][][]; classes: number[][] };

export function makeTargets(kind: HeadKind, items: Prepared[], numClasses: number): Targets {
  if (kind === "single") {
    const bb: number[][] = [];
    const cls: number[] = [];
    for (const p of items) {
      const i = Math.max(0, largestObject(p.boxes));
      bb.push((p.boxes[i] ?? [0, 0, 0, 0]).map((v) => v * p.size));
      cls.push(p.classes[i] ?? 0);
    }
    return { kind, bb, cls };
  }
  if (kind === "multilabel") {
    return {
      kind,
      hot: items.map((p) => {
        const row = new Array(numClasses).fill(0);
        for (const c of p.classes) row[c] = 1;
        return row;
      }),
    };
  }
  const m = Math.max(1, ...items.map((p) => p.boxes.length));
  return {
    kind: "ssd",
    // the lesson pre-pads (jag_stack, pre_pad=True): padding rows come first
    boxes: items.map((p) => [...new Array(m - p.boxes.length).fill([0, 0, 0, 0]), ...p.boxes]),
    classes: items.map((p) => [...new Array(m - p.classes.length).fill(0), ...p.classes]),
  };
}
