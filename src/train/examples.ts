// Training examples as the engine sees them: an image squashed to S×S (CropType.NO) with its boxes as fractions,
// and the per-task targets built from a batch of them (zero-padded boxes for SSD, the largest object for
// single-object detection, multi-hot for the multi-label classifier).
import * as tf from "@tensorflow/tfjs-core";
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

/** Squash an RGBA image to size×size RGB (bilinear), scale its boxes to fractions (read back asynchronously: WebGPU has no cheap sync read). */
export async function prepare(ex: Example, size: number): Promise<Prepared> {
  const { width, height } = ex.image;
  if (ex.image.data.length !== width * height * 4) {
    throw new Error(`${ex.id}: image data has ${ex.image.data.length} bytes, expected ${width}×${height}×4`);
  }
  const pixels = tf.tidy(() => {
    const rgba = tf.tensor3d(Int32Array.from(ex.image.data), [height, width, 4], "int32");
    const rgb = tf.slice(rgba, [0, 0, 0], [height, width, 3]);
    const resized = tf.image.resizeBilinear(tf.cast(rgb, "float32") as tf.Tensor3D, [size, size]);
    return tf.clipByValue(tf.round(resized), 0, 255);
  });
  const data = Uint8Array.from(await pixels.data());
  pixels.dispose();
  return {
    id: ex.id,
    size,
    pixels: data,
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
