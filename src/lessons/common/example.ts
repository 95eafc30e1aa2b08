// The lesson's worked example (pascal-multi.ipynb, validation image idx 7 of the first batch): three
// objects on a 224×224 image, in the lesson's [top, left, bottom, right] pixels. Printed in the lecture.
import type { Box } from "../../ssd/types";

export interface ExampleObject {
  cls: number;
  name: string;
  box: Box;
}

export const WORKED_EXAMPLE: ExampleObject[] = [
  { cls: 8, name: "chair", box: [152, 109, 222, 140] },
  { cls: 10, name: "diningtable", box: [159, 19, 222, 123] },
  { cls: 17, name: "sofa", box: [115, 186, 150, 203] },
];

export const SZ = 224;

/** Display sizes: bigger on a projector. */
export function displaySize(presenting: boolean, normal = 448): number {
  return presenting ? Math.round(normal * 1.35) : normal;
}
