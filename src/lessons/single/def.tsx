import type { CellDef } from "../types";

export const singleCell: CellDef = {
  id: "single",
  title: "Single-object detection",
  prose: (
    <p>
      One head, two jobs: 4 numbers for the box and 20 for the class. The loss adds the L1 distance of the box
      (after a sigmoid scaled to 224 so it cannot leave the image) to 20 × the cross-entropy of the class, so
      both terms have a similar size.
    </p>
  ),
  load: async () => (await import("../pending")).pending("single-object detector training"),
};
