// From a Dataset (src/data) to prepared training examples: decode each image, squash it to S×S, boxes to fractions.
import { trainValSplit } from "../data/lesson";
import type { Dataset, RgbaImage, VocImage } from "../data/types";
import { errorText } from "../errors";
import { type Example, type Prepared, prepare } from "./examples";

/**
 * The one route from a dataset image to a training example: its pixels and its objects' boxes (the lesson's
 * [top, left, bottom, right], in the pixels' own size: scaled from `from`, the size the boxes were measured on,
 * when the pixels were resized). VOC "difficult" objects are left out, as the lesson's json leaves them out
 * (`ignore`) and src/data's padGroundTruth does by default — for the packs and for VOC the user loads alike.
 */
export function toExample(
  image: VocImage,
  pixels: RgbaImage,
  from: { width: number; height: number } = pixels,
): Example {
  const sy = pixels.height / from.height;
  const sx = pixels.width / from.width;
  const kept = image.objects.filter((o) => !o.difficult);
  return {
    id: image.id,
    image: pixels,
    boxes: kept.map((o) => [o.box[0] * sy, o.box[1] * sx, o.box[2] * sy, o.box[3] * sx]),
    classes: kept.map((o) => o.cls),
  };
}

/** Decode and prepare images; an image that fails to load is reported and skipped (the rest still train). */
export async function prepareImages(
  ds: Dataset,
  images: readonly VocImage[],
  size: number,
  onProgress?: (done: number, total: number) => void,
  onError?: (file: string, message: string) => void,
): Promise<Prepared[]> {
  const out: Prepared[] = [];
  for (let i = 0; i < images.length; i++) {
    try {
      out.push(await prepare(toExample(images[i], await ds.loadImage(images[i])), size));
    } catch (e) {
      onError?.(images[i].file, errorText(e));
    }
    onProgress?.(i + 1, images.length);
  }
  return out;
}

/** The dataset's train/val split (its own lists, else the lesson's 80/20), optionally capped for quick runs. */
export async function prepareSplit(
  ds: Dataset,
  size: number,
  opts: {
    limit?: number;
    valLimit?: number;
    onProgress?: (done: number, total: number) => void;
    onError?: (file: string, message: string) => void;
  } = {},
): Promise<{ train: Prepared[]; val: Prepared[] }> {
  const { train, val } = trainValSplit(ds);
  const t = opts.limit ? train.slice(0, opts.limit) : train;
  const v = opts.valLimit ? val.slice(0, opts.valLimit) : val;
  const all = await prepareImages(ds, [...t, ...v], size, opts.onProgress, opts.onError);
  const trainIds = new Set(t.map((i) => i.id));
  return { train: all.filter((p) => trainIds.has(p.id)), val: all.filter((p) => !trainIds.has(p.id)) };
}
