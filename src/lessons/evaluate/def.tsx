import type { CellDef } from "../types";

export const evaluateCell: CellDef = {
  id: "evaluate",
  title: "Evaluation: mean average precision",
  prose: (
    <p>
      How good is the detector? For each class, sort detections by score, count a detection correct when IoU
      &gt; 0.5 with an unmatched object, and take the area under the precision–recall curve: the{" "}
      <b>average precision</b>. Its mean over the 20 classes is the mAP.
    </p>
  ),
  load: async () => (await import("../pending")).pending("mAP evaluation"),
};
