// The one typed dataset model shared by every source (built-in pack, hosted pack, dropped VOCdevkit, COCO json).
import type { Box } from "../ssd/types";

/** The 20 Pascal VOC classes in the standard (alphabetical) order; background is index 20. */
export const VOC_CLASSES = [
  "aeroplane",
  "bicycle",
  "bird",
  "boat",
  "bottle",
  "bus",
  "car",
  "cat",
  "chair",
  "cow",
  "diningtable",
  "dog",
  "horse",
  "motorbike",
  "person",
  "pottedplant",
  "sheep",
  "sofa",
  "train",
  "tvmonitor",
] as const;
export type VocClass = (typeof VOC_CLASSES)[number];
export const BACKGROUND = VOC_CLASSES.length; // 20

export interface VocObject {
  /** class id 0..19 */
  cls: number;
  name: string;
  /** [top, left, bottom, right] in pixels of the original image, inclusive corners (the lesson's hw_bb). */
  box: Box;
  difficult: boolean;
  truncated: boolean;
}

/** Decoded pixels, RGBA, row-major; structurally compatible with the DOM's ImageData. */
export interface RgbaImage {
  width: number;
  height: number;
  data: Uint8ClampedArray;
}

export interface VocImage {
  id: string;
  file: string;
  width: number;
  height: number;
  objects: VocObject[];
}

export type LoadSeverity = "error" | "warning";
export interface LoadMessage {
  file: string;
  severity: LoadSeverity;
  message: string;
  /** a grouped line ("and N more like this") stands for this many messages; absent: one */
  count?: number;
}

export interface Dataset {
  name: string;
  /** e.g. "builtin", "pack", "folder", "zip", "tar", "coco-json" */
  source: string;
  /**
   * What the user's files turned out to be, said in the data cell: "COCO json (pascal_train2007.json)",
   * "VOCdevkit folder", "VOCdevkit .zip" … (absent for packs: `source` says it)
   */
  format?: string;
  synthetic: boolean;
  /** what the data is, for the user (a synthetic pack says so and tells how to load real VOC) */
  description?: string;
  /** credit for the images (shown in the app) */
  credit?: string;
  classes: readonly string[];
  images: VocImage[];
  /** named split lists (e.g. train / val) when the source has them */
  splits: Record<string, string[]>;
  report: LoadMessage[];
  /**
   * fetch and decode an image lazily (works in the browser, in a worker and in Node). A failure, or a real
   * size that differs from the annotation's (the image then takes its real size), is added to `report`.
   */
  loadImage(image: VocImage): Promise<RgbaImage>;
  /** hear of messages added to `report` after loading (decode errors, size mismatches); returns unsubscribe */
  subscribeReport?(listener: () => void): () => void;
}
