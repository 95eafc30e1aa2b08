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

/** How many images are decoded and prepared at once. */
const IN_FLIGHT = 8;

/** Decode and prepare images; an image that fails to load is reported and skipped (the rest still train). */
export async function prepareImages(
  ds: Dataset,
  images: readonly VocImage[],
  size: number,
  onProgress?: (done: number, total: number) => void,
  onError?: (file: string, message: string) => void,
): Promise<Prepared[]> {
  const one = async (image: VocImage): Promise<Prepared | null> => {
    try {
      return await prepare(toExample(image, await ds.loadImage(image)), size);
    } catch (e) {
      onError?.(image.file, errorText(e));
      return null;
    }
  };
  const out: Prepared[] = [];
  // a few at once: the browser decodes off this thread while the last ones are squashed (order is kept)
  for (let i = 0; i < images.length; i += IN_FLIGHT) {
    const done = await Promise.all(images.slice(i, i + IN_FLIGHT).map(one));
    for (const p of done) if (p) out.push(p);
    onProgress?.(Math.min(i + IN_FLIGHT, images.length), images.length);
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
