// Lesson helpers on plain arrays (no tensors): the largest object per image, and the train/val lists to use.
import { largestObject } from "../ssd/boxes";
import { lessonSplit } from "./split";
import type { Dataset, VocImage, VocObject } from "./types";

/** The image's largest object by (r1-r0)*(c1-c0), first on ties; null for an image with none. Lesson: `get_lrg`. */
export function largestOf(image: VocImage): VocObject | null {
  const i = largestObject(image.objects.map((o) => o.box));
  return i < 0 ? null : image.objects[i];
}

/** Every image's largest object, by image id. Lesson: `trn_lrg_anno`. */
export function largestPerImage(images: readonly VocImage[]): Map<string, VocObject> {
  const out = new Map<string, VocObject>();
  for (const im of images) {
    const o = largestOf(im);
    if (o) out.set(im.id, o);
  }
  return out;
}

/**
 * Train and validation images: the dataset's own train/val lists when it has both (the built-in pack does),
 * otherwise the lesson's seeded 80/20 split of all images in order (`useLessonSplit` forces that).
 */
export function trainValSplit(ds: Dataset, useLessonSplit = false): { train: VocImage[]; val: VocImage[] } {
  const byId = new Map(ds.images.map((i) => [i.id, i]));
  const { train, val } = ds.splits;
  if (!useLessonSplit && train?.length && val?.length) {
    const pick = (ids: string[]) => ids.map((id) => byId.get(id)).filter((i): i is VocImage => !!i);
    return { train: pick(train), val: pick(val) };
  }
  return lessonSplit(ds.images);
}
