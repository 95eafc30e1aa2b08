import { IMAGE } from "../settings";
import type { CellDef } from "../types";

export const dataCell: CellDef = {
  id: "data",
  title: "Look at the data",
  prose: (
    <>
      <p>
        Object detection data is an image plus, for every object in it, a class and a <b>bounding box</b>.
        Pascal VOC stores a box as <code>xmin, ymin, xmax, ymax</code> (1-based pixels); the lesson turns it
        into <code>[top, left, bottom, right]</code> from 0 — rows first, like a NumPy array. Hover a box for
        its class, size and flags; <i>difficult</i> objects are ones VOC leaves out of the evaluation.
      </p>
      <p>
        The notebook starts with a small <b>synthetic</b> pack in the same VOC format, so it works offline
        with nothing to download. Drop the real Pascal VOC 2007 below and every cell uses it instead.
      </p>
    </>
  ),
  settings: [IMAGE],
  autorun: true,
  load: async () => (await import("./run")).cell,
};
