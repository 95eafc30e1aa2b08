// Which data a training cell sends to the worker: the shared dataset (src/lessons/common/dataset.ts). The
// built-in pack the worker loads itself; data the user loaded lives in this page, so its images are decoded
// here, shrunk to the model's 224×224 (boxes scaled with them) and sent as examples.
import { trainValSplit } from "../../data/lesson";
import type { Dataset, RgbaImage, VocImage } from "../../data/types";
import { errorText } from "../../errors";
import { toExample } from "../../train/dataset";
import type { Example } from "../../train/examples";
import type { DataSpec } from "../../train/protocol";

export interface DataLimits {
  /** at most this many training / validation images (undefined: all, up to LOADED_CAP for loaded data) */
  train?: number;
  val?: number;
}

/** Loaded data is copied to the worker: keep that copy to a few hundred MB at most. */
export const LOADED_CAP = { train: 800, val: 200 };

/** `?steps=N` runs (tests) train on a handful of images, so a cell completes quickly even on a software GPU. */
export const QUICK_LIMITS: Required<DataLimits> = { train: 4, val: 2 };

/** Squash an image to size×size (the lesson's CropType.NO), through a canvas where there is one. */
export async function squash(image: RgbaImage, size: number): Promise<RgbaImage> {
  if (typeof OffscreenCanvas === "undefined" || (image.width === size && image.height === size)) return image;
  const data = new ImageData(new Uint8ClampedArray(image.data), image.width, image.height);
  const bitmap = await createImageBitmap(data, {
    resizeWidth: size,
    resizeHeight: size,
    resizeQuality: "medium",
  });
  const canvas = new OffscreenCanvas(size, size);
  const g = canvas.getContext("2d");
  if (!g) throw new Error("no 2D canvas to resize images");
  g.drawImage(bitmap, 0, 0);
  bitmap.close();
  const out = g.getImageData(0, 0, size, size);
  return { width: size, height: size, data: out.data };
}

/** One image of the dataset as a training example at `size` (toExample: boxes scaled, difficult ones left out). */
async function exampleOf(ds: Dataset, image: VocImage, size: number): Promise<Example> {
  const raw = await ds.loadImage(image);
  return toExample(image, await squash(raw, size), raw);
}

/** The DataSpec for the worker; images that fail to decode are reported by file and skipped. */
export async function trainDataSpec(
  ds: Dataset,
  limits: DataLimits,
  onError?: (file: string, message: string) => void,
  size = 224,
): Promise<DataSpec> {
  if (ds.source === "builtin") {
    return { kind: "dataset", source: "builtin", limit: limits.train, valLimit: limits.val };
  }
  const { train, val } = trainValSplit(ds);
  const pick = async (images: VocImage[], n: number) => {
    const out: Example[] = [];
    for (const im of images.slice(0, n)) {
      try {
        out.push(await exampleOf(ds, im, size));
      } catch (e) {
        onError?.(im.file, errorText(e));
      }
    }
    return out;
  };
  return {
    kind: "examples",
    train: await pick(train, Math.min(limits.train ?? LOADED_CAP.train, LOADED_CAP.train)),
    val: await pick(val, Math.min(limits.val ?? LOADED_CAP.val, LOADED_CAP.val)),
  };
}
