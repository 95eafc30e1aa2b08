// Counting what is in a dataset, per class: objects, images that contain the class, difficult objects, and
// how often the class is an image's largest object (the lesson's `trn_lrg_anno`). Plain arrays, no tensors.
import { largestOf } from "../../data/lesson";
import type { VocImage } from "../../data/types";

export interface ClassCount {
  cls: number;
  name: string;
  /** objects of this class */
  objects: number;
  /** images with at least one object of this class */
  images: number;
  /** objects marked difficult */
  difficult: number;
  /** images whose largest object is of this class */
  largest: number;
}

/** One row per class, in the dataset's class order (classes with no objects keep their zero row). */
export function classCounts(classes: readonly string[], images: readonly VocImage[]): ClassCount[] {
  const rows: ClassCount[] = classes.map((name, cls) => ({
    cls,
    name,
    objects: 0,
    images: 0,
    difficult: 0,
    largest: 0,
  }));
  for (const im of images) {
    const seen = new Set<number>();
    for (const o of im.objects) {
      const r = rows[o.cls];
      if (!r) continue;
      r.objects++;
      if (o.difficult) r.difficult++;
      seen.add(o.cls);
    }
    for (const c of seen) rows[c].images++;
    const big = largestOf(im);
    if (big && rows[big.cls]) rows[big.cls].largest++;
  }
  return rows;
}

export interface DatasetTotals {
  images: number;
  objects: number;
  /** images without any object */
  empty: number;
  difficult: number;
  truncated: number;
  maxObjects: number;
}

/** Totals over all images. */
export function datasetTotals(images: readonly VocImage[]): DatasetTotals {
  let objects = 0;
  let empty = 0;
  let difficult = 0;
  let truncated = 0;
  let maxObjects = 0;
  for (const im of images) {
    objects += im.objects.length;
    if (im.objects.length === 0) empty++;
    maxObjects = Math.max(maxObjects, im.objects.length);
    for (const o of im.objects) {
      if (o.difficult) difficult++;
      if (o.truncated) truncated++;
    }
  }
  return { images: images.length, objects, empty, difficult, truncated, maxObjects };
}

/** The index of the next image after `from` (wrapping around) that contains class `cls`; -1 if none does. */
export function nextImageWith(images: readonly VocImage[], cls: number, from: number): number {
  const n = images.length;
  for (let k = 1; k <= n; k++) {
    const i = (((from + k) % n) + n) % n;
    if (images[i].objects.some((o) => o.cls === cls)) return i;
  }
  return -1;
}
