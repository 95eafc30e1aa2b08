// The benchmark's other workloads, shared by the Node and browser halves: the backbone's forward pass, and
// the SSD loss with batched matching against the lesson's per-image loop.
import * as tf from "@tensorflow/tfjs-core";
import type { Backbone } from "../src/model/backbone";
import { ANCHORS_MULTI, anchorTensors, disposeAnchorTensors, ssdLoss, ssdLossPerImage } from "../src/ssd";
import { syntheticTargets } from "./ssd-step";
import { type Timing, timeRuns } from "./timing";

export interface Plan {
  runs: number;
  warmup: number;
  budgetMs: number;
}

/** backbone forward at its input size (224): ms per image, timing a batch of `batch` images. */
export async function backboneForward(backbone: Backbone, batch: number, plan: Plan): Promise<Timing> {
  const s = backbone.inputSize;
  const images = tf.randomUniform([batch, s, s, 3], 0, 255, "float32", 7) as tf.Tensor4D;
  try {
    const t = await timeRuns(async () => {
      const f = backbone.features(images);
      await f.data();
      f.dispose();
    }, plan);
    const per = (ms: number) => ms / batch;
    return { median_ms: per(t.median_ms), runs: t.runs, samples: t.samples.map(per) };
  } finally {
    images.dispose();
  }
}

/**
 * The SSD loss (forward, with matching) over a batch: `batched` = src/ssd's ssdLoss (no loop over images),
 * `loop` = ssdLossPerImage, the lesson's ssd_loss loop over ssd_1_loss. 189 anchors, 21 classes.
 */
export async function lossTiming(kind: "batched" | "loop", batch: number, plan: Plan): Promise<Timing> {
  const anchors = anchorTensors(ANCHORS_MULTI);
  const nA = anchors.corners.shape[0];
  const cls = tf.randomNormal([batch, nA, 21], 0, 1, "float32", 1) as tf.Tensor3D;
  const bb = tf.randomNormal([batch, nA, 4], 0, 1, "float32", 2) as tf.Tensor3D;
  const t = syntheticTargets(batch, 3, 5);
  const boxes = tf.tensor3d(t.boxes);
  const classes = tf.tensor2d(t.classes, undefined, "int32");
  try {
    return await timeRuns(async () => {
      const parts =
        kind === "batched"
          ? ssdLoss(cls, bb, boxes, classes as tf.Tensor2D, { anchors })
          : ssdLossPerImage(cls, bb, t.boxes, t.classes, { anchors });
      await parts.total.data();
      tf.dispose([parts.loc, parts.clas, parts.total]);
    }, plan);
  } finally {
    disposeAnchorTensors(anchors);
    tf.dispose([cls, bb, boxes, classes]);
  }
}
