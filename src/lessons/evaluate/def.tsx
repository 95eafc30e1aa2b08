import { defineSetting } from "../../settings";
import { SCORE } from "../settings";
import type { CellDef } from "../types";

export const PR_CLASS = defineSetting({ kind: "string", name: "cls", label: "PR curve class", default: "" });

export const evaluateCell: CellDef = {
  id: "evaluate",
  title: "Evaluation: mean average precision",
  prose: (
    <p>
      How good is the detector? For each class, sort its detections by score and walk down the list: a
      detection is correct when its IoU with an object of that class, not already found, is above 0.5.
      Precision (the fraction of detections so far that are correct) against recall (the fraction of objects
      found) traces a curve; the area under it is the class's <b>average precision</b>, and its mean over the
      classes is the mAP. VOC2007 reads precision at 11 recall points; later VOC years take the whole area.
      The false positives tell you what to fix: duplicates, loose boxes, confused classes, or detections of
      nothing.
    </p>
  ),
  settings: [SCORE, PR_CLASS],
  cost: 60,
  preview: async () => (await import("../common/shippedRun")).evaluatePreview(),
  load: async () => (await import("./run")).cell,
};
