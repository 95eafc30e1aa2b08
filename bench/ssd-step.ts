// The benchmark's training step, built from the project's own code so it measures what the app runs:
// SSD_MultiHead (src/model/heads, k = 9, 21 classes, drop 0.4) on [B, 7, 7, C] features → ssdLoss
// (src/ssd, batched matching + BCE) against fixed synthetic boxes → gradients → Adam (src/train). Runs on
// whatever tfjs backend is current; used by the Node bench and by the browser bench page alike.
import "../src/train/gradients";
import * as tf from "@tensorflow/tfjs-core";
import { buildHead } from "../src/model/heads";
import { applyUpdates, type ForwardCtx } from "../src/model/layers";
import { anchorTensors, disposeAnchorTensors, ssdLoss } from "../src/ssd";
import { GroupedAdam } from "../src/train/optimizer";

export interface StepOptions {
  batch: number;
  /** feature channels: 512 (the lesson's resnet34) or 480 (our CenterNet backbone) */
  channels: number;
  /** objects per image (padded with one zero row, as fastai's jag_stack) */
  objects?: number;
  seed?: number;
}

export interface StepBench {
  /** one training step; resolves when its loss has been read back (so the work is really done) */
  step(): Promise<number>;
  dispose(): void;
}

/** Deterministic pseudo-random numbers (LCG), so every engine trains on the same boxes. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** Synthetic targets: `objects` boxes per image (fractions, [r0, c0, r1, c1]) plus one padding row. */
export function syntheticTargets(
  b: number,
  objects: number,
  seed: number,
): { boxes: number[][][]; classes: number[][] } {
  const rnd = lcg(seed);
  const boxes: number[][][] = [];
  const classes: number[][] = [];
  for (let i = 0; i < b; i++) {
    const bs: number[][] = [];
    const cs: number[] = [];
    for (let j = 0; j < objects; j++) {
      const r0 = rnd() * 0.6;
      const c0 = rnd() * 0.6;
      bs.push([r0, c0, Math.min(1, r0 + 0.1 + rnd() * 0.35), Math.min(1, c0 + 0.1 + rnd() * 0.35)]);
      cs.push(Math.floor(rnd() * 20));
    }
    bs.push([0, 0, 0, 0]);
    cs.push(0);
    boxes.push(bs);
    classes.push(cs);
  }
  return { boxes, classes };
}

/** Build the head, optimizer, features and targets for `ssd_head_step` on the current backend. */
export function makeSsdStep(o: StepOptions): StepBench {
  const objects = o.objects ?? 3;
  const seed = o.seed ?? 1;
  const head = buildHead("ssdMulti", { inputShape: [7, 7, o.channels], seed });
  if (!head.anchors) throw new Error("ssdMulti head has no anchors");
  const anchors = anchorTensors(head.anchors);
  const opt = new GroupedAdam(head.store.trainable(), [1e-5, 1e-4, 1e-3]);
  const features = tf.randomNormal([o.batch, 7, 7, o.channels], 0, 1, "float32", seed) as tf.Tensor4D;
  const t = syntheticTargets(o.batch, objects, seed);
  const boxes = tf.tensor3d(t.boxes);
  const classes = tf.tensor2d(t.classes, undefined, "int32");
  const vars = opt.trainableVariables();
  let n = 0;
  return {
    async step() {
      const ctx: ForwardCtx = { training: true, updates: [], seed: seed * 1000 + n++ };
      const { value, grads } = tf.variableGrads(() => {
        const out = head.apply(features, ctx);
        if (out.kind !== "ssd") throw new Error("expected SSD output");
        return ssdLoss(out.cls, out.bb, boxes, classes as tf.Tensor2D, { anchors }).total;
      }, vars);
      opt.apply(grads);
      applyUpdates(ctx);
      tf.dispose(grads);
      const loss = (await value.data())[0];
      value.dispose();
      return loss;
    },
    dispose() {
      opt.dispose();
      head.dispose();
      disposeAnchorTensors(anchors);
      tf.dispose([features, boxes, classes]);
    },
  };
}
