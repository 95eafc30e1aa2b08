import * as tf from "@tensorflow/tfjs-core";
import { describe, expect, it } from "vitest";
import { buildHead, flattenConv } from "../../../src/model/heads";
import { applyUpdates, evalCtx, type ForwardCtx } from "../../../src/model/layers";
import { createScratchBackbone } from "../../../src/model/scratch";
import { modelSummary, totalParams } from "../../../src/model/summary";

const feats = (b: number, c = 16) => tf.randomNormal([b, 7, 7, c], 0, 1, "float32", 3) as tf.Tensor4D;

describe("the lesson's heads", () => {
  it("SSD 4×4 gives [B,16,21] and [B,16,4] with class bias −3", () => {
    const head = buildHead("ssd4", { inputShape: [7, 7, 16], width: 8 });
    const x = feats(2);
    const out = head.apply(x, evalCtx());
    if (out.kind !== "ssd") throw new Error("kind");
    expect(out.cls.shape).toEqual([2, 16, 21]);
    expect(out.bb.shape).toEqual([2, 16, 4]);
    expect(Array.from(head.store.get("out/oconv1/bias")!.variable.dataSync())).toEqual(
      new Array(21).fill(-3),
    );
    tf.dispose([x, out.cls, out.bb]);
    head.dispose();
  });

  it("an undefined width or seed keeps the lesson's defaults (256 wide)", () => {
    const head = buildHead("ssd4", { inputShape: [7, 7, 16], width: undefined, seed: undefined });
    const kernel = head.store.params.find((p) => p.key.startsWith("sconv0/") && p.variable.rank === 4);
    expect(kernel?.variable.shape).toEqual([3, 3, 16, 256]);
    head.dispose();
  });

  it("SSD multi-head gives 189 anchors (144 + 36 + 9), class bias −4, 21·9 and 4·9 output channels", () => {
    const head = buildHead("ssdMulti", { inputShape: [7, 7, 16], width: 8 });
    const x = feats(1);
    const out = head.apply(x, evalCtx());
    if (out.kind !== "ssd") throw new Error("kind");
    expect(out.cls.shape).toEqual([1, 189, 21]);
    expect(out.bb.shape).toEqual([1, 189, 4]);
    for (const o of ["out1", "out2", "out3"]) {
      expect(head.store.get(`${o}/oconv1/kernel`)!.variable.shape).toEqual([3, 3, 8, 189]);
      expect(head.store.get(`${o}/oconv2/kernel`)!.variable.shape).toEqual([3, 3, 8, 36]);
      expect(head.store.get(`${o}/oconv1/bias`)!.variable.dataSync()[0]).toBe(-4);
    }
    // the −4 bias dominates the untrained logits: every class starts near sigmoid(−4) ≈ 0.018
    const meanLogit = tf.mean(out.cls).dataSync()[0];
    expect(meanLogit).toBeGreaterThan(-5);
    expect(meanLogit).toBeLessThan(-3);
    tf.dispose([x, out.cls, out.bb]);
    head.dispose();
  });

  it("the single-object head has the lesson's layers and 4 + C outputs; the multi-label head C", () => {
    const single = buildHead("single", { inputShape: [7, 7, 16], width: 256 });
    expect(single.store.get("lin1/kernel")!.variable.shape).toEqual([7 * 7 * 16, 256]);
    expect(single.store.get("lin2/kernel")!.variable.shape).toEqual([256, 24]);
    const x = feats(3);
    const o = single.apply(x, evalCtx());
    if (o.kind !== "single") throw new Error("kind");
    expect(o.out.shape).toEqual([3, 24]);
    const ml = buildHead("multilabel", { inputShape: [7, 7, 16], width: 32 });
    const m = ml.apply(x, evalCtx());
    if (m.kind !== "multilabel") throw new Error("kind");
    expect(m.logits.shape).toEqual([3, 20]);
    tf.dispose([x, o.out, m.logits]);
    single.dispose();
    ml.dispose();
  });

  it("flatten_conv keeps the k anchors of a cell together, cells in row-major order", () => {
    // [1, 2, 2, 2k] with k = 2: channel block j of cell (r, c) is anchor r*2*2 + c*2 + j
    const x = tf.tensor4d([0, 1, 2, 3, 10, 11, 12, 13, 20, 21, 22, 23, 30, 31, 32, 33], [1, 2, 2, 4]);
    const y = flattenConv(x, 2);
    expect(y.shape).toEqual([1, 8, 2]);
    expect(y.arraySync()[0]).toEqual([
      [0, 1],
      [2, 3],
      [10, 11],
      [12, 13],
      [20, 21],
      [22, 23],
      [30, 31],
      [32, 33],
    ]);
    tf.dispose([x, y]);
  });

  it("dropScale 0 turns the SSD heads' dropout off in training mode (same weights, no random masks)", () => {
    for (const kind of ["ssd4", "ssdMulti"] as const) {
      const x = feats(4);
      const out = (dropScale: number, seed: number) => {
        const head = buildHead(kind, { inputShape: [7, 7, 16], width: 8, seed: 5, dropScale });
        let v: number[] = [];
        tf.tidy(() => {
          const o = head.apply(x, { training: true, updates: [], seed });
          v = o.kind === "ssd" ? Array.from(o.cls.dataSync()) : [];
        });
        head.dispose();
        return v;
      };
      // the lesson's rates: two dropout seeds give different outputs; without dropout they agree
      expect(out(1, 1)).not.toEqual(out(1, 2));
      expect(out(0, 1)).toEqual(out(0, 2));
      x.dispose();
    }
  });

  it("training mode updates BatchNorm running stats, uses dropout, and leaks no tensors", () => {
    const head = buildHead("ssd4", { inputShape: [7, 7, 16], width: 8 });
    const x = feats(4);
    const before = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) {
      const ctx: ForwardCtx = { training: true, updates: [], seed: i };
      tf.tidy(() => {
        head.apply(x, ctx);
      });
      expect(ctx.updates.length).toBe(4); // two BatchNorms × (mean, var)
      applyUpdates(ctx);
    }
    expect(tf.memory().numTensors).toBe(before);
    const rm = head.store.get("sconv0/bn/running_mean")!.variable.dataSync();
    expect(Math.max(...Array.from(rm).map(Math.abs))).toBeGreaterThan(0);
    x.dispose();
    head.dispose();
  });

  it("modelSummary lists every layer with output shapes and parameter counts", () => {
    const backbone = createScratchBackbone({ inputSize: 64, widths: [4, 8, 8, 8, 16] });
    expect(backbone.featureShape).toEqual([2, 2, 16]);
    const b224 = createScratchBackbone({ widths: [4, 4, 4, 4, 16] });
    expect(b224.featureShape).toEqual([7, 7, 16]);
    const head = buildHead("ssd4", { inputShape: b224.featureShape, width: 8 });
    const before = tf.memory().numTensors;
    const rows = modelSummary({ backbone: b224, head });
    expect(tf.memory().numTensors).toBe(before);
    const conv0 = rows.find((r) => r.layer === "conv0")!;
    expect(conv0.outputShape).toEqual([112, 112, 4]);
    expect(conv0.params).toBe(3 * 3 * 3 * 4 + 4);
    expect(rows.find((r) => r.layer === "head/sconv2/conv")!.outputShape).toEqual([4, 4, 8]);
    expect(rows.find((r) => r.layer === "head/cls")!.outputShape).toEqual([16, 21]);
    expect(totalParams(rows)).toBe(b224.store!.count() + head.store.count());
    backbone.dispose();
    b224.dispose();
    head.dispose();
  });
});
