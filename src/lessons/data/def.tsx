import { IMAGE } from "../settings";
import type { CellDef } from "../types";

export const dataCell: CellDef = {
  id: "data",
  title: "Look at the data",
  prose: (
    <p>
      Object detection data is an image plus, for every object in it, a class and a <b>bounding box</b>.
      Pascal VOC stores a box as <code>xmin, ymin, xmax, ymax</code> (from 1); the lesson turns it into{" "}
      <code>[top, left, bottom, right]</code> (from 0) — rows first, like a NumPy array. Hover a box for its
      class, size and flags. The built-in pack is <b>synthetic</b> so the notebook works offline; drop the
      real Pascal VOC below and every cell uses it instead.
    </p>
  ),
  settings: [IMAGE],
  autorun: true,
  cost: 5,
  load: async () => (await import("./run")).cell,
};
