// What the augmentation cell needs, React-free: a re-rollable grid of augmented samples with their boxes
// moved, beside the very same images with the boxes left where they were (tfmY "none"), plus captions.
import type { RgbaImage } from "../data/types";
import type { Box } from "../ssd/types";
import { mapBoxes, planSample, type SamplePlan } from "./plan";
import { tfmsFromModel } from "./presets";
import { sampleSeed } from "./random";
import { type AugmentedSample, augmentSample } from "./sample";
import { type Pipeline, withTfmY } from "./transforms";

/** For the cell's prose and code comments: how the lesson's library moved boxes, and how we do. */
export const BOX_TRANSFORM_NOTE =
  "fastai 0.7 moved a box by painting it as a 0/1 mask the size of the image, transforming that mask " +
  "like the image (nearest-neighbour), and measuring the mask's non-zero pixels again. The mask filled " +
  "[r0:r1, c0:c1] without its last row and column, so every pass lost a pixel at the bottom and right. " +
  "Here the box is moved analytically: its four corners go through the same matrix as the image, and " +
  "the enclosing box is clipped to the image.";

export interface AugmentGrid {
  /** boxes moved with the image (tfmY "coord") */
  coord: AugmentedSample[];
  /** the same images, boxes not moved by the augmentations (tfmY "none": the lesson's wrong picture) */
  none: AugmentedSample[];
  /** one caption per sample, e.g. "rotated −2.1°, flipped, brightness +0.03, contrast ×1.02" */
  captions: string[];
}

/**
 * `n` augmented versions of one image, drawn from `seed` (re-roll = another seed). Both grids go through
 * Scale(sz) → augs → NoCrop(sz); the squish moves the boxes in both, so the "none" grid shows what the
 * augmentations alone do wrong. With `noneScope: "all"` nothing moves them, as with the lesson's tfm_y=NO
 * (boxes stay in the original image's pixels).
 */
export function augmentGrid(
  image: RgbaImage,
  boxes: readonly Readonly<Box>[],
  augs: Pipeline,
  opts: { n?: number; seed?: number; sz?: number; noneScope?: "augs" | "all" } = {},
): AugmentGrid {
  const { n = 9, seed = 0, sz = 224, noneScope = "augs" } = opts;
  const coordPipeline = tfmsFromModel(sz, withTfmY(augs, "coord"));
  const nonePipeline = tfmsFromModel(sz, withTfmY(augs, "none"), {
    tfmY: noneScope === "all" ? "none" : "coord",
  });
  const coord: AugmentedSample[] = [];
  const none: AugmentedSample[] = [];
  for (let i = 0; i < n; i++) {
    const s = sampleSeed(seed, i);
    const c = augmentSample(image, boxes, coordPipeline, s);
    coord.push(c);
    // the same seed draws the same parameters, so the image is the same: only the boxes differ
    const plan = planSample(nonePipeline, c.plan.input, s);
    none.push({ image: c.image, boxes: mapBoxes(boxes, plan), plan });
  }
  return { coord, none, captions: coord.map((c) => describePlan(c.plan)) };
}

/** A short caption of what was drawn for one image: "rotated −2.1°, flipped, brightness +0.03, contrast ×1.02". */
export function describePlan(plan: SamplePlan): string {
  const parts: string[] = [];
  for (const s of plan.steps) {
    const p = s.params;
    if (s.transform === "rotate" && p.rotated) parts.push(`rotated ${signed(p.deg as number, 1)}°`);
    if (s.transform === "flip" && p.flipped) parts.push("flipped");
    if (s.transform === "randomCrop") parts.push(`crop at (${p.top}, ${p.left})`);
    if (s.transform === "cropZoom") parts.push(`crop ${p.h}×${p.w} at (${p.top}, ${p.left}), zoomed`);
    if (s.kind === "lighting") parts.push(`brightness ${signed(s.b, 2)}, contrast ×${s.c.toFixed(2)}`);
  }
  return parts.length ? parts.join(", ") : "unchanged";
}

function signed(v: number, digits: number): string {
  const t = Math.abs(v).toFixed(digits);
  return v < 0 ? `−${t}` : `+${t}`;
}
