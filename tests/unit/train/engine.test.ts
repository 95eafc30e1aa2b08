import * as tf from "@tensorflow/tfjs-core";
import { describe, expect, it } from "vitest";
import { buildHead } from "../../../src/model/heads";
import { checkpointFromBytes, checkpointToBytes, memoryStore } from "../../../src/train/checkpoint";
import { Trainer } from "../../../src/train/engine";
import { prepare } from "../../../src/train/examples";
import type { TrainConfig } from "../../../src/train/protocol";
import { collect, syntheticExamples, TINY_SIZE, tinyBackbone } from "./helpers";

const examples = syntheticExamples(12);
const data = {
  train: await Promise.all(examples.slice(0, 8).map((e) => prepare(e, TINY_SIZE))),
  val: await Promise.all(examples.slice(8).map((e) => prepare(e, TINY_SIZE))),
};
const base: TrainConfig = {
  head: "ssd4",
  lr: 1e-2,
  epochs: 100,
  batchSize: 4,
  classes: ["r", "g", "b"],
  seed: 5,
};

function make(config: Partial<TrainConfig> = {}, frozen = true) {
  const backbone = tinyBackbone(frozen);
  const head = buildHead(config.head ?? "ssd4", {
    inputShape: backbone.featureShape,
    width: 8,
    numClasses: 3,
    seed: 2,
  });
  const { events, emit } = collect();
  const store = memoryStore();
  const trainer = new Trainer(backbone, head, { ...base, ...config }, data, { emit, store });
  const dispose = () => {
    trainer.dispose();
    head.dispose();
    backbone.dispose();
  };
  return { trainer, events, store, dispose, head, backbone };
}

describe("the training engine (CPU)", () => {
  it("50 steps from the feature cache leak no tensors", async () => {
    const { trainer, dispose } = make({ cache: true });
    await trainer.step();
    const before = tf.memory().numTensors;
    for (let i = 0; i < 50; i++) await trainer.step();
    expect(tf.memory().numTensors).toBe(before);
    expect(trainer.progress.step).toBe(51);
    dispose();
  });

  it("steps through a trainable backbone (no cache), every head kind, leak no tensors", async () => {
    for (const head of ["ssd4", "ssdMulti", "single", "multilabel"] as const) {
      const { trainer, dispose } = make({ head, cache: false }, false);
      expect(trainer.cacheOn).toBe(false);
      await trainer.step();
      const before = tf.memory().numTensors;
      const steps = head === "ssd4" ? 10 : 3;
      for (let i = 0; i < steps; i++) await trainer.step();
      expect(tf.memory().numTensors, head).toBe(before);
      dispose();
    }
  });

  it("streams batch and epoch events with the task's metrics, and checkpoints after each epoch", async () => {
    const { trainer, events, store, dispose } = make({ epochs: 2, checkpointKey: "t1" });
    await trainer.play();
    expect(trainer.state).toBe("done");
    const batches = events.filter((e) => e.type === "batch");
    const epochs = events.filter((e) => e.type === "epoch");
    expect(batches.length).toBe(4); // 8 images / batch 4 × 2 epochs
    expect(epochs.length).toBe(2);
    const ep = epochs[1];
    if (ep.type !== "epoch") throw new Error();
    expect(Object.keys(ep.metrics).sort()).toEqual(["clas", "loc", "mAP"]);
    expect(Number.isFinite(ep.valLoss)).toBe(true);
    expect(events.filter((e) => e.type === "checkpoint").length).toBe(2);
    expect(store.map.get("t1")?.header.progress.epoch).toBe(2);
    expect(events.some((e) => e.type === "status" && e.cache === true)).toBe(true);
    dispose();
  });

  it("softmax over C+1 as the class loss: the loss falls on a fixed batch, its mAP is scored with softmax scores", async () => {
    const { trainer, events, dispose } = make({ loss: "softmax", epochs: 6, lr: 3e-2 });
    expect(trainer.scoring).toBe("softmax");
    await trainer.play();
    const eps = events.filter((e) => e.type === "epoch").map((e) => (e.type === "epoch" ? e : null)!);
    expect(eps.length).toBe(6);
    expect(eps[eps.length - 1].trainLoss).toBeLessThan(eps[0].trainLoss);
    for (const e of eps) {
      expect(e.metrics.mAP).toBeGreaterThanOrEqual(0);
      expect(e.metrics.mAP).toBeLessThanOrEqual(1);
    }
    dispose();
    const bce = make({});
    expect(bce.trainer.scoring).toBe("sigmoid");
    bce.dispose();
  });

  it("single-object and multi-label heads report detn_acc/detn_l1 and accuracy", async () => {
    for (const [head, keys] of [
      ["single", ["ce", "detn_acc", "detn_l1", "l1"]],
      ["multilabel", ["accuracy"]],
    ] as const) {
      const { trainer, events, dispose } = make({ head, epochs: 1 });
      await trainer.play();
      const ep = events.find((e) => e.type === "epoch");
      if (ep?.type !== "epoch") throw new Error("no epoch event");
      expect(Object.keys(ep.metrics).sort()).toEqual([...keys]);
      dispose();
    }
  });

  it("maxSteps caps the loop; pause stops after the current step and saves; step() runs one batch", async () => {
    const { trainer, events, dispose } = make({ maxSteps: 3, checkpointKey: "t2" });
    await trainer.play();
    expect(trainer.progress.step).toBe(3);
    expect(trainer.state).toBe("done");
    dispose();

    const t2 = make({ checkpointKey: "t3" });
    const run = t2.trainer.play();
    await new Promise((r) => setTimeout(r, 50));
    await t2.trainer.pause();
    await run;
    expect(t2.trainer.state).toBe("paused");
    const at = t2.trainer.progress.step;
    expect(t2.events.some((e) => e.type === "checkpoint" && e.reason === "pause")).toBe(true);
    await t2.trainer.step();
    expect(t2.trainer.progress.step).toBe(at + 1);
    await t2.trainer.stop();
    expect(t2.trainer.state).toBe("stopped");
    t2.dispose();
    expect(events.length).toBeGreaterThan(0);
  });

  it("a NaN loss pauses training, explains divergence and puts back the last checkpoint's weights", async () => {
    const { trainer, events, head, dispose } = make({});
    await trainer.step();
    await trainer.saveCheckpoint("manual");
    const w = head.store.get("out/oconv1/kernel")!.variable;
    const good = w.dataSync().slice();
    // poison one weight, as a too-high learning rate eventually does
    tf.tidy(() => w.assign(tf.mul(w, Number.NaN)));
    const run = trainer.play();
    await run;
    expect(trainer.state).toBe("diverged");
    const d = events.find((e) => e.type === "diverged");
    if (d?.type !== "diverged") throw new Error("no diverged event");
    expect(Number.isNaN(d.loss)).toBe(true);
    expect(d.message).toMatch(/learning rate/);
    expect(Array.from(w.dataSync())).toEqual(Array.from(good));
    dispose();
  });

  it("a checkpoint round-trips through bytes: same weights, Adam state and progress, same next step", async () => {
    const a = make({ loss: "focal" });
    for (let i = 0; i < 3; i++) await a.trainer.step();
    const bytes = checkpointToBytes(await a.trainer.saveCheckpoint("manual"));
    const b = make({ loss: "focal" });
    await b.trainer.loadCheckpoint(checkpointFromBytes(bytes));
    expect(b.trainer.progress.step).toBe(3);
    const ra = await a.trainer.step();
    const rb = await b.trainer.step();
    expect(rb?.loss).toBeCloseTo(ra?.loss ?? Number.NaN, 5);
    const wa = a.head.store.get("sconv0/conv/kernel")!.variable.dataSync();
    const wb = b.head.store.get("sconv0/conv/kernel")!.variable.dataSync();
    // Adam's bias-correction product is rebuilt as beta^(t+1) on load: equal up to float rounding
    const diff = Math.max(...Array.from(wa).map((v, i) => Math.abs(v - wb[i])));
    expect(diff).toBeLessThan(1e-6);
    expect(() => checkpointFromBytes(bytes.slice(0, 100), "x.ckpt")).toThrow(/x.ckpt/);
    a.dispose();
    b.dispose();
  });

  it("a checkpoint for another head is refused with a message", async () => {
    const a = make({ head: "ssd4" });
    const ck = await a.trainer.saveCheckpoint("manual");
    const b = make({ head: "ssdMulti" });
    await expect(b.trainer.loadCheckpoint(ck)).rejects.toThrow(/head/);
    a.dispose();
    b.dispose();
  });

  it("the LR finder sweeps rates upward, records losses, and puts the weights back", async () => {
    const { trainer, head, dispose } = make({});
    const w = head.store.get("sconv0/conv/kernel")!.variable;
    const before = w.dataSync().slice();
    const n0 = tf.memory().numTensors;
    const r = await trainer.lrFind(1e-5, 10, 30);
    expect(r.lrs.length).toBeGreaterThan(5);
    for (let i = 1; i < r.lrs.length; i++) expect(r.lrs[i]).toBeGreaterThan(r.lrs[i - 1]);
    expect(Array.from(w.dataSync())).toEqual(Array.from(before));
    expect(trainer.progress.step).toBe(0);
    expect(tf.memory().numTensors).toBe(n0);
    dispose();
  });

  it("freeze_to keeps frozen groups' weights; the narrated mode emits the five phases in order", async () => {
    const { trainer, events, backbone, dispose } = make(
      { cache: false, narrate: true, narrateDelayMs: 0 },
      false,
    );
    trainer.freezeTo(2); // only the head trains
    const w = backbone.store!.get("conv0/kernel")!.variable;
    const before = w.dataSync().slice();
    await trainer.step();
    expect(Array.from(w.dataSync())).toEqual(Array.from(before));
    const phases = events.filter((e) => e.type === "phase").map((e) => (e.type === "phase" ? e.phase : ""));
    expect(phases).toEqual(["augment", "match", "forward", "loss", "update"]);
    const fwd = events.find((e) => e.type === "phase" && e.phase === "forward");
    if (fwd?.type !== "phase" || fwd.phase !== "forward") throw new Error();
    expect(fwd.boxes.length).toBe(16);
    trainer.freezeTo(0);
    await trainer.step();
    expect(Array.from(w.dataSync())).not.toEqual(Array.from(before));
    dispose();
  });
});
