// The narrated slow mode: the phases of one training step (augment → match → forward → loss → update), each
// emitted with the plain arrays a cell needs to draw it, for the first image of the batch.
import * as tf from "@tensorflow/tfjs-core";
import type { HeadOutput } from "../model/heads";
import { type AnchorTensors, actnToBb, jaccard, mapToGroundTruth } from "../ssd";
import type { Prepared, Targets } from "./examples";
import type { PhaseData, TrainEvent } from "./protocol";

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Emit the five phases for image 0 of the step; disposes `out`. */
export async function narrate(
  step: number,
  item: Prepared,
  targets: Targets,
  out: HeadOutput,
  anchors: AnchorTensors | null,
  result: { loss: number; parts: Record<string, number>; lrs: number[]; gradNorms: number[] },
  emit: (e: TrainEvent) => void,
  delayMs: number,
): Promise<void> {
  const phases: PhaseData[] = [
    { phase: "augment", size: item.size, pixels: item.pixels, boxes: item.boxes, classes: item.classes },
  ];
  if (anchors && targets.kind === "ssd" && item.boxes.length > 0) phases.push(matchPhase(item, anchors));
  phases.push(forwardPhase(out, anchors));
  phases.push({ phase: "loss", total: result.loss, parts: result.parts });
  phases.push({ phase: "update", lrs: result.lrs, gradNorms: result.gradNorms });
  tf.dispose(out.kind === "ssd" ? [out.cls, out.bb] : out.kind === "single" ? [out.out] : [out.logits]);
  for (const p of phases) {
    emit({ type: "phase", step, ...p } as TrainEvent);
    await sleep(delayMs);
  }
}

/** jaccard(ground truth, anchors) → map_to_ground_truth → positives (overlap > 0.4), for one image. */
function matchPhase(item: Prepared, anchors: AnchorTensors): PhaseData {
  return tf.tidy(() => {
    const overlaps = jaccard(tf.tensor2d(item.boxes, [item.boxes.length, 4]), anchors.corners) as tf.Tensor2D;
    const { gtOverlap, gtIdx } = mapToGroundTruth(overlaps);
    const ov = Array.from(gtOverlap.dataSync());
    return {
      phase: "match",
      overlaps: overlaps.arraySync(),
      gtOverlap: ov,
      gtIdx: Array.from(gtIdx.dataSync()),
      positives: ov.map((v, i) => (v > 0.4 ? i : -1)).filter((i) => i >= 0),
    };
  });
}

/** Image 0's predictions: per anchor the best class and its sigmoid score, and the decoded box. */
function forwardPhase(out: HeadOutput, anchors: AnchorTensors | null): PhaseData {
  return tf.tidy(() => {
    if (out.kind === "ssd" && anchors) {
      const cls = tf.sigmoid(tf.squeeze(tf.slice(out.cls, [0, 0, 0], [1, -1, -1]), [0]));
      const bb = actnToBb(tf.slice(out.bb, [0, 0, 0], [1, -1, -1]), anchors.anchors, anchors.gridSizes);
      return {
        phase: "forward",
        scores: Array.from(tf.max(cls, 1).dataSync()),
        classes: Array.from(tf.argMax(cls, 1).dataSync()),
        boxes: (tf.squeeze(bb, [0]) as tf.Tensor2D).arraySync(),
      };
    }
    if (out.kind === "single") {
      const row = tf.slice(out.out, [0, 0], [1, -1]);
      const box = tf.sigmoid(tf.slice(row, [0, 0], [1, 4]));
      const probs = tf.softmax(tf.slice(row, [0, 4], [1, -1]));
      return {
        phase: "forward",
        scores: [tf.max(probs).dataSync()[0]],
        classes: [tf.argMax(probs, 1).dataSync()[0]],
        boxes: (box as tf.Tensor2D).arraySync(),
      };
    }
    const logits = out.kind === "multilabel" ? out.logits : tf.zeros([1, 1]);
    const probs = Array.from(tf.sigmoid(tf.slice(logits, [0, 0], [1, -1])).dataSync());
    return { phase: "forward", scores: probs, classes: probs.map((_, i) => i), boxes: [] };
  });
}
