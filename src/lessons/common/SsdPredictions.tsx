// SSD detections on validation images (score threshold, NMS per class) drawn over the ground truth,
// for the two SSD training cells.
import { VOC_CLASSES } from "../../data/types";
import type { PreviewItem } from "../../train/preview";
import type { DrawnBox } from "../../viz/ImageBoxes";
import { classColor } from "../../viz/palette";
import { PredictionGallery } from "./PredictionGallery";
import { toSquarePixels } from "./startTraining";

/** Truth (dashed grey) and the detections (solid, class colour, label "class score"). */
export function ssdBoxes(it: PreviewItem): DrawnBox[] {
  const truth: DrawnBox[] = it.boxes.map((b, i) => ({
    box: toSquarePixels(b, it.size),
    color: "#555",
    dashed: true,
    detail: `truth: ${VOC_CLASSES[it.classes[i]]}`,
  }));
  if (it.pred.kind !== "ssd") return truth;
  return [
    ...truth,
    ...it.pred.detections.slice(0, 8).map((d) => ({
      box: toSquarePixels(d.box, it.size),
      color: classColor(d.cls),
      label: `${VOC_CLASSES[d.cls]} ${d.score.toFixed(2)}`,
      detail: `score ${d.score.toFixed(3)}`,
    })),
  ];
}

export function SsdPredictions({ items, thresh }: { items: PreviewItem[] | null; thresh: number }) {
  return (
    <PredictionGallery
      title={`Validation images: detections with score > ${thresh} after NMS (solid) vs truth (dashed)`}
      items={items}
      boxesOf={ssdBoxes}
      captionOf={(it) => {
        const n = it.pred.kind === "ssd" ? it.pred.detections.length : 0;
        return (
          <span data-role="pred-caption" data-detections={n}>
            {n} detection{n === 1 ? "" : "s"} ({it.boxes.length} object{it.boxes.length === 1 ? "" : "s"} in
            the image){n > 8 ? " — best 8 drawn" : ""}
          </span>
        );
      }}
    />
  );
}
