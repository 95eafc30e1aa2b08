import { Term } from "../../viz/ui/Term";
import { THRESHOLD } from "../settings";
import type { CellDef } from "../types";

export const matchCell: CellDef = {
  id: "match",
  title: "Matching anchors to objects (IoU)",
  prose: (
    <p>
      Which anchor is responsible for which object? Compute the{" "}
      <Term explain="Jaccard index = area of the intersection ÷ area of the union of two boxes: 1 when they coincide, 0 when they do not touch. Also called IoU.">
        Jaccard index
      </Term>{" "}
      (intersection over union) of every anchor with every object, give each anchor its best object, force
      each object's best anchor to it, and call an anchor a positive when its IoU is above the threshold. Drag
      the ground-truth box and watch the positives change.
    </p>
  ),
  settings: [THRESHOLD],
  autorun: true,
  load: async () => (await import("./run")).cell,
};
