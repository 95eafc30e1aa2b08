// What the SSD training cells (train-4x4, train-ssd) chart: ssd_loss's two parts and the mAP per epoch.
import type { ClassLoss } from "../../train/task";

const CLAS_LABEL: Record<ClassLoss, string> = {
  bce: "clas (BCE over 20, background dropped)",
  focal: "clas (focal loss, background dropped)",
  softmax: "clas (softmax over 21, background a class)",
};

/** ssd_loss's parts as charted, the class part named by the loss that trains it. */
export function ssdParts(loss: ClassLoss = "bce") {
  return [
    { key: "loc", label: "loc (L1 on positive anchors)" },
    { key: "clas", label: CLAS_LABEL[loss] },
  ];
}

export const MAP_METRIC = {
  key: "mAP",
  label: "mAP@0.5",
  yLabel: "mean average precision",
  domain: [0, 1] as [number, number],
};
