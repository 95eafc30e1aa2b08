// What the predict cell draws: every (anchor, class) pair whose score clears the threshold — before NMS —
// and what non-maximum suppression keeps of them (src/model/predict detectionsFrom, the lesson's show_nmf).
import { detectionsFrom, type PredictedBox } from "../../model/predict";
import type { Box } from "../../ssd/types";
import type { RawPrediction } from "../common/model";

export interface PredictView {
  /** all candidates above the score threshold, best first */
  before: PredictedBox[];
  /** what NMS keeps, best first */
  after: PredictedBox[];
}

/** Every class score above `thresh` with its anchor's decoded box (show_nmf's c_mask, without the nms call). */
export function candidatesFrom(raw: RawPrediction, thresh: number): PredictedBox[] {
  const numClasses = (raw.scores[0]?.length ?? 1) - 1; // the last column is background
  const out: PredictedBox[] = [];
  raw.scores.forEach((s, a) => {
    for (let c = 0; c < numClasses; c++) {
      if (s[c] > thresh) out.push({ box: raw.boxes[a], cls: c, score: s[c] });
    }
  });
  return out.sort((x, y) => y.score - x.score);
}

/** Before and after NMS for one image (lesson: conf threshold 0.25, overlap 0.4, top_k 50). */
export function beforeAfter(raw: RawPrediction, thresh: number, overlap: number, topK = 50): PredictView {
  return {
    before: candidatesFrom(raw, thresh),
    after: detectionsFrom(raw.boxes, raw.scores, { thresh, overlap, topK }),
  };
}

/** A box in fractions of the image → pixels of a width×height image (inclusive corners), clipped to it. */
export function toImagePixels(box: number[], width: number, height: number): Box {
  const clip = (v: number, n: number) => Math.min(n - 1, Math.max(0, v * n));
  return [clip(box[0], height), clip(box[1], width), clip(box[2], height), clip(box[3], width)];
}

/** The best (anchor, class) score of an image, background excluded. */
export function topScore(raw: RawPrediction): { cls: number; score: number } | null {
  let best: { cls: number; score: number } | null = null;
  for (const s of raw.scores) {
    for (let c = 0; c + 1 < s.length; c++) if (!best || s[c] > best.score) best = { cls: c, score: s[c] };
  }
  return best;
}
