import type { CellDef } from "../types";

export const predictCell: CellDef = {
  id: "predict",
  title: "Predictions and non-maximum suppression",
  prose: (
    <p>
      A trained SSD proposes many overlapping boxes for one object. <b>Non-maximum suppression</b> keeps the
      highest-scoring box and drops the others that overlap it by more than the NMS threshold.
    </p>
  ),
  load: async () => (await import("../pending")).pending("predictions and NMS"),
};
