// The SSD multi-head training step on its own (features in, loss out), for benchmarks and backend checks:
// the same head, loss and optimizer the engine uses, without data loading or events.
import "./gradients";
import * as tf from "@tensorflow/tfjs-core";
import { buildHead, type Head } from "../model/heads";
import { applyUpdates, type ForwardCtx } from "../model/layers";
import { anchorTensors, disposeAnchorTensors } from "../ssd/anchors";
import { ANCHORS_MULTI } from "../ssd/types";
import { GroupedAdam } from "./optimizer";
import { groupRates } from "./schedule";
import { type ClassLoss, taskLoss } from "./task";

export interface SsdHeadStep {
  head: Head;
  /** one Adam step on features [B, h, w, c], zero-padded boxes [B, M, 4] (fractions) and classes [B, M]; resolves with the loss */
  step(features: tf.Tensor4D, boxes: number[][][], classes: number[][]): Promise<number>;
  dispose(): void;
}

/** Build SSD_MultiHead (k = 9, 189 anchors) for features of `inputShape` with its Adam step (lesson: learn.fit's inner loop). */
export function makeSsdHeadStep(
  inputShape: [number, number, number],
  opts: { width?: number; numClasses?: number; lr?: number; loss?: ClassLoss; seed?: number } = {},
): SsdHeadStep {
  const head = buildHead("ssdMulti", {
    inputShape,
    width: opts.width,
    numClasses: opts.numClasses,
    seed: opts.seed,
  });
  const anchors = anchorTensors(ANCHORS_MULTI);
  const optimizer = new GroupedAdam(head.store.params, groupRates(opts.lr ?? 1e-3));
  let n = 0;
  return {
    head,
    async step(features, boxes, classes) {
      const ctx: ForwardCtx = { training: true, updates: [], seed: ++n };
      const { value, grads } = tf.variableGrads(
        () =>
          taskLoss(head.apply(features, ctx), { kind: "ssd", boxes, classes }, anchors, opts.loss ?? "bce")
            .total,
        optimizer.trainableVariables(),
      );
      optimizer.apply(grads);
      applyUpdates(ctx);
      tf.dispose(Object.values(grads));
      const loss = (await value.data())[0];
      value.dispose();
      return loss;
    },
    dispose() {
      optimizer.dispose();
      disposeAnchorTensors(anchors);
      head.dispose();
    },
  };
}
