// Training-time augmentation from src/augment (the lesson's RandomRotate(3, p=0.5), RandomLighting(0.05, 0.05),
// RandomFlip(), all with tfm_y=COORD) applied to a prepared S×S example; boxes move with the pixels.
import { augmentSample, lessonAugs } from "../augment";
import { rgbaToRgb, rgbToRgba } from "../data/pixels";
import type { Box } from "../ssd/types";
import type { Prepared } from "./examples";
import type { AugmentFn } from "./feature-cache";

/** One seeded augmented view of a prepared example; objects pushed out of the image are dropped. */
export const lessonAugment: AugmentFn = (p: Prepared, seed: number): Prepared => {
  const s = p.size;
  const boxes = p.boxes.map((b) => b.map((v) => v * s) as Box);
  const out = augmentSample(rgbToRgba(p.pixels, s), boxes, lessonAugs(), seed);
  if (out.image.width !== s || out.image.height !== s) {
    throw new Error(`augmentation changed the size of ${p.id} to ${out.image.width}×${out.image.height}`);
  }
  const pixels = rgbaToRgb(out.image);
  const keep = out.boxes.map((b, i) => (b[2] - b[0] > 0 ? i : -1)).filter((i) => i >= 0);
  return {
    id: p.id,
    size: s,
    pixels,
    boxes: keep.map((i) => out.boxes[i].map((v) => v / s)),
    classes: keep.map((i) => p.classes[i]),
  };
};
