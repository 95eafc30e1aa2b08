import { IMAGE } from "../settings";
import type { CellDef } from "../types";

export const dataCell: CellDef = {
  id: "data",
  title: "Look at the data",
  prose: (
    <p>
      Object detection data is an image plus, for every object in it, a class and a <b>bounding box</b>.
      Pascal VOC stores a box as <code>xmin, ymin, xmax, ymax</code>; the lesson turns it into{" "}
      <code>[top, left, bottom, right]</code> — rows first, like a NumPy array. Hover a box for its class and
      size.
    </p>
  ),
  settings: [IMAGE],
  load: async () => (await import("../pending")).pending("data: VOC samples with boxes"),
};
