// Issue 13, item 4: a user's trained weights are never overwritten without their say. A run that saves over a
// further-trained checkpoint (started over, or Play pressed while the resume offer showed) moves it to the
// key's short history, where the offer still finds it.
import { describe, expect, it } from "vitest";
import { buildHead } from "../../../src/model/heads";
import { type Checkpoint, KEEP_EARLIER, memoryStore } from "../../../src/train/checkpoint";
import { Trainer } from "../../../src/train/engine";
import { prepare } from "../../../src/train/examples";
import { collect, syntheticExamples, TINY_SIZE, tinyBackbone } from "./helpers";

const ckpt = (step: number, fill = step): Checkpoint => ({
  header: {
    version: 1,
    model: {},
    progress: { epoch: Math.floor(step / 10), step, history: [] },
    params: [],
    optimizer: [],
    savedAt: new Date(Date.UTC(2026, 0, 1, 0, 0, step)).toISOString(),
  },
  data: new Float32Array(4).fill(fill).buffer,
});
const steps = (list: Checkpoint[]) => list.map((c) => c.header.progress.step);

describe("checkpoint history per key", () => {
  it("a later save replaces; a save with less progress keeps the further one", async () => {
    const store = memoryStore();
    await store.set("k", ckpt(10));
    await store.set("k", ckpt(20)); // the same run, later: replaces
    expect(steps(await store.list("k"))).toEqual([20]);
    await store.set("k", ckpt(2)); // a fresh run's first save
    expect(steps(await store.list("k"))).toEqual([2, 20]);
    await store.set("k", ckpt(4));
    expect(steps(await store.list("k"))).toEqual([4, 20]);
    await store.set("k", ckpt(4)); // the same weights again (a pause right after an epoch's save)
    expect(steps(await store.list("k"))).toEqual([4, 20]);
    await store.set("k", ckpt(20, 99)); // past the 4: replaces it; the kept 20 stays
    expect(steps(await store.list("k"))).toEqual([20, 20]);
    await store.set("k", ckpt(20, 7)); // another run at the same step, other weights: both kept
    expect(steps(await store.list("k"))).toEqual([20, 20, 20]);
    for (const s of [1, 0]) await store.set("k", ckpt(s));
    expect(steps(await store.list("k")).length).toBe(1 + KEEP_EARLIER);
    await store.del("k");
    expect(await store.list("k")).toEqual([]);
  });

  it("a new run's end-of-epoch save does not destroy the further-trained checkpoint of an earlier run", async () => {
    const examples = syntheticExamples(6);
    const data = {
      train: await Promise.all(examples.slice(0, 4).map((e) => prepare(e, TINY_SIZE))),
      val: await Promise.all(examples.slice(4).map((e) => prepare(e, TINY_SIZE))),
    };
    const store = memoryStore();
    const earlier = ckpt(500);
    await store.set("ssd", earlier);
    const backbone = tinyBackbone(true);
    const head = buildHead("ssd4", { inputShape: backbone.featureShape, width: 8, numClasses: 3, seed: 2 });
    const { emit } = collect();
    const trainer = new Trainer(
      backbone,
      head,
      { head: "ssd4", lr: 1e-3, epochs: 1, batchSize: 2, classes: ["r", "g", "b"], checkpointKey: "ssd" },
      data,
      { emit, store },
    );
    await trainer.play(); // one epoch of 2 steps, saved at its end
    const list = await store.list("ssd");
    expect(steps(list)).toEqual([2, 500]);
    expect(list[1]).toBe(earlier);
    trainer.dispose();
    head.dispose();
    backbone.dispose();
  });
});
