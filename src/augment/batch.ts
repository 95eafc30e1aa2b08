// The batched path (for training): the same plans as the per-image path, run on a [B, H, W, 3] tensor on
// the accelerator. Each fused geometric op is one tf.image.transform call with one matrix per image
// (bilinear, 'reflect' border like the lesson's BORDER_REFLECT); lighting is a few elementwise ops.
//
// Why tf.image.transform rather than tf.image.rotateWithOffset / flipLeftRight / resizeBilinear:
// rotateWithOffset takes one angle for the whole batch, samples nearest-neighbour and fills a constant,
// while the lesson draws an angle per image and reflects the border; one transform call per fused op also
// flips, rotates and squishes every image its own way in a single resampling. rotateWithOffset turns the
// same way as our matrices (positive = counter-clockwise as displayed) — tests/unit/augment checks it.
import * as tf from "@tensorflow/tfjs-core";
import type { RgbaImage } from "../data/types";
import type { Box } from "../ssd/types";
import { invertAffine } from "./affine";
import { type ImageOp, imageOps, mapBoxes, planSample, type SamplePlan } from "./plan";
import { sampleSeed } from "./random";
import { runPlan } from "./sample";
import type { Pipeline } from "./transforms";

export interface AugmentedBatch {
  /** [B, H', W', 3] float32 in [0, 1]; the caller disposes it. */
  images: tf.Tensor4D;
  boxes: Box[][];
  plans: SamplePlan[];
}

/**
 * How the pixels are computed: "tf" = tf.image.transform and elementwise ops on the backend; "js" = the
 * per-image sampler of sample.ts on data read back synchronously (for the CPU backend, where tfjs's
 * Transform kernel is ~11× slower than it: 6.7 s vs 0.57 s a batch of 16 images of 224², lessonAugs, Node).
 * Default: "js" on the cpu backend, "tf" elsewhere. Never "js" on WebGPU (dataSync read back zeros there).
 */
export type BatchImpl = "tf" | "js";

/**
 * Augment a batch: `images` is [B, H, W, 3] float32 in [0, 1] (not disposed here), `boxes[i]` the pixel
 * boxes of image i. Image i is drawn from `seeds[i]`, or from sampleSeed(seed, i) when one seed is given,
 * so `augmentSample(image_i, boxes_i, pipeline, thatSeed)` reproduces it.
 */
export function augmentBatch(
  images: tf.Tensor4D,
  boxes: readonly (readonly Readonly<Box>[])[],
  pipeline: Pipeline,
  seeds: number | readonly number[],
  opts: { impl?: BatchImpl } = {},
): AugmentedBatch {
  if (images.rank !== 4 || images.shape[3] !== 3) {
    throw new Error(`augmentBatch: images must be [B, H, W, 3], got [${images.shape}]`);
  }
  const [n, h, w] = images.shape;
  if (boxes.length !== n) throw new Error(`augmentBatch: ${n} images but ${boxes.length} box lists`);
  const seedList =
    typeof seeds === "number" ? Array.from({ length: n }, (_, i) => sampleSeed(seeds, i)) : seeds;
  if (seedList.length !== n) throw new Error(`augmentBatch: ${n} images but ${seedList.length} seeds`);
  const plans = seedList.map((s) => planSample(pipeline, { h, w }, s));
  const impl = opts.impl ?? (tf.getBackend() === "cpu" ? "js" : "tf");
  const mapped = boxes.map((b, i) => mapBoxes(b, plans[i]));
  if (impl === "js") return { images: augmentBatchJs(images, plans), boxes: mapped, plans };
  const ops = plans.map(imageOps);
  const out = tf.tidy(() => {
    let x: tf.Tensor4D = tf.cast(images, "float32");
    for (let k = 0; k < ops[0].length; k++)
      x = applyOp(
        x,
        ops.map((o) => o[k]),
      );
    return x;
  });
  return { images: out, boxes: mapped, plans };
}

/** The "js" implementation: each image through the per-image path, one tensor out. */
function augmentBatchJs(images: tf.Tensor4D, plans: SamplePlan[]): tf.Tensor4D {
  const [n, h, w] = images.shape;
  const data = images.dataSync();
  const { h: oh, w: ow } = plans[0].size;
  const out = new Float32Array(n * oh * ow * 3);
  plans.forEach((plan, i) => {
    const x = { h, w, data: Float32Array.from(data.subarray(i * h * w * 3, (i + 1) * h * w * 3)) };
    out.set(runPlan(x, plan).data, i * oh * ow * 3);
  });
  return tf.tensor4d(out, [n, oh, ow, 3]);
}

/** Op k of every image, on the whole batch (call inside tf.tidy). */
function applyOp(x: tf.Tensor4D, ops: ImageOp[]): tf.Tensor4D {
  const n = x.shape[0];
  const first = ops[0];
  if (first.kind === "lighting") {
    const col = (v: number[]) => tf.tensor4d(v, [n, 1, 1, 1]);
    const b = col(ops.map((o) => (o.kind === "lighting" ? o.b : 0)));
    const c = col(ops.map((o) => (o.kind === "lighting" ? o.c : 1)));
    const mu = tf.mean(x, [1, 2, 3], true);
    // lesson: np.clip((im-mu)*c+mu+b, 0., 1.)
    return tf.clipByValue(tf.add(tf.add(tf.mul(tf.sub(x, mu), c), mu), b), 0, 1) as tf.Tensor4D;
  }
  if (ops.every((o) => o.kind === "warp" && o.identity)) return x;
  const rows = ops.map((o) => {
    if (o.kind !== "warp") throw new Error("augmentBatch: plans of one batch disagree in shape");
    return [...invertAffine(o.m), 0, 0];
  });
  const size: [number, number] = [first.size.h, first.size.w];
  // tfjs 4.22's CPU Transform kernel returns after the first image of a batch, so on CPU go one by one.
  if (tf.getBackend() === "cpu" && n > 1) {
    const parts = tf
      .unstack(x)
      .map((img, i) => transform(tf.expandDims(img, 0) as tf.Tensor4D, [rows[i]], size));
    return tf.concat(parts, 0);
  }
  return transform(x, rows, size);
}

function transform(x: tf.Tensor4D, rows: number[][], size: [number, number]): tf.Tensor4D {
  return tf.image.transform(x, tf.tensor2d(rows, [rows.length, 8]), "bilinear", "reflect", 0, size);
}

/** RGBA images of one size -> a [B, H, W, 3] float32 tensor in [0, 1] (alpha dropped). */
export function imagesToTensor(images: readonly RgbaImage[]): tf.Tensor4D {
  if (images.length === 0) throw new Error("imagesToTensor: no images");
  const { width: w, height: h } = images[0];
  const rgb = new Float32Array(images.length * h * w * 3);
  images.forEach((im, b) => {
    if (im.width !== w || im.height !== h) {
      throw new Error(`imagesToTensor: image ${b} is ${im.width}×${im.height}, the batch is ${w}×${h}`);
    }
    if (im.data.length !== w * h * 4)
      throw new Error(`imagesToTensor: image ${b} has ${im.data.length} bytes`);
    for (let i = 0, j = b * h * w * 3; i < im.data.length; i += 4, j += 3) {
      rgb[j] = im.data[i] / 255;
      rgb[j + 1] = im.data[i + 1] / 255;
      rgb[j + 2] = im.data[i + 2] / 255;
    }
  });
  return tf.tensor4d(rgb, [images.length, h, w, 3]);
}
