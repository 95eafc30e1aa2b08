// The SSD loss: match anchors to objects, L1 on the positives' decoded boxes + class loss over all anchors.
// Lesson: get_y, ssd_1_loss (per image) and ssd_loss (sum over the batch).
import * as tf from "@tensorflow/tfjs-core";
import { type AnchorTensors, anchorTensors } from "./anchors";
import { isPadding } from "./boxes";
import { actnToBb } from "./decode";
import { boxCoords, jaccard } from "./iou";
import { bceLoss, FOCAL_DEFAULTS, type FocalParams, softmaxLoss } from "./loss-class";
import { mapToGroundTruth, mapToGroundTruthBatch } from "./match";
import type { AnchorSpec } from "./types";

export interface SsdLossOptions {
  /** an anchor spec, or anchors precomputed with anchorTensors (kept; the caller disposes them) */
  anchors: AnchorSpec | AnchorTensors;
  /** positives are anchors whose gtOverlap > threshold (lesson: 0.4) */
  threshold?: number;
  /** the class loss: BCE over the C real classes (lesson), focal, or softmax over C+1 (background a class) */
  loss?: "bce" | "focal" | "softmax";
  alpha?: number;
  gamma?: number;
  /** C, the number of real classes; default: logits' last dimension - 1 */
  numClasses?: number;
  /** boxes are divided by sz (224 for pixel boxes, as in the lesson); default 1: boxes are fractions 0..1 */
  sz?: number;
}

export interface SsdLossParts {
  loc: tf.Scalar;
  clas: tf.Scalar;
  total: tf.Scalar;
}

/** Per-image parts (what a cell shows); the lesson's ssd_1_loss returns (loc_loss, clas_loss). */
export interface Ssd1LossParts {
  loc: tf.Scalar;
  clas: tf.Scalar;
}

interface Resolved {
  anchors: AnchorTensors;
  threshold: number;
  focal?: FocalParams;
  softmax: boolean;
  numClasses: number;
  sz: number;
}

function resolve(opts: SsdLossOptions, logitCols: number): Resolved {
  const a = opts.anchors as Partial<AnchorSpec & AnchorTensors>;
  if (!a || (!a.grids && !a.corners))
    throw new Error("ssdLoss: opts.anchors must be an AnchorSpec or anchor tensors");
  const loss = opts.loss ?? "bce";
  if (loss !== "bce" && loss !== "focal" && loss !== "softmax")
    throw new Error(`ssdLoss: loss must be "bce", "focal" or "softmax", got ${loss}`);
  return {
    anchors: a.grids ? anchorTensors(a as AnchorSpec) : (a as AnchorTensors),
    threshold: opts.threshold ?? 0.4,
    focal:
      loss === "focal"
        ? { alpha: opts.alpha ?? FOCAL_DEFAULTS.alpha, gamma: opts.gamma ?? FOCAL_DEFAULTS.gamma }
        : undefined,
    softmax: loss === "softmax",
    numClasses: opts.numClasses ?? logitCols - 1,
    sz: opts.sz ?? 1,
  };
}

/** The chosen class loss over every anchor. */
function classLoss(logits: tf.Tensor, targets: tf.Tensor, o: Resolved): tf.Scalar {
  return o.softmax
    ? softmaxLoss(logits, targets, o.numClasses)
    : bceLoss(logits, targets, o.numClasses, o.focal);
}

function checkShapes(
  cls: tf.Tensor,
  bb: tf.Tensor,
  nAnchors: number,
  numClasses: number,
  what: string,
): void {
  const r = cls.rank;
  if (cls.shape[r - 2] !== nAnchors || bb.shape[r - 2] !== nAnchors || bb.shape[r - 1] !== 4) {
    throw new Error(
      `${what}: activations must cover ${nAnchors} anchors, got [${cls.shape}] and [${bb.shape}]`,
    );
  }
  if (cls.shape[r - 1] !== numClasses + 1) {
    throw new Error(`${what}: class logits need ${numClasses + 1} columns, got [${cls.shape}]`);
  }
}

/** Drop padding rows (r1 - r0 <= 0) and scale by 1/sz. Lesson: `get_y`. */
export function getY(bbox: number[][], clas: number[], sz = 1): { bbox: number[][]; clas: number[] } {
  const keep = bbox.map((b, i) => (isPadding(b) ? -1 : i)).filter((i) => i >= 0);
  return { bbox: keep.map((i) => bbox[i].map((v) => v / sz)), clas: keep.map((i) => clas[i]) };
}

/**
 * One image, the lesson's way: bC [A, C+1], bBb [A, 4], bbox [M, 4] (padded), clas [M] -> {loc, clas}.
 * An image without objects gives loc 0 and an all-background class loss. Lesson: `ssd_1_loss`.
 */
export function ssd1Loss(
  bC: tf.Tensor2D,
  bBb: tf.Tensor2D,
  bbox: number[][],
  clas: number[],
  opts: SsdLossOptions,
): Ssd1LossParts {
  const o = resolve(opts, bC.shape[1]);
  const own = o.anchors !== opts.anchors;
  try {
    checkShapes(bC, bBb, o.anchors.corners.shape[0], o.numClasses, "ssd1Loss");
    const y = getY(bbox, clas, o.sz);
    const nA = o.anchors.corners.shape[0];
    if (y.bbox.length === 0) {
      return tf.tidy(() => ({
        loc: tf.scalar(0),
        clas: classLoss(bC, tf.fill([nA], o.numClasses, "int32"), o),
      }));
    }
    return tf.tidy(() => {
      const box = tf.tensor2d(y.bbox, [y.bbox.length, 4]);
      const aIc = actnToBb(bBb, o.anchors.anchors, o.anchors.gridSizes); // a_ic
      const overlaps = jaccard(box, o.anchors.corners) as tf.Tensor2D;
      const { gtOverlap, gtIdx } = mapToGroundTruth(overlaps);
      const pos = tf.greater(gtOverlap, o.threshold);
      const gtClas = tf.where(
        pos,
        tf.gather(tf.tensor1d(y.clas, "int32"), gtIdx),
        tf.fill([nA], o.numClasses, "int32"),
      );
      const gtBbox = tf.gather(box, gtIdx);
      // (a_ic[pos_idx] - gt_bbox[pos_idx]).abs().mean(), without reading pos back to JavaScript
      const posMask = tf.expandDims(tf.cast(pos, "float32"), 1);
      const nPos = tf.sum(posMask);
      const absDiff = tf.mul(tf.abs(tf.sub(aIc, gtBbox)), posMask);
      const loc = tf.div(tf.sum(absDiff), tf.mul(tf.maximum(nPos, 1), 4)) as tf.Scalar;
      return { loc, clas: classLoss(bC, gtClas, o) };
    });
  } finally {
    if (own) tf.dispose([o.anchors.anchors, o.anchors.gridSizes, o.anchors.corners]);
  }
}

/** The lesson's loop over the images, summing loc and clas (kept to check the vectorised ssdLoss). */
export function ssdLossPerImage(
  clsLogits: tf.Tensor3D,
  bbActs: tf.Tensor3D,
  boxes: number[][][],
  classes: number[][],
  opts: SsdLossOptions,
): SsdLossParts {
  const o = resolve(opts, clsLogits.shape[2]);
  const shared = { ...opts, anchors: o.anchors };
  try {
    return tf.tidy(() => {
      const cs = tf.unstack(clsLogits) as tf.Tensor2D[];
      const bs = tf.unstack(bbActs) as tf.Tensor2D[];
      let loc = tf.scalar(0);
      let clas = tf.scalar(0);
      cs.forEach((c, i) => {
        const p = ssd1Loss(c, bs[i], boxes[i], classes[i], shared);
        loc = tf.add(loc, p.loc);
        clas = tf.add(clas, p.clas);
      });
      return { loc, clas, total: tf.add(loc, clas) as tf.Scalar };
    });
  } finally {
    if (o.anchors !== opts.anchors) tf.dispose([o.anchors.anchors, o.anchors.gridSizes, o.anchors.corners]);
  }
}

/**
 * The batch loss, vectorised (no loop over images; padding handled by masks), differentiable w.r.t. the
 * activations: clsLogits [B, A, C+1], bbActs [B, A, 4], boxes [B, M, 4] zero-padded corner boxes
 * [r0, c0, r1, c1] in units of opts.sz (fractions by default, pixels with sz = 224), classes [B, M].
 * Returns {loc, clas, total} summed over the images, equal to the lesson's per-image sum. Use it inside
 * tf.variableGrads(() => ssdLoss(...).total); tf.keep(loc/clas) there to keep the parts. Lesson: `ssd_loss`.
 */
export function ssdLoss(
  clsLogits: tf.Tensor3D,
  bbActs: tf.Tensor3D,
  boxes: tf.Tensor3D,
  classes: tf.Tensor2D,
  opts: SsdLossOptions,
): SsdLossParts {
  const [b, nA] = clsLogits.shape;
  const m = boxes.shape[1];
  if (bbActs.shape[0] !== b || boxes.shape[0] !== b || classes.shape[0] !== b || classes.shape[1] !== m) {
    throw new Error(
      `ssdLoss: batch shapes disagree: logits [${clsLogits.shape}], bbActs [${bbActs.shape}], boxes [${boxes.shape}], classes [${classes.shape}]`,
    );
  }
  return tf.tidy(() => {
    const o = resolve(opts, clsLogits.shape[2]);
    checkShapes(clsLogits, bbActs, o.anchors.corners.shape[0], o.numClasses, "ssdLoss");
    const [r0, , r1] = boxCoords(boxes);
    const valid = tf.greater(tf.sub(r1, r0), 0) as tf.Tensor2D; // get_y's bb_keep, as a mask
    const gtBoxes = tf.div(boxes, o.sz) as tf.Tensor3D;
    const overlaps = jaccard(gtBoxes, o.anchors.corners) as tf.Tensor3D; // [B, M, A]
    const { gtOverlap, gtIdx } = mapToGroundTruthBatch(overlaps, valid);
    const pos = tf.greater(gtOverlap, o.threshold); // [B, A]
    const gtBbox = tf.gather(gtBoxes, gtIdx, 1, 1); // [B, A, 4]: bbox[gt_idx] per image
    const gtClas = tf.where(
      pos,
      tf.gather(tf.cast(classes, "int32"), gtIdx, 1, 1),
      tf.fill([b, nA], o.numClasses, "int32"),
    );
    const aIc = actnToBb(bbActs, o.anchors.anchors, o.anchors.gridSizes); // [B, A, 4]
    const absDiff = tf.where(
      tf.broadcastTo(tf.expandDims(pos, 2), [b, nA, 4]),
      tf.abs(tf.sub(aIc, gtBbox)),
      tf.zerosLike(aIc),
    );
    const nPos = tf.sum(tf.cast(pos, "float32"), 1); // [B]
    const locPerImage = tf.div(tf.sum(absDiff, [1, 2]), tf.mul(tf.maximum(nPos, 1), 4)); // mean over positives x 4
    const loc = tf.sum(locPerImage) as tf.Scalar;
    const clas = classLoss(clsLogits, gtClas, o);
    return { loc, clas, total: tf.add(loc, clas) as tf.Scalar };
  });
}
