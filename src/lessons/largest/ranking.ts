// Why an object is "the largest": every object's area by the lesson's rule (r1-r0)*(c1-c0) (no +1 pixel
// terms), the winner as get_lrg picks it (first on ties), and whether a tie decided it.
import { largestOf } from "../../data/lesson";
import type { VocImage } from "../../data/types";
import { boxArea } from "../../ssd/boxes";

export interface AreaRow {
  /** index of the object in the image */
  index: number;
  name: string;
  cls: number;
  area: number;
  largest: boolean;
  /** another object has the same area as the winner */
  tiedWithLargest: boolean;
}

/** Every object of an image with its area, in the image's order; exactly one row is `largest` (if any). */
export function areaRows(image: VocImage): AreaRow[] {
  const winner = largestOf(image);
  const best = winner ? boxArea(winner.box) : Number.NaN;
  return image.objects.map((o, index) => ({
    index,
    name: o.name,
    cls: o.cls,
    area: boxArea(o.box),
    largest: o === winner,
    tiedWithLargest: o !== winner && boxArea(o.box) === best,
  }));
}

export interface LargestStats {
  /** images with at least one object */
  withObjects: number;
  /** images with two or more objects: the single-object model ignores all but one */
  multi: number;
  /** objects the largest-object task leaves out */
  ignored: number;
  /** images where the first of two equally large objects won */
  ties: number;
}

/** What the "largest object only" simplification costs over a set of images. */
export function largestStats(images: readonly VocImage[]): LargestStats {
  let withObjects = 0;
  let multi = 0;
  let ignored = 0;
  let ties = 0;
  for (const im of images) {
    const n = im.objects.length;
    if (n === 0) continue;
    withObjects++;
    if (n > 1) multi++;
    ignored += n - 1;
    if (areaRows(im).some((r) => r.tiedWithLargest)) ties++;
  }
  return { withObjects, multi, ignored, ties };
}
