import { defineSetting } from "../../settings";
import { IMAGE, SCORE } from "../settings";
import type { CellDef } from "../types";

export const NMS = defineSetting({
  kind: "float",
  name: "nms",
  label: "NMS overlap (IoU above which a box is dropped)",
  default: 0.4,
  min: 0.1,
  max: 0.9,
  step: 0.05,
});

export const predictCell: CellDef = {
  id: "predict",
  title: "Predictions and non-maximum suppression",
  prose: (
    <p>
      A trained SSD scores every one of its anchors for every class, so one object lights up many overlapping
      anchors. The lesson keeps each (anchor, class) pair whose sigmoid score is above a confidence threshold
      (0.25), then runs <b>non-maximum suppression</b> per class: keep the highest-scoring box, drop every
      other box of that class that overlaps it by more than the NMS threshold (IoU 0.4), repeat. Compare all
      the candidates on the left with what NMS keeps on the right, on a validation image, your own photo
      (squashed to 224×224 like the lesson's images) or the webcam.
    </p>
  ),
  settings: [IMAGE, SCORE, NMS],
  autorun: true,
  cost: 15,
  load: async () => (await import("./run")).cell,
};
