// Random crop + zoom (not in the lesson, which squishes the whole picture with NoCrop): a window of a random
// size (a fraction `scale` of each side, aspect kept) at a random place, zoomed to sz × sz. Its boxes move
// with it, and a box the window cuts is clipped to it; one left with almost nothing of its object is dropped.
//
// The rule, in the input image's pixels (boxes are inclusive pixel corners, so a box covers (r1-r0+1)·(c1-c0+1)
// pixels): visible = pixels of the box inside the window ÷ pixels of the box; fill = the same pixels ÷ the
// window's pixels.
//   visible = 1                                  -> "kept"    (moved and zoomed, not cut)
//   visible or fill >= minVisible (and not 1)    -> "clipped" (cut at the window's edge: the part inside is
//                                                   its new box; a big object zoomed into fills the picture)
//   both < minVisible                            -> "dropped" (a sliver of the object at the edge: too little
//                                                   to teach it; [0, 0, 0, 0], which get_y drops)
import type { Box } from "../ssd/types";
import { type Affine, composeAffine, cropAffine, EMPTY_BOX, mapBox, resizeAffine, type Size } from "./affine";
import type { Rng } from "./random";

/** The crop, in the input's pixels: rows top..top+h-1, columns left..left+w-1. */
export interface CropWindow {
  top: number;
  left: number;
  h: number;
  w: number;
}

export type BoxFate = "kept" | "clipped" | "dropped";

/** Less than this share of a box's pixels inside the window drops it. */
export const MIN_VISIBLE = 0.3;
/** The smallest window, as a fraction of each side (0.5: a quarter of the picture, zoomed ×2). */
export const MIN_SCALE = 0.5;

/** Draw a window: side fraction uniform in [minScale, 1] (the same for both sides), place uniform. */
export function drawCropWindow(size: Size, rng: Rng, minScale = MIN_SCALE): CropWindow {
  const s = minScale + rng() * (1 - minScale);
  const h = Math.max(1, Math.round(size.h * s));
  const w = Math.max(1, Math.round(size.w * s));
  const top = Math.floor(rng() * (size.h - h + 1));
  const left = Math.floor(rng() * (size.w - w + 1));
  return { top, left, h, w };
}

/** The window zoomed to `sz` × `sz`: crop, then resize (one affine map for the image and its boxes). */
export function cropZoomAffine(win: CropWindow, sz: number): Affine {
  return composeAffine(cropAffine(win.top, win.left), resizeAffine({ h: win.h, w: win.w }, { h: sz, w: sz }));
}

const pixels = (b: Readonly<Box>) => Math.max(0, b[2] - b[0] + 1) * Math.max(0, b[3] - b[1] + 1);

/** The share of a box's pixels inside the window (0 for a padding row). */
export function visibleShare(box: Readonly<Box>, win: CropWindow): number {
  return box[2] - box[0] <= 0 ? 0 : insidePixels(box, win) / pixels(box);
}

/** The share of the window that the part of the box inside it covers. */
export function fillShare(box: Readonly<Box>, win: CropWindow): number {
  return box[2] - box[0] <= 0 ? 0 : insidePixels(box, win) / (win.h * win.w);
}

function insidePixels(box: Readonly<Box>, win: CropWindow): number {
  const inside: Box = [
    Math.max(box[0], win.top),
    Math.max(box[1], win.left),
    Math.min(box[2], win.top + win.h - 1),
    Math.min(box[3], win.left + win.w - 1),
  ];
  if (inside[2] < inside[0] || inside[3] < inside[1]) return 0;
  return pixels(inside);
}

/** What happens to a box with these shares left (see the rule at the top). */
export function boxFate(visible: number, fill: number, minVisible = MIN_VISIBLE): BoxFate {
  if (visible >= 1) return "kept";
  return visible >= minVisible || fill >= minVisible ? "clipped" : "dropped";
}

/** What a window does to one box. */
export function fateOf(box: Readonly<Box>, win: CropWindow, minVisible = MIN_VISIBLE): BoxFate {
  return boxFate(visibleShare(box, win), fillShare(box, win), minVisible);
}

export interface CroppedBoxes {
  /** in the zoomed image's pixels; a dropped box is [0, 0, 0, 0] (the lesson's empty box, which get_y drops) */
  boxes: Box[];
  fates: BoxFate[];
  visible: number[];
}

/** Move boxes through a crop + zoom to sz × sz, clipping cut ones and dropping the nearly gone. */
export function cropZoomBoxes(
  boxes: readonly Readonly<Box>[],
  win: CropWindow,
  sz: number,
  minVisible = MIN_VISIBLE,
): CroppedBoxes {
  const m = cropZoomAffine(win, sz);
  const visible = boxes.map((b) => visibleShare(b, win));
  const fates = boxes.map((b) => fateOf(b, win, minVisible));
  return {
    boxes: boxes.map((b, i) => (fates[i] === "dropped" ? [...EMPTY_BOX] : mapBox(b, m, { h: sz, w: sz }))),
    fates,
    visible,
  };
}
