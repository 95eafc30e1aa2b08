// From head activations to detections: decode the boxes against the anchors (actn_to_bb), score each class
// with a sigmoid, keep scores above a threshold and suppress overlaps per class (the lesson's show_nmf).
import * as tf from "@tensorflow/tfjs-core";
import { type AnchorTensors, actnToBb, nms } from "../ssd";

export interface PredictOptions {
  /** class score above which an anchor is a candidate (lesson: 0.25) */
  thresh?: number;
  /** NMS overlap (lesson: 0.4) and boxes kept per class (lesson: 50) */
  overlap?: number;
  topK?: number;
}

export interface PredictedBox {
  /** [r0, c0, r1, c1], fractions of the image */
  box: number[];
  cls: number;
  score: number;
}

/** cls [B, A, C+1], bb [B, A, 4] → detections per image, best first. Lesson: `show_nmf`. */
export function ssdDetections(
  cls: tf.Tensor3D,
  bb: tf.Tensor3D,
  anchors: AnchorTensors,
  { thresh = 0.25, overlap = 0.4, topK = 50 }: PredictOptions = {},
): PredictedBox[][] {
  const [boxesT, scoresT] = tf.tidy(() => [
    actnToBb(bb, anchors.anchors, anchors.gridSizes),
    tf.sigmoid(cls),
  ]);
  const boxes = boxesT.arraySync() as number[][][];
  const scores = scoresT.arraySync() as number[][][];
  tf.dispose([boxesT, scoresT]);
  const numClasses = cls.shape[2] - 1; // the last column is background
  return boxes.map((imgBoxes, i) => {
    const out: PredictedBox[] = [];
    for (let c = 0; c < numClasses; c++) {
      const idx = scores[i].map((s, a) => (s[c] > thresh ? a : -1)).filter((a) => a >= 0);
      if (idx.length === 0) continue;
      const { keep } = nms(
        idx.map((a) => imgBoxes[a]),
        idx.map((a) => scores[i][a][c]),
        overlap,
        topK,
      );
      for (const k of keep) out.push({ box: imgBoxes[idx[k]], cls: c, score: scores[i][idx[k]][c] });
    }
    return out.sort((a, b) => b.score - a.score);
  });
}
