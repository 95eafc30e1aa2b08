// What the SSD training cells (train-4x4, train-ssd) chart: ssd_loss's two parts and the mAP per epoch.

export const SSD_PARTS = [
  { key: "loc", label: "loc (L1 on positive anchors)" },
  { key: "clas", label: "clas (BCE, background dropped)" },
];

export const MAP_METRIC = {
  key: "mAP",
  label: "mAP@0.5",
  yLabel: "mean average precision",
  domain: [0, 1] as [number, number],
};
