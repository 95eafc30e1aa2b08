// From a Dataset (src/data) to prepared training examples: decode each image, squash it to S×S, boxes to fractions.
import { trainValSplit } from "../data/lesson";
import type { Dataset, VocImage } from "../data/types";
import { type Example, type Prepared, prepare } from "./examples";

/** A VocImage's objects as an Example (boxes in pixels, the lesson's [top, left, bottom, right]). */
export async function toExample(ds: Dataset, image: VocImage): Promise<Example> {
  return {
    id: image.id,
    image: await ds.loadImage(image),
    // the lesson's json leaves difficult objects out (`ignore`), as src/data's padGroundTruth does by default
    boxes: image.objects.filter((o) => !o.difficult).map((o) => [...o.box]),
    classes: image.objects.filter((o) => !o.difficult).map((o) => o.cls),
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
      out.push(await prepare(await toExample(ds, images[i]), size));
    } catch (e) {
      onError?.(images[i].file, e instanceof Error ? e.message : String(e));
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
