// Batches of ground truth zero-padded to a fixed object count, as plain arrays (the lesson's DataLoader
// `jag_stack` with pad_idx=0, pre_pad=True: padding rows come first and have r1 - r0 = 0).
import type { Box } from "../ssd/types";
import type { VocImage } from "./types";

export interface GroundTruthBatch {
  /** [B][M][4] boxes [r0, c0, r1, c1], pixels of the resized sz x sz image; padding rows are [0, 0, 0, 0] */
  boxes: Box[][];
  /** [B][M] class ids; padding is 0 (the lesson pads classes with 0 too) */
  classes: number[][];
}

export interface PadOptions {
  /** the fixed object count M (more objects than M: the first M are kept) */
  maxObjects: number;
  /** image side the boxes are scaled to (the images are squished to sz x sz); omit to keep original pixels */
  sz?: number;
  /** pad at the front like the lesson (default) or at the end */
  prePad?: boolean;
  /** include objects marked difficult (the lesson's json leaves them out: `ignore`); default false */
  includeDifficult?: boolean;
}

/** A box in an image of h x w scaled to sz x sz (the squish resize, the lesson's CropType.NO). */
export function scaleBox(b: Box, h: number, w: number, sz: number): Box {
  const sy = sz / h;
  const sx = sz / w;
  return [b[0] * sy, b[1] * sx, b[2] * sy, b[3] * sx];
}

/** Ground truth of a batch of images, zero-padded to maxObjects. */
export function padGroundTruth(images: readonly VocImage[], opts: PadOptions): GroundTruthBatch {
  const { maxObjects: m, sz, prePad = true, includeDifficult = false } = opts;
  const boxes: Box[][] = [];
  const classes: number[][] = [];
  for (const im of images) {
    const objs = im.objects.filter((o) => includeDifficult || !o.difficult).slice(0, m);
    const bs = objs.map((o) => (sz ? scaleBox(o.box, im.height, im.width, sz) : ([...o.box] as Box)));
    const cs = objs.map((o) => o.cls);
    const padB: Box[] = Array.from({ length: m - objs.length }, () => [0, 0, 0, 0]);
    const padC: number[] = new Array(m - objs.length).fill(0);
    boxes.push(prePad ? [...padB, ...bs] : [...bs, ...padB]);
    classes.push(prePad ? [...padC, ...cs] : [...cs, ...padC]);
  }
  return { boxes, classes };
}

/** The largest object count over images (a natural M for padGroundTruth). */
export function maxObjectCount(images: readonly VocImage[], includeDifficult = false): number {
  return images.reduce(
    (m, im) => Math.max(m, im.objects.filter((o) => includeDifficult || !o.difficult).length),
    0,
  );
}

/** Batches of `bs` items in order, or shuffled by a seeded order (pass a permutation of indices). */
export function batches<T>(items: readonly T[], bs: number, order?: readonly number[]): T[][] {
  const idx = order ?? items.map((_, i) => i);
  const out: T[][] = [];
  for (let i = 0; i < idx.length; i += bs) out.push(idx.slice(i, i + bs).map((j) => items[j]));
  return out;
}
