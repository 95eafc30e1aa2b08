// The training cells' view state: the reducer over the engine's events, fastai's smoothed loss, chart
// series, and the helpers the cells use (boxes to pixels, backend order, capped configs, sigmoid vs softmax,
// the LR finder's minimum, per-class NMS of the preview).
import * as tf from "@tensorflow/tfjs-core";
import { describe, expect, it } from "vitest";
import { rgbToRgba } from "../../../src/data/pixels";
import { backendOrder, cappedConfig, toSquarePixels } from "../../../src/lessons/common/startTraining";
import {
  batchSeries,
  epochSeries,
  initialTrainState,
  reduceTrainEvent,
  smoothed,
  type TrainViewState,
} from "../../../src/lessons/common/trainState";
import { predictedClasses, sigmoid, softmax } from "../../../src/lessons/multilabel/probs";
import { boxL1 } from "../../../src/lessons/single/run";
import { lrAtMinimum } from "../../../src/lessons/train-ssd/LrFinder";
import { detectionsFrom } from "../../../src/model/predict";
import type { TrainEvent } from "../../../src/train/protocol";

function fold(events: TrainEvent[]): TrainViewState {
  return events.reduce(reduceTrainEvent, initialTrainState());
}

describe("reduceTrainEvent", () => {
  it("a dead worker: phase 'dead' with the reason, once, not in the error list; play no longer shows busy", () => {
    const s = fold([
      { type: "status", state: "running", backend: "wasm", cache: true, backbone: "b" },
      { type: "error", code: "worker-dead", message: "The training worker crashed: Out of memory." },
    ]);
    expect(s.phase).toBe("dead");
    expect(s.dead).toBe("The training worker crashed: Out of memory.");
    expect(s.errors).toEqual([]);
    expect(s.busy).toBeNull();
  });

  it("step and epoch come from the engine's progress: after resuming at epoch 5, the next batch is epoch 5", () => {
    const s = fold([
      // the engine resumed from a checkpoint saved at epoch 5, step 50; this session has seen no epoch event
      { type: "status", state: "running", backend: "wasm", cache: true, backbone: "b", step: 50, epoch: 5 },
      { type: "batch", step: 51, epoch: 5, lrs: [1e-4, 1e-3, 1e-2], loss: 3, parts: {} },
    ]);
    expect(s.progress).toEqual({ step: 51, epoch: 5 });
    expect(s.epochs).toHaveLength(0); // what the old "epoch {s.epochs.length}" showed
    const t = fold([
      { type: "batch", step: 10, epoch: 0, lrs: [1], loss: 3, parts: {} },
      { type: "epoch", epoch: 0, trainLoss: 1, valLoss: 1, metrics: {} },
    ]);
    expect(t.progress).toEqual({ step: 10, epoch: 1 });
    const u = reduceTrainEvent(t, {
      type: "checkpoint",
      key: "k",
      epoch: 1,
      step: 10,
      bytes: 1,
      reason: "epoch",
    });
    expect(u.progress).toEqual({ step: 10, epoch: 1 });
  });

  it("collects batches and epochs; an epoch sits at the step where it ended", () => {
    const s = fold([
      { type: "status", state: "running", backend: "webgl", cache: true, backbone: "b" },
      { type: "batch", step: 1, epoch: 0, lrs: [1e-4, 1e-3, 1e-2], loss: 3, parts: { loc: 1, clas: 2 } },
      { type: "batch", step: 2, epoch: 0, lrs: [1e-4, 1e-3, 1e-2], loss: 2, parts: { loc: 0.5, clas: 1.5 } },
      { type: "epoch", epoch: 0, trainLoss: 2.5, valLoss: 2.2, metrics: { mAP: 0.1 } },
      { type: "status", state: "done", backend: "webgl", cache: true, backbone: "b" },
    ]);
    expect(s.phase).toBe("done");
    expect(s.backend).toBe("webgl");
    expect(s.cacheOn).toBe(true);
    expect(s.batches.map((b) => b.loss)).toEqual([3, 2]);
    expect(s.epochs).toEqual([{ epoch: 0, step: 2, trainLoss: 2.5, valLoss: 2.2, metrics: { mAP: 0.1 } }]);
    expect(batchSeries(s.batches, "clas")).toEqual([
      [1, 2],
      [2, 1.5],
    ]);
    expect(epochSeries(s.epochs, "valLoss")).toEqual([[2, 2.2]]);
    expect(epochSeries(s.epochs, "mAP")).toEqual([[2, 0.1]]);
    expect(epochSeries(s.epochs, "missing")).toEqual([]);
  });

  it("does not change the state it was given", () => {
    const s0 = initialTrainState();
    const s1 = reduceTrainEvent(s0, { type: "batch", step: 1, epoch: 0, lrs: [], loss: 1, parts: {} });
    expect(s0.batches).toEqual([]);
    expect(s1.batches.length).toBe(1);
  });

  it("keeps the phases of one narrated step together and starts over on the next step", () => {
    let s = fold([
      { type: "phase", step: 4, phase: "loss", total: 3, parts: { loc: 1, clas: 2 } },
      { type: "phase", step: 4, phase: "update", lrs: [1], gradNorms: [0.5] },
    ]);
    expect(Object.keys(s.narration?.data ?? {})).toEqual(["loss", "update"]);
    expect(s.narration?.current).toBe("update");
    s = reduceTrainEvent(s, { type: "phase", step: 5, phase: "loss", total: 1, parts: {} });
    expect(Object.keys(s.narration?.data ?? {})).toEqual(["loss"]);
    expect(s.narration?.step).toBe(5);
  });

  it("records divergence, checkpoints, LR finder points, backend fallbacks and errors", () => {
    const s = fold([
      { type: "backend", name: "webgl", from: "webgpu", reason: "no adapter" },
      { type: "checkpoint", key: "k", epoch: 1, step: 9, bytes: 1234, reason: "epoch" },
      { type: "lrfind", lrs: [1e-5, 1e-4], losses: [2, 1.5], done: false },
      { type: "diverged", step: 10, loss: Number.NaN, lrs: [10], message: "lower the learning rate" },
      { type: "error", message: "x.jpg: broken" },
    ]);
    expect(s.backend).toBe("webgl");
    expect(s.backendNote).toContain("webgpu was not available (no adapter)");
    expect(s.checkpoint).toMatchObject({ epoch: 1, step: 9, bytes: 1234, reason: "epoch" });
    expect(s.lrfind).toEqual({ lrs: [1e-5, 1e-4], losses: [2, 1.5], done: false });
    expect(s.phase).toBe("diverged");
    expect(s.diverged?.message).toBe("lower the learning rate");
    expect(s.errors).toEqual(["x.jpg: broken"]);
    // running again clears the divergence note
    const r = reduceTrainEvent(s, {
      type: "status",
      state: "running",
      backend: "webgl",
      cache: true,
      backbone: "b",
    });
    expect(r.diverged).toBeNull();
  });
});

describe("smoothed (fastai's debiased moving average)", () => {
  it("starts at the first value and follows the recurrence avg = β·avg + (1−β)·x, debiased", () => {
    const xs = [4, 2, 3, 1];
    const beta = 0.9;
    let avg = 0;
    const want = xs.map((x, i) => {
      avg = beta * avg + (1 - beta) * x;
      return avg / (1 - beta ** (i + 1));
    });
    const got = smoothed(xs, beta);
    expect(got[0]).toBeCloseTo(4, 12);
    for (const [i, v] of got.entries()) expect(v).toBeCloseTo(want[i], 12);
    expect(smoothed([5, 5, 5])).toEqual([5, 5, 5].map((v, i) => expect.closeTo(v, 10 - i)));
  });
});

describe("cell helpers", () => {
  it("toSquarePixels scales fractions and orders the corners of a box a model predicted upside down", () => {
    expect(toSquarePixels([0.5, 0.25, 0.75, 1], 224)).toEqual([112, 56, 168, 224]);
    expect(toSquarePixels([0.75, 1, 0.5, 0.25], 224)).toEqual([112, 56, 168, 224]);
  });

  it("rgbToRgba copies RGB into RGBA with opaque alpha", () => {
    const img = rgbToRgba(Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]), 2);
    expect(Array.from(img.data)).toEqual([1, 2, 3, 255, 4, 5, 6, 255, 7, 8, 9, 255, 10, 11, 12, 255]);
  });

  it("backendOrder: WebGPU when the page has it, else the fast CPU path (wasm); ?backend= goes first", () => {
    expect(backendOrder("webgpu")).toEqual(["webgpu", "wasm", "webgl", "cpu"]);
    expect(backendOrder("webgl")).toEqual(["wasm", "webgl", "cpu"]);
    expect(backendOrder("cpu")).toEqual(["wasm", "webgl", "cpu"]);
    expect(backendOrder("webgl", "webgl")).toEqual(["webgl", "wasm", "cpu"]);
    expect(backendOrder("webgpu", "webgpu")).toEqual(["webgpu", "wasm", "webgl", "cpu"]);
  });

  it("cappedConfig: ?steps=N caps steps and batch size, and keeps the cell's head width", () => {
    const c = { head: "ssd4" as const, lr: 1e-3, epochs: 5, batchSize: 64 };
    expect(cappedConfig(c, null)).toMatchObject({ maxSteps: null, batchSize: 64 });
    expect(cappedConfig(c, 2)).toMatchObject({ maxSteps: 2, batchSize: 2 });
    expect(cappedConfig({ ...c, headWidth: 32 }, 2).headWidth).toBe(32);
  });

  it("boxL1 is the mean absolute corner error in pixels (detn_l1 for one image)", () => {
    expect(boxL1([0, 0, 0.5, 0.5], [0.25, 0, 0.5, 0.25], 224)).toBeCloseTo((56 + 56) / 4, 10);
  });

  it("lrAtMinimum picks the rate of the lowest finite loss", () => {
    expect(lrAtMinimum([1e-4, 1e-3, 1e-2, 1e-1], [2, 1.2, 1.5, Number.NaN])).toBe(1e-3);
    expect(lrAtMinimum([], [])).toBeNull();
  });
});

describe("sigmoid vs softmax (multilabel)", () => {
  it("match tfjs's sigmoid and softmax", async () => {
    const logits = [2, -1, 0.5, 3, -4];
    const [sig, soft] = await Promise.all([
      tf.sigmoid(tf.tensor1d(logits)).data(),
      tf.softmax(tf.tensor1d(logits)).data(),
    ]);
    for (const [i, v] of sigmoid(logits).entries()) expect(v).toBeCloseTo(sig[i], 6);
    for (const [i, v] of softmax(logits).entries()) expect(v).toBeCloseTo(soft[i], 6);
  });

  it("two confident classes: both sigmoids over 0.5, but softmax has to split them", () => {
    const logits = [4, 4, -5, -5];
    expect(predictedClasses(logits)).toEqual([0, 1]);
    const s = softmax(logits);
    expect(s[0]).toBeLessThan(0.5);
    expect(s.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(softmax([1000, 999]).every(Number.isFinite)).toBe(true);
  });
});

describe("detectionsFrom (the preview's show_nmf)", () => {
  it("keeps scores over the threshold, suppresses overlaps per class, ignores background, best first", () => {
    const boxes = [
      [0, 0, 0.5, 0.5],
      [0.01, 0.01, 0.5, 0.5], // overlaps the first
      [0.6, 0.6, 1, 1],
    ];
    // columns: class 0, class 1, background
    const scores = [
      [0.9, 0.1, 0.99],
      [0.8, 0.3, 0.99],
      [0.2, 0.7, 0.99],
    ];
    const d = detectionsFrom(boxes, scores, { thresh: 0.25, overlap: 0.4 });
    expect(d.map((x) => [x.cls, x.score])).toEqual([
      [0, 0.9],
      [1, 0.7],
      [1, 0.3],
    ]);
  });
});
