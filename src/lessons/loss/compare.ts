// The lesson's two ways to compute the SSD loss of a batch, side by side on the same batch and activations:
// `ssd_1_loss` per image in a Python-style loop, summed (ssdLossPerImage), and the vectorised `ssd_loss`
// (ssdLoss, one set of ops for the whole batch, padding handled by masks). Both numbers, and how long each
// takes on the active backend: performance.now() around the call and an awaited read of the total (so the
// GPU's queued work is counted), median of a few repeats after a warm-up.
import * as tf from "@tensorflow/tfjs-core";
import { maxObjectCount, padGroundTruth } from "../../data/batch";
import type { Dataset, VocImage } from "../../data/types";
import { anchorTensors, disposeAnchorTensors } from "../../ssd/anchors";
import { type SsdLossParts, ssdLoss, ssdLossPerImage } from "../../ssd/loss";
import { ANCHORS_MULTI, type AnchorSpec } from "../../ssd/types";
import { gaussian, mulberry32 } from "../common/seeded";

export interface LossRun {
  loc: number;
  clas: number;
  total: number;
  /** median wall time of one call, awaited read included (ms) */
  ms: number;
  /** every repeat's time (ms), for the curious */
  times: number[];
}

export interface LossComparison {
  perImage: LossRun;
  batched: LossRun;
  images: number;
  anchors: number;
  backend: string;
}

export interface CompareOptions {
  /** images in the batch (the lesson's bs = 64; 16 keeps a software GPU quick) */
  batch?: number;
  repeats?: number;
  spec?: AnchorSpec;
  threshold?: number;
}

const C = 20;

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** The first `n` training images (the whole list when the dataset has no train split). */
export function firstBatch(ds: Dataset, n: number): VocImage[] {
  const train = ds.splits.train ? new Set(ds.splits.train) : null;
  return ds.images.filter((im) => !train || train.has(im.id)).slice(0, n);
}

/**
 * Run both losses `repeats` times on one batch of `images` (boxes as fractions of each image) with seeded
 * random activations, alternating which goes first; returns both results and their median times.
 */
export async function compareLosses(
  images: readonly VocImage[],
  seed: number,
  opts: CompareOptions = {},
): Promise<LossComparison> {
  const { repeats = 5, spec = ANCHORS_MULTI, threshold = 0.4 } = opts;
  if (images.length === 0) throw new Error("compareLosses: the batch has no images");
  const m = Math.max(1, maxObjectCount(images));
  const gt = padGroundTruth(images, { maxObjects: m, sz: 1 });
  const anchors = anchorTensors(spec);
  const nA = anchors.corners.shape[0];
  const b = images.length;
  const rand = mulberry32(seed);
  const cls = tf.tensor3d(gaussian(rand, b * nA * (C + 1)), [b, nA, C + 1]);
  const bb = tf.tensor3d(gaussian(rand, b * nA * 4, 0.5), [b, nA, 4]);
  const lossOpts = { anchors, threshold };
  // the batched form takes tensors: building them from the padded lists is part of its time
  const batchedLoss = (): SsdLossParts => {
    const boxes = tf.tensor3d(gt.boxes, [b, m, 4]);
    const classes = tf.tensor2d(gt.classes, [b, m], "int32");
    try {
      return ssdLoss(cls, bb, boxes, classes, lossOpts);
    } finally {
      tf.dispose([boxes, classes]);
    }
  };
  const run = async (which: "perImage" | "batched"): Promise<{ parts: number[]; ms: number }> => {
    const t0 = performance.now();
    const p: SsdLossParts =
      which === "perImage" ? ssdLossPerImage(cls, bb, gt.boxes, gt.classes, lossOpts) : batchedLoss();
    const both = tf.stack([p.loc, p.clas, p.total]);
    const parts = Array.from(await both.data());
    const ms = performance.now() - t0;
    tf.dispose([p.loc, p.clas, p.total, both]);
    return { parts, ms };
  };
  try {
    await run("perImage"); // warm-up: kernels compiled, shaders built
    await run("batched");
    const got: Record<"perImage" | "batched", { parts: number[]; times: number[] }> = {
      perImage: { parts: [], times: [] },
      batched: { parts: [], times: [] },
    };
    for (let r = 0; r < repeats; r++) {
      const order = r % 2 ? (["batched", "perImage"] as const) : (["perImage", "batched"] as const);
      for (const which of order) {
        const { parts, ms } = await run(which);
        got[which].parts = parts;
        got[which].times.push(ms);
      }
    }
    const result = (w: "perImage" | "batched"): LossRun => {
      const [loc, clas, total] = got[w].parts;
      return { loc, clas, total, ms: median(got[w].times), times: got[w].times };
    };
    return {
      perImage: result("perImage"),
      batched: result("batched"),
      images: b,
      anchors: nA,
      backend: tf.getBackend(),
    };
  } finally {
    tf.dispose([cls, bb]);
    disposeAnchorTensors(anchors);
  }
}
