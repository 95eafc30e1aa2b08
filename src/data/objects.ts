// From an annotation's object (XML or json) to the dataset's VocObject: class lookup, clipping to the image,
// dropping zero-area boxes; every change is written to the load report naming the file.
import type { Box } from "../ssd/types";
import type { LoadReport } from "./report";
import { VOC_CLASSES, type VocObject } from "./types";

/** An object before checks: box in the lesson's 0-based inclusive [r0, c0, r1, c1] pixels. */
export interface RawObject {
  name: string;
  box: readonly number[];
  difficult: boolean;
  truncated: boolean;
}

const CLASS_ID = new Map<string, number>(VOC_CLASSES.map((c, i) => [c, i]));

/** Class id of a VOC class name (0..19), or -1. */
export function classId(name: string): number {
  return CLASS_ID.get(name) ?? -1;
}

/** VOC XML [xmin, ymin, xmax, ymax] (1-based, inclusive) -> [r0, c0, r1, c1] (0-based, inclusive), as `hw_bb` of the json. */
export function vocBoxToLesson(b: readonly number[]): Box {
  return [b[1] - 1, b[0] - 1, b[3] - 1, b[2] - 1];
}

const fmt = (b: readonly number[]) => `[${b.map((v) => Math.round(v * 100) / 100).join(", ")}]`;

/**
 * Check one object of an image of `width` x `height` pixels: unknown class -> dropped; box outside the image ->
 * clipped; zero-area box (r1 - r0 <= 0 or c1 - c0 <= 0, the lesson's padding rule) -> dropped. `what` names it.
 */
export function checkObject(
  raw: RawObject,
  width: number,
  height: number,
  file: string,
  what: string,
  report: LoadReport,
): VocObject | null {
  const cls = classId(raw.name);
  if (cls < 0) {
    report.warn(
      file,
      `${what}: unknown class name "${raw.name}" (expected one of the 20 VOC classes): skipped`,
    );
    return null;
  }
  if (raw.box.length !== 4 || raw.box.some((v) => !Number.isFinite(v))) {
    report.warn(file, `${what} (${raw.name}): missing or non-numeric box coordinates: skipped`);
    return null;
  }
  let box = [...raw.box] as Box;
  const clipped: Box = [
    Math.max(0, box[0]),
    Math.max(0, box[1]),
    Math.min(height - 1, box[2]),
    Math.min(width - 1, box[3]),
  ];
  if (clipped.some((v, i) => v !== box[i])) {
    report.warn(
      file,
      `${what} (${raw.name}): box ${fmt(box)} lies outside the ${width}x${height} image: clipped to ${fmt(clipped)}`,
    );
    box = clipped;
  }
  if (!(box[2] - box[0] > 0) || !(box[3] - box[1] > 0)) {
    report.warn(file, `${what} (${raw.name}): zero-area box ${fmt(box)}: skipped`);
    return null;
  }
  return { cls, name: raw.name, box, difficult: raw.difficult, truncated: raw.truncated };
}

/** Check an image's size; false (and an error in the report) when it is missing or not positive. */
export function checkSize(width: number, height: number, file: string, report: LoadReport): boolean {
  if (Number.isFinite(width) && Number.isFinite(height) && width > 0 && height > 0) return true;
  report.error(file, `missing or invalid image size (width ${width}, height ${height}): image skipped`);
  return false;
}
