// Issue 13, item 8: the divergence guard catches a loss that explodes (not only NaN/Inf): it pauses, explains,
// and puts back the last good weights; a learning rate of 10 shows the lesson's "too high" failure.
import * as tf from "@tensorflow/tfjs-core";
import { describe, expect, it } from "vitest";
import { buildHead } from "../../../src/model/heads";
import { memoryStore } from "../../../src/train/checkpoint";
import { DIVERGE_FACTOR, DIVERGE_STEPS, Trainer } from "../../../src/train/engine";
import { prepare } from "../../../src/train/examples";
import type { TrainConfig } from "../../../src/train/protocol";
import { collect, syntheticExamples, TINY_SIZE, tinyBackbone } from "./helpers";

const examples = syntheticExamples(10);
const data = {
  train: await Promise.all(examples.slice(0, 8).map((e) => prepare(e, TINY_SIZE))),
  val: await Promise.all(examples.slice(8).map((e) => prepare(e, TINY_SIZE))),
};

function make(config: Partial<TrainConfig>) {
  const backbone = tinyBackbone(true);
  const head = buildHead("ssd4", { inputShape: backbone.featureShape, width: 8, numClasses: 3, seed: 2 });
  const { events, emit } = collect();
  const trainer = new Trainer(
    backbone,
    head,
    {
      head: "ssd4",
      lr: 1e-2,
      epochs: 100,
      batchSize: 4,
      classes: ["r", "g", "b"],
      seed: 5,
      checkpointKey: "k",
      ...config,
    },
    data,
    { emit, store: memoryStore() },
  );
  return {
    trainer,
    events,
    head,
    dispose: () => {
      trainer.dispose();
      head.dispose();
      backbone.dispose();
    },
  };
}

describe("the divergence guard", () => {
  it(`a finite loss over ${DIVERGE_FACTOR}× its minimum for ${DIVERGE_STEPS} steps pauses and restores the last good weights`, async () => {
    const { trainer, events, head, dispose } = make({ maxSteps: 40 });
    for (let i = 0; i < 4; i++) await trainer.step();
    await trainer.saveCheckpoint("manual");
    const w = head.store.get("out/oconv1/kernel")!.variable;
    const good = Array.from(w.dataSync());
    tf.tidy(() => w.assign(tf.mul(w, 1e4))); // what a far too high rate does in a step or two
    const before = tf.memory().numTensors;
    await trainer.play();
    expect(trainer.state).toBe("diverged");
    const d = events.find((e) => e.type === "diverged");
    if (d?.type !== "diverged") throw new Error("no diverged event");
    expect(Number.isFinite(d.loss)).toBe(true);
    expect(d.message).toMatch(/exploded.*lowest value so far.*Lower the learning rate/s);
    expect(trainer.progress.step).toBe(4 + DIVERGE_STEPS);
    expect(Array.from(w.dataSync())).toEqual(good);
    expect(tf.memory().numTensors).toBe(before);
    // the epoch that ended while the loss was exploding saved nothing over the good checkpoint
    expect(
      events.filter((e) => e.type === "checkpoint").map((e) => e.type === "checkpoint" && e.step),
    ).toEqual([2, 4, 4]);
    dispose();
  });

  it("learning rate 10, the LR finder's top: training diverges and says so, sound weights kept", async () => {
    const { trainer, events, head, dispose } = make({ lr: 10, lrFactors: [1, 1, 1], maxSteps: 60 });
    await trainer.play();
    expect(trainer.state).toBe("diverged");
    expect(events.some((e) => e.type === "diverged")).toBe(true);
    const w = head.store.get("out/oconv1/kernel")!.variable;
    expect(Array.from(w.dataSync()).every(Number.isFinite)).toBe(true);
    const losses = events.flatMap((e) => (e.type === "batch" ? [e.loss] : []));
    expect(losses.length).toBeLessThan(60);
    dispose();
  });

  it("a sound rate trains on without tripping it", async () => {
    const { trainer, events, dispose } = make({ maxSteps: 30 });
    await trainer.play();
    expect(trainer.state).toBe("done");
    expect(events.some((e) => e.type === "diverged")).toBe(false);
    dispose();
  });
});
