// From raw SSD predictions on the validation set to what the evaluate cell shows: detections and ground truth in
// the devkit's form (vocMap), mAP both ways (VOC07 11-point and all-point), and what the false positives were.
import { detectionsFrom, type PredictOptions } from "../../model/predict";
import { type Detection, type GroundTruth, type VocMapResult, vocMap } from "../../ssd/map";
import type { RawPrediction } from "../common/model";

export interface EvalImage {
  id: string;
  width: number;
  height: number;
  objects: { cls: number; box: number[]; difficult: boolean }[];
}

/** mAP ranks every detection: keep all above a low floor (the devkit's evaluations keep scores > 0.01). */
export const EVAL_OPTIONS: PredictOptions = { thresh: 0.01, overlap: 0.4, topK: 50 };

/** [r0, c0, r1, c1] (fractions or pixels of the lesson's order) → the devkit's [xmin, ymin, xmax, ymax] pixels. */
export function toVocBox(b: number[], width: number, height: number, fractions: boolean): number[] {
  const [sy, sx] = fractions ? [height, width] : [1, 1];
  return [b[1] * sx, b[0] * sy, b[3] * sx, b[2] * sy];
}

/** Detections (after NMS) and ground truth of every image, in pixels of the original images. */
export function devkitLists(
  images: EvalImage[],
  raws: RawPrediction[],
  classes: readonly string[],
  opts: PredictOptions = EVAL_OPTIONS,
): { dets: Detection[]; gts: GroundTruth[] } {
  const dets: Detection[] = [];
  const gts: GroundTruth[] = [];
  images.forEach((im, i) => {
    for (const d of detectionsFrom(raws[i].boxes, raws[i].scores, opts)) {
      dets.push({
        image: im.id,
        class: classes[d.cls],
        score: d.score,
        box: toVocBox(d.box, im.width, im.height, true),
      });
    }
    for (const o of im.objects) {
      gts.push({
        image: im.id,
        class: classes[o.cls],
        box: toVocBox(o.box, im.width, im.height, false),
        difficult: o.difficult,
      });
    }
  });
  return { dets, gts };
}

export interface MapBoth {
  voc07: VocMapResult;
  all: VocMapResult;
}

/** mAP@0.5 by the VOC2007 11-point rule and by the area under the precision envelope (VOC2010+). */
export function mapBoth(dets: Detection[], gts: GroundTruth[], classes: readonly string[]): MapBoth {
  const c = [...classes];
  return {
    voc07: vocMap(dets, gts, { iouThreshold: 0.5, method: "voc07", classes: c }),
    all: vocMap(dets, gts, { iouThreshold: 0.5, method: "all", classes: c }),
  };
}

export type Outcome = "correct" | "duplicate" | "localisation" | "wrong class" | "background";
export const OUTCOMES: Outcome[] = ["correct", "duplicate", "localisation", "wrong class", "background"];

/** IoU of two [xmin, ymin, xmax, ymax] pixel boxes with the devkit's +1 terms. */
export function devkitIou(a: number[], b: number[]): number {
  const iw = Math.max(Math.min(a[2], b[2]) - Math.max(a[0], b[0]) + 1, 0);
  const ih = Math.max(Math.min(a[3], b[3]) - Math.max(a[1], b[1]) + 1, 0);
  const inter = iw * ih;
  return inter / ((a[2] - a[0] + 1) * (a[3] - a[1] + 1) + (b[2] - b[0] + 1) * (b[3] - b[1] + 1) - inter);
}

export interface Confusions {
  counts: Record<Outcome, number>;
  /** detections that hit a "difficult" object: neither right nor wrong (the devkit ignores them) */
  ignored: number;
  /** wrong class: "predicted → actual" pairs, most frequent first */
  swaps: { predicted: string; actual: string; n: number }[];
}

/**
 * What each detection scoring ≥ minScore was (Hoiem et al., "Diagnosing error in object detectors"), taken in
 * falling score order per class as the devkit does: correct (IoU > 0.5 with an unclaimed object of its class),
 * duplicate (that object was already claimed), localisation (0.1 ≤ IoU ≤ 0.5 with an object of its class),
 * wrong class (IoU ≥ 0.1 with an object of another class), background (nothing there).
 */
export function confusions(dets: Detection[], gts: GroundTruth[], minScore: number): Confusions {
  const counts = Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as Record<Outcome, number>;
  const byImage = new Map<string, (GroundTruth & { claimed: boolean })[]>();
  for (const g of gts) byImage.set(g.image, [...(byImage.get(g.image) ?? []), { ...g, claimed: false }]);
  const swaps = new Map<string, number>();
  let ignored = 0;
  const sorted = dets.filter((d) => d.score >= minScore).sort((a, b) => b.score - a.score);
  for (const d of sorted) {
    const objs = byImage.get(d.image) ?? [];
    let best = -1;
    let bestIou = 0;
    let other: GroundTruth | null = null;
    let otherIou = 0;
    objs.forEach((g, j) => {
      const iou = devkitIou(d.box, g.box);
      if (g.class === d.class && iou > bestIou) [best, bestIou] = [j, iou];
      if (g.class !== d.class && iou > otherIou) [other, otherIou] = [g, iou];
    });
    if (bestIou > 0.5) {
      const g = objs[best];
      if (g.difficult) ignored++;
      else if (g.claimed) counts.duplicate++;
      else {
        g.claimed = true;
        counts.correct++;
      }
    } else if (bestIou >= 0.1) counts.localisation++;
    else if (other && otherIou >= 0.1) {
      counts["wrong class"]++;
      const key = `${d.class}→${(other as GroundTruth).class}`;
      swaps.set(key, (swaps.get(key) ?? 0) + 1);
    } else counts.background++;
  }
  return {
    counts,
    ignored,
    swaps: [...swaps.entries()]
      .map(([k, n]) => {
        const [predicted, actual] = k.split("→");
        return { predicted, actual, n };
      })
      .sort((a, b) => b.n - a.n || a.predicted.localeCompare(b.predicted)),
  };
}
