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
  if (anchors && targets.kind === "ssd" && item.boxes.length > 0)
    phases.push(await matchPhase(item, anchors));
  phases.push(await forwardPhase(out, anchors));
  phases.push({ phase: "loss", total: result.loss, parts: result.parts });
  phases.push({ phase: "update", lrs: result.lrs, gradNorms: result.gradNorms });
  tf.dispose(out.kind === "ssd" ? [out.cls, out.bb] : out.kind === "single" ? [out.out] : [out.logits]);
  for (const p of phases) {
    emit({ type: "phase", step, ...p } as TrainEvent);
    await sleep(delayMs);
  }
}

/** jaccard(ground truth, anchors) → map_to_ground_truth → positives (overlap > 0.4), for one image. */
async function matchPhase(item: Prepared, anchors: AnchorTensors): Promise<PhaseData> {
  const t = tf.tidy(() => {
    const overlaps = jaccard(tf.tensor2d(item.boxes, [item.boxes.length, 4]), anchors.corners) as tf.Tensor2D;
    const { gtOverlap, gtIdx } = mapToGroundTruth(overlaps);
    return { overlaps, gtOverlap, gtIdx };
  });
  try {
    // read back with await: sync reads return zeros on WebGPU
    const [overlaps, gtOverlap, gtIdx] = await Promise.all([
      t.overlaps.array(),
      t.gtOverlap.data(),
      t.gtIdx.data(),
    ]);
    const ov = Array.from(gtOverlap);
    return {
      phase: "match",
      overlaps,
      gtOverlap: ov,
      gtIdx: Array.from(gtIdx),
      positives: ov.map((v, i) => (v > 0.4 ? i : -1)).filter((i) => i >= 0),
    };
  } finally {
    tf.dispose([t.overlaps, t.gtOverlap, t.gtIdx]);
  }
}

/** Image 0's predictions: per anchor the best class and its sigmoid score, and the decoded box. */
async function forwardPhase(out: HeadOutput, anchors: AnchorTensors | null): Promise<PhaseData> {
  const t = tf.tidy((): { scores: tf.Tensor; classes: tf.Tensor; boxes: tf.Tensor } => {
    if (out.kind === "ssd" && anchors) {
      const cls = tf.sigmoid(tf.squeeze(tf.slice(out.cls, [0, 0, 0], [1, -1, -1]), [0]));
      const bb = actnToBb(tf.slice(out.bb, [0, 0, 0], [1, -1, -1]), anchors.anchors, anchors.gridSizes);
      return { scores: tf.max(cls, 1), classes: tf.argMax(cls, 1), boxes: tf.squeeze(bb, [0]) };
    }
    if (out.kind === "single") {
      const row = tf.slice(out.out, [0, 0], [1, -1]);
      const probs = tf.softmax(tf.slice(row, [0, 4], [1, -1]));
      return {
        scores: tf.max(probs, 1),
        classes: tf.argMax(probs, 1),
        boxes: tf.sigmoid(tf.slice(row, [0, 0], [1, 4])),
      };
    }
    const logits = out.kind === "multilabel" ? out.logits : tf.zeros([1, 1]);
    const probs = tf.squeeze(tf.sigmoid(tf.slice(logits, [0, 0], [1, -1])), [0]);
    return { scores: probs, classes: tf.range(0, probs.shape[0], 1, "int32"), boxes: tf.zeros([0, 4]) };
  });
  try {
    const [scores, classes, boxes] = await Promise.all([t.scores.data(), t.classes.data(), t.boxes.array()]);
    return {
      phase: "forward",
      scores: Array.from(scores),
      classes: Array.from(classes),
      boxes: boxes as number[][],
    };
  } finally {
    tf.dispose([t.scores, t.classes, t.boxes]);
  }
}
