// The one tfjs part of src/data: a batch as tensors — images squished to sz x sz (floats 0..1, NHWC),
// boxes [B, M, 4] in pixels of sz and classes [B, M], zero-padded.
import * as tf from "@tensorflow/tfjs-core";
import { type PadOptions, padGroundTruth } from "./batch";
import type { Dataset, RgbaImage, VocImage } from "./types";

export interface TensorBatch {
  /** [B, sz, sz, 3] float32 in 0..1 */
  x: tf.Tensor4D;
  /** [B, M, 4] float32 */
  boxes: tf.Tensor3D;
  /** [B, M] int32 */
  classes: tf.Tensor2D;
}

/** RGBA pixels -> [sz, sz, 3] float32 0..1, bilinear resize (squish). */
export function imageTensor(img: RgbaImage, sz: number): tf.Tensor3D {
  return tf.tidy(() => {
    const rgba = tf.tensor3d(
      new Uint8Array(img.data.buffer, img.data.byteOffset, img.data.length),
      [img.height, img.width, 4],
      "int32",
    );
    const rgb = tf.slice(rgba, [0, 0, 0], [img.height, img.width, 3]);
    const resized = tf.image.resizeBilinear(tf.cast(rgb, "float32") as tf.Tensor3D, [sz, sz]);
    return tf.div(resized, 255) as tf.Tensor3D;
  });
}

/** Decode, resize and stack a batch; the caller disposes the three tensors. */
export async function batchTensors(
  ds: Dataset,
  images: readonly VocImage[],
  opts: PadOptions & { sz: number },
): Promise<TensorBatch> {
  const pixels = await Promise.all(images.map((im) => ds.loadImage(im)));
  const { boxes, classes } = padGroundTruth(images, opts);
  const m = opts.maxObjects;
  return tf.tidy(() => ({
    x: tf.stack(pixels.map((p) => imageTensor(p, opts.sz))) as tf.Tensor4D,
    boxes: tf.tensor3d(boxes.flat(2), [images.length, m, 4], "float32"),
    classes: tf.tensor2d(classes.flat(), [images.length, m], "int32"),
  }));
}
