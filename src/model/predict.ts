// From head activations to detections: decode the boxes against the anchors (actn_to_bb), score each class
// with a sigmoid (or a softmax for a head trained with one), keep scores above a threshold and suppress overlaps per class (the lesson's show_nmf).
import * as tf from "@tensorflow/tfjs-core";
import { type AnchorTensors, actnToBb, nms } from "../ssd";

export interface PredictOptions {
  /** class score above which an anchor is a candidate (lesson: 0.25) */
  thresh?: number;
  /** NMS overlap (lesson: 0.4) and boxes kept per class (lesson: 50) */
  overlap?: number;
  topK?: number;
  /** how a class's score comes from the logits: sigmoid per class (BCE/focal heads, the lesson) or softmax over C+1 (a head trained with softmax, background a class) */
  scoring?: Scoring;
}

export type Scoring = "sigmoid" | "softmax";

/** Class scores [..., C+1] from logits: a sigmoid per class, or a softmax over all C+1 columns. */
export function classScores(cls: tf.Tensor, scoring: Scoring = "sigmoid"): tf.Tensor {
  return scoring === "softmax" ? tf.softmax(cls) : tf.sigmoid(cls);
}

export interface PredictedBox {
  /** [r0, c0, r1, c1], fractions of the image */
  box: number[];
  cls: number;
  score: number;
}

/** cls [B, A, C+1], bb [B, A, 4] → detections per image, best first. Lesson: `show_nmf`. */
export async function ssdDetections(
  cls: tf.Tensor3D,
  bb: tf.Tensor3D,
  anchors: AnchorTensors,
  opts: PredictOptions = {},
): Promise<PredictedBox[][]> {
  const [boxesT, scoresT] = decodeTensors(cls, bb, anchors, opts.scoring);
  const boxes = (await boxesT.array()) as number[][][];
  const scores = (await scoresT.array()) as number[][][];
  tf.dispose([boxesT, scoresT]);
  return boxes.map((b, i) => detectionsFrom(b, scores[i], opts));
}

/** The same as ssdDetections, reading the tensors with `await array()` (safe on WebGPU, where sync reads fail). */
export async function ssdDetectionsAsync(
  cls: tf.Tensor3D,
  bb: tf.Tensor3D,
  anchors: AnchorTensors,
  opts: PredictOptions = {},
): Promise<PredictedBox[][]> {
  const { boxes, scores } = await ssdDecodeAsync(cls, bb, anchors, opts.scoring);
  return boxes.map((b, i) => detectionsFrom(b, scores[i], opts));
}

/** Decoded boxes [B][A][4] (fractions, actn_to_bb) and sigmoid scores [B][A][C+1], read asynchronously. */
export async function ssdDecodeAsync(
  cls: tf.Tensor3D,
  bb: tf.Tensor3D,
  anchors: AnchorTensors,
  scoring: Scoring = "sigmoid",
): Promise<{ boxes: number[][][]; scores: number[][][] }> {
  const [boxesT, scoresT] = decodeTensors(cls, bb, anchors, scoring);
  try {
    const [boxes, scores] = await Promise.all([boxesT.array(), scoresT.array()]);
    return { boxes, scores };
  } finally {
    tf.dispose([boxesT, scoresT]);
  }
}

function decodeTensors(
  cls: tf.Tensor3D,
  bb: tf.Tensor3D,
  anchors: AnchorTensors,
  scoring: Scoring = "sigmoid",
): [tf.Tensor3D, tf.Tensor3D] {
  return tf.tidy(() => [
    actnToBb(bb, anchors.anchors, anchors.gridSizes) as tf.Tensor3D,
    classScores(cls, scoring) as tf.Tensor3D,
  ]);
}

/**
 * One image: every class's anchors scoring above `thresh`, suppressed per class (the last score column is
 * background and is skipped), best first. Lesson: the loop over classes in `show_nmf`.
 */
export function detectionsFrom(
  boxes: number[][],
  scores: number[][],
  { thresh = 0.25, overlap = 0.4, topK = 50 }: PredictOptions = {},
): PredictedBox[] {
  const numClasses = (scores[0]?.length ?? 1) - 1; // the last column is background
  const out: PredictedBox[] = [];
  for (let c = 0; c < numClasses; c++) {
    const idx = scores.map((s, a) => (s[c] > thresh ? a : -1)).filter((a) => a >= 0);
    if (idx.length === 0) continue;
    const { keep } = nms(
      idx.map((a) => boxes[a]),
      idx.map((a) => scores[a][c]),
      overlap,
      topK,
    );
    for (const k of keep) out.push({ box: boxes[idx[k]], cls: c, score: scores[idx[k]][c] });
  }
  return out.sort((a, b) => b.score - a.score);
}
