// Per-task loss and metrics, from the lesson's maths in src/ssd: detn_loss / detn_acc / detn_l1 for the
// single object, BCE + accuracy_thresh(0.5) for the multi-label classifier, ssd_loss (BCE or focal) and
// mAP@0.5 for the SSD heads.
import * as tf from "@tensorflow/tfjs-core";
import type { HeadOutput } from "../model/heads";
import { type PredictOptions, ssdDetections } from "../model/predict";
import {
  type AnchorTensors,
  accuracyThreshTensor,
  detnAccTensor,
  detnL1Tensor,
  detnLoss,
  ssdLoss,
} from "../ssd";
import { type Detection, type GroundTruth, vocMap } from "../ssd/map";
import type { Targets } from "./examples";

/** The SSD class loss: the lesson's BCE over 20 (background dropped), focal, or softmax over 21 (background a class). */
export type ClassLoss = "bce" | "focal" | "softmax";

export interface LossResult {
  total: tf.Scalar;
  /** named parts shown beside the total (detn: l1, ce; SSD: loc, clas) */
  parts: Record<string, tf.Scalar>;
}

/** The task's loss on one batch (differentiable; call inside tf.variableGrads). */
export function taskLoss(
  out: HeadOutput,
  t: Targets,
  anchors: AnchorTensors | null,
  loss: ClassLoss,
): LossResult {
  if (out.kind === "single" && t.kind === "single") {
    const r = detnLoss(out.out, tf.tensor2d(t.bb, [t.bb.length, 4]), tf.tensor1d(t.cls, "int32"));
    return { total: r.loss, parts: { l1: r.l1, ce: r.ce } };
  }
  if (out.kind === "multilabel" && t.kind === "multilabel") {
    const total = tf.losses.sigmoidCrossEntropy(tf.tensor2d(t.hot), out.logits) as tf.Scalar;
    return { total, parts: {} };
  }
  if (out.kind === "ssd" && t.kind === "ssd") {
    if (!anchors) throw new Error("SSD loss needs anchors");
    const b = t.boxes.length;
    const m = t.boxes[0].length;
    const r = ssdLoss(out.cls, out.bb, tf.tensor3d(t.boxes, [b, m, 4]), tf.tensor2d(t.classes, [b, m]), {
      anchors,
      loss,
    });
    return { total: r.total, parts: { loc: r.loc, clas: r.clas } };
  }
  throw new Error(`head output "${out.kind}" does not match targets "${t.kind}"`);
}

/** Per-batch metric values (numbers), summed by the caller over the validation set; read back with await (WebGPU). */
export async function taskMetrics(out: HeadOutput, t: Targets): Promise<Record<string, number>> {
  const named = tf.tidy((): Record<string, tf.Scalar> => {
    if (out.kind === "single" && t.kind === "single") {
      const bb = tf.tensor2d(t.bb, [t.bb.length, 4]);
      const cls = tf.tensor1d(t.cls, "int32");
      return { detn_acc: detnAccTensor(out.out, cls), detn_l1: detnL1Tensor(out.out, bb) };
    }
    if (out.kind === "multilabel" && t.kind === "multilabel") {
      return { accuracy: accuracyThreshTensor(tf.sigmoid(out.logits), tf.tensor2d(t.hot), 0.5) };
    }
    return {};
  });
  const result: Record<string, number> = {};
  try {
    for (const [k, v] of Object.entries(named)) result[k] = (await v.data())[0];
  } finally {
    tf.dispose(Object.values(named));
  }
  return result;
}

/** Collects SSD detections and ground truth over the validation set, then scores mAP@0.5 (VOC07 11-point). */
export class MapAccumulator {
  private dets: Detection[] = [];
  private gts: GroundTruth[] = [];
  private n = 0;
  constructor(
    private readonly classes: readonly string[],
    /** mAP ranks every detection: a low score floor (VOC evaluations keep all above 0.01) */
    private readonly opts: PredictOptions = { thresh: 0.01, overlap: 0.4, topK: 50 },
  ) {}

  async add(out: HeadOutput, t: Targets, anchors: AnchorTensors): Promise<void> {
    if (out.kind !== "ssd" || t.kind !== "ssd") return;
    const perImage = await ssdDetections(out.cls, out.bb, anchors, this.opts);
    perImage.forEach((dets, i) => {
      const image = String(this.n + i);
      // mAP works in [xmin, ymin, xmax, ymax]; ours are [r0, c0, r1, c1] fractions: scale to 224 px
      const xy = (b: number[]) => [b[1] * 224, b[0] * 224, b[3] * 224, b[2] * 224];
      for (const d of dets)
        this.dets.push({ image, class: this.classes[d.cls], score: d.score, box: xy(d.box) });
      t.boxes[i].forEach((b, j) => {
        if (b[2] - b[0] > 0) this.gts.push({ image, class: this.classes[t.classes[i][j]], box: xy(b) });
      });
    });
    this.n += perImage.length;
  }

  mAP(): number {
    if (this.gts.length === 0) return 0;
    return vocMap(this.dets, this.gts, { iouThreshold: 0.5 }).mAP;
  }
}
