// Vector ops of the lesson's maths (src/ssd), computed with the same functions the app uses.
import * as tf from "@tensorflow/tfjs-core";
// The modules one by one, not the src/ssd barrel: it registers gradients through an import Node cannot load.
import { makeAnchors } from "../../src/ssd/anchors";
import { bbHw, hwBb, largestObject } from "../../src/ssd/boxes";
import { actnToBb } from "../../src/ssd/decode";
import { jaccard } from "../../src/ssd/iou";
import { bceLoss, focalLoss } from "../../src/ssd/loss-class";
import { detnLoss } from "../../src/ssd/loss-detn";
import { ssdLoss } from "../../src/ssd/loss-ssd";
import { vocMap } from "../../src/ssd/map";
import { mapToGroundTruth } from "../../src/ssd/match";
import { nms } from "../../src/ssd/nms";
import type { AnchorSpec } from "../../src/ssd/types";
import { argArray, argNumber, argTensor, type OpTable } from "./registry";

type Args = Record<string, unknown>;

/** Run f in tf.tidy, read every tensor it returns to plain arrays, dispose them all. */
function read<T extends Record<string, tf.Tensor> | tf.Tensor>(f: () => T): unknown {
  const out = tf.tidy(f);
  const toJs = (t: tf.Tensor) => (t.rank === 0 ? t.dataSync()[0] : t.arraySync());
  try {
    if (out instanceof tf.Tensor) return toJs(out);
    return Object.fromEntries(Object.entries(out).map(([k, t]) => [k, toJs(t)]));
  } finally {
    tf.dispose(out);
  }
}

function anchorSpec(a: unknown): AnchorSpec {
  const s = (a ?? {}) as Args;
  argArray(s, "grids");
  argArray(s, "zooms");
  const ratios = s.ratios;
  if (!Array.isArray(ratios) || ratios.some((r) => !Array.isArray(r) || r.length !== 2)) {
    throw new Error(`ratios must be a list of [h, w] pairs, got ${JSON.stringify(ratios)}`);
  }
  return s as unknown as AnchorSpec;
}

function rows(args: Args, name: string, cols: number): number[][] {
  return argTensor(args, name, [-1, cols]) as number[][];
}

function classLoss(args: Args, focal: boolean): number {
  const logits = rows(args, "logits", -1);
  const targets = argArray(args, "targets", logits.length);
  const c = argNumber(args, "numClasses");
  return read(() => {
    const x = tf.tensor2d(logits);
    const t = tf.tensor1d(targets, "int32");
    return focal
      ? focalLoss(x, t, c, { alpha: argNumber(args, "alpha", 0.25), gamma: argNumber(args, "gamma", 1) })
      : bceLoss(x, t, c);
  }) as number;
}

export const ops: OpTable = {
  hw_bb: (a: Args) => hwBb(argArray(a, "bbox", 4)),
  bb_hw: (a: Args) => bbHw(argArray(a, "box", 4)),
  largest: (a: Args) => ({ index: largestObject(rows(a, "boxes", 4)) }),
  anchors: (a: Args) => {
    const { anchors, gridSizes, corners } = makeAnchors(anchorSpec(a));
    return { anchors, gridSizes, corners };
  },
  jaccard: (a: Args) => {
    const [x, y] = [rows(a, "a", 4), rows(a, "b", 4)];
    return read(() => jaccard(tf.tensor2d(x, [x.length, 4]), tf.tensor2d(y, [y.length, 4])));
  },
  match: (a: Args) => {
    const o = rows(a, "overlaps", -1);
    if (o.length === 0) throw new Error("overlaps must have at least one object row");
    return read(() => ({ ...mapToGroundTruth(tf.tensor2d(o)) }));
  },
  actn_to_bb: (a: Args) => {
    const actn = rows(a, "actn", 4);
    const anc = rows(a, "anchors", 4);
    const g = argArray(a, "gridSizes", anc.length);
    if (actn.length !== anc.length)
      throw new Error(`actn has ${actn.length} rows but anchors has ${anc.length}`);
    return read(() =>
      actnToBb(tf.tensor2d(actn, [actn.length, 4]), tf.tensor2d(anc, [anc.length, 4]), tf.tensor1d(g)),
    );
  },
  bce_loss: (a: Args) => classLoss(a, false),
  focal_loss: (a: Args) => classLoss(a, true),
  ssd_loss: (a: Args) => {
    const cls = argTensor(a, "clsLogits", [-1, -1, -1]) as number[][][];
    const bb = argTensor(a, "bbActs", [cls.length, -1, 4]) as number[][][];
    const boxes = argTensor(a, "boxes", [cls.length, -1, 4]) as number[][][];
    const classes = argTensor(a, "classes", [cls.length, -1]) as number[][];
    const m = Math.max(0, ...boxes.map((b) => b.length));
    if (boxes.some((b) => b.length !== m) || classes.some((c, i) => c.length !== boxes[i].length)) {
      throw new Error("boxes must be [B][M][4] and classes [B][M] with one M for the batch (zero-padded)");
    }
    const loss = a.loss ?? "bce";
    if (loss !== "bce" && loss !== "focal")
      throw new Error(`loss must be "bce" or "focal", got ${JSON.stringify(loss)}`);
    return read(() => {
      const p = ssdLoss(
        tf.tensor3d(cls),
        tf.tensor3d(bb),
        tf.tensor3d(boxes.flat(2), [cls.length, m, 4]),
        tf.tensor2d(classes.flat(), [cls.length, m], "int32"),
        {
          anchors: anchorSpec(a.anchors),
          sz: argNumber(a, "sz", 1),
          threshold: argNumber(a, "threshold", 0.4),
          loss,
          alpha: argNumber(a, "alpha", 0.25),
          gamma: argNumber(a, "gamma", 1),
        },
      );
      return { loc: p.loc, clas: p.clas, total: p.total };
    });
  },
  detn_loss: (a: Args) => {
    const input = rows(a, "input", -1);
    const bb = rows(a, "bbTarget", 4);
    const c = argArray(a, "clsTarget", input.length);
    return read(() => ({
      ...detnLoss(tf.tensor2d(input), tf.tensor2d(bb, [bb.length, 4]), tf.tensor1d(c, "int32"), {
        sz: argNumber(a, "sz", 224),
        ceWeight: argNumber(a, "ceWeight", 20),
      }),
    }));
  },
  nms: (a: Args) => {
    const b = rows(a, "boxes", 4);
    return nms(b, argArray(a, "scores", b.length), argNumber(a, "overlap", 0.5), argNumber(a, "topK", 100));
  },
  voc_map: (a: Args) => {
    if (!Array.isArray(a.detections) || !Array.isArray(a.groundTruth)) {
      throw new Error("detections and groundTruth must be lists");
    }
    const method = a.method ?? "voc07";
    if (method !== "voc07" && method !== "all")
      throw new Error(`method must be "voc07" or "all", got ${method}`);
    const r = vocMap(a.detections, a.groundTruth, {
      iouThreshold: argNumber(a, "iouThreshold", 0.5),
      method,
    });
    return { mAP: r.mAP, ap: r.ap };
  },
};
