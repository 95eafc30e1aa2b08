// What the model predicts now for a few validation images (eval mode), as plain arrays a cell can draw:
// the single-object box + class, the multi-label logits, or the SSD detections (show_nmf: sigmoid scores,
// threshold, NMS per class). Reads back with await only (sync reads return zeros on WebGPU).
import * as tf from "@tensorflow/tfjs-core";
import type { Backbone } from "../model/backbone";
import type { Head } from "../model/heads";
import { evalCtx } from "../model/layers";
import { classScores, detectionsFrom, type PredictOptions } from "../model/predict";
import { type AnchorTensors, actnToBb } from "../ssd";
import { imageBatch, type Prepared } from "./examples";
import type { FeatureCache } from "./feature-cache";

export type PreviewPrediction =
  /** box as fractions [r0, c0, r1, c1] (sigmoid of the 4 box activations), class by softmax of the 20 logits */
  | { kind: "single"; box: number[]; cls: number; prob: number }
  /** one logit per class (a cell shows sigmoid vs softmax of them) */
  | { kind: "multilabel"; logits: number[] }
  /** detections above the score threshold after NMS, best first; boxes as fractions */
  | { kind: "ssd"; detections: { box: number[]; cls: number; score: number }[] };

export interface PreviewItem {
  id: string;
  /** S×S RGB bytes of the (squashed) image the model saw */
  size: number;
  pixels: Uint8Array;
  /** ground truth, boxes as fractions */
  boxes: number[][];
  classes: number[];
  pred: PreviewPrediction;
}

/** The preview's thresholds are the prediction cells' (the lesson's show_nmf: 0.25, NMS 0.4, top 50). */
export type PreviewOptions = PredictOptions;

/** Predictions of backbone + head (eval mode: no dropout, running BatchNorm statistics) for `items`. */
export async function previewPredictions(
  backbone: Backbone,
  head: Head,
  anchors: AnchorTensors | null,
  items: Prepared[],
  opts: PreviewOptions = {},
  cache: FeatureCache | null = null,
): Promise<PreviewItem[]> {
  if (items.length === 0) return [];
  // the plain view's cached features when every item has them (no backbone pass), else the backbone
  const cached = cache && items.every((p) => cache.has(p.id, 0));
  const feats = cached ? cache.batch(items.map((p) => ({ id: p.id, view: 0 }))).features : null;
  const outs = tf.tidy(() => {
    const x = feats ?? backbone.features(imageBatch(items), evalCtx());
    const o = head.apply(x, evalCtx());
    if (o.kind === "single") {
      const c = o.out.shape[1] - 4;
      const probs = tf.softmax(tf.slice(o.out, [0, 4], [-1, c]));
      return [
        tf.sigmoid(tf.slice(o.out, [0, 0], [-1, 4])),
        tf.max(probs, 1),
        tf.cast(tf.argMax(probs, 1), "float32"),
      ];
    }
    if (o.kind === "multilabel") return [o.logits];
    if (!anchors) throw new Error("preview: an SSD head needs anchors");
    return [actnToBb(o.bb, anchors.anchors, anchors.gridSizes), classScores(o.cls, opts.scoring)];
  });
  feats?.dispose();
  try {
    const arrays = await Promise.all(outs.map((t) => t.array()));
    return items.map((p, i) => ({
      id: p.id,
      size: p.size,
      pixels: p.pixels,
      boxes: p.boxes,
      classes: p.classes,
      pred: predictionOf(head.kind, arrays, i, opts),
    }));
  } finally {
    tf.dispose(outs);
  }
}

function predictionOf(
  kind: Head["kind"],
  arrays: unknown[],
  i: number,
  opts: PreviewOptions,
): PreviewPrediction {
  if (kind === "single") {
    const [box, prob, cls] = arrays as [number[][], number[], number[]];
    return { kind, box: box[i], cls: cls[i], prob: prob[i] };
  }
  if (kind === "multilabel") return { kind, logits: (arrays[0] as number[][])[i] };
  const [boxes, scores] = arrays as [number[][][], number[][][]];
  return { kind: "ssd", detections: detectionsFrom(boxes[i], scores[i], opts) };
}
