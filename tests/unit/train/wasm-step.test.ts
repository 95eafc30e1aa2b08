// The training engine on the fast CPU path (tfjs-wasm + src/compute/wasm-fast, what Node scripts and the worker
// without WebGPU use) computes the same SSD losses as on the CPU backend, for batches of several images.
// Before the batched-gather fix, every image after the first in a batch was scored against another image's
// matched classes and boxes on wasm (tensorflow/tfjs#8658), and the shipped checkpoint barely learned.
import * as tf from "@tensorflow/tfjs-core";
import { afterAll, expect, it } from "vitest";
import { buildHead } from "../../../src/model/heads";
import { Trainer } from "../../../src/train/engine";
import { prepare } from "../../../src/train/examples";
import { backToCpu, toWasm } from "../wasm";
import { collect, syntheticExamples, TINY_SIZE, tinyBackbone } from "./helpers";

const examples = syntheticExamples(12, 48, 7);
const data = {
  train: await Promise.all(examples.slice(0, 8).map((e) => prepare(e, TINY_SIZE))),
  val: await Promise.all(examples.slice(8).map((e) => prepare(e, TINY_SIZE))),
};

/** Losses (and their loc/clas parts) of the first steps, and the validation loss after them. */
async function run(head: "ssd4" | "ssdMulti" | "single", steps: number, trainBody = false) {
  const backbone = tinyBackbone(!trainBody);
  const h = buildHead(head, { inputShape: backbone.featureShape, width: 8, numClasses: 3, seed: 2 });
  const trainer = new Trainer(
    backbone,
    h,
    {
      head,
      lr: 1e-2,
      epochs: 10,
      batchSize: 4,
      classes: ["r", "g", "b"],
      seed: 3,
      schedule: { kind: "constant" },
      ...(trainBody ? { lrFactors: [1, 1, 1] } : {}),
    },
    data,
    collect(),
  );
  const losses: number[] = [];
  for (let i = 0; i < steps; i++) {
    const r = await trainer.step();
    if (!r) throw new Error("the trainer stopped early");
    losses.push(r.loss, ...Object.values(r.parts));
  }
  const { valLoss } = await trainer.validate();
  trainer.dispose();
  h.dispose();
  backbone.dispose();
  return [...losses, valLoss];
}

afterAll(backToCpu);

it("SSD steps on wasm-fast (batch of 4) give the CPU backend's losses, loc and clas, for both heads", async () => {
  const want = { ssd4: await run("ssd4", 3), ssdMulti: await run("ssdMulti", 2) };
  await toWasm({ fast: true });
  for (const head of ["ssd4", "ssdMulti"] as const) {
    const got = await run(head, head === "ssd4" ? 3 : 2);
    expect(got.length).toBe(want[head].length);
    got.forEach((v, i) => {
      expect(Math.abs(v - want[head][i]), `${head} value ${i}: wasm ${v}, cpu ${want[head][i]}`).toBeLessThan(
        1e-3 * Math.max(1, Math.abs(want[head][i])),
      );
    });
  }
}, 120_000);

it("the single-object cell's scratch body (stride-2 convs + BatchNorm, every layer trained) on wasm-fast gives the CPU backend's losses", async () => {
  await tf.setBackend("cpu");
  const want = await run("single", 3, true);
  await toWasm({ fast: true });
  const got = await run("single", 3, true);
  expect(got.length).toBe(want.length);
  // the losses move between steps, so the body's gradients (not only the head's) must agree for these to
  expect(new Set(want.map((v) => v.toFixed(4))).size).toBeGreaterThan(2);
  got.forEach((v, i) => {
    expect(Math.abs(v - want[i]), `value ${i}: wasm ${v}, cpu ${want[i]}`).toBeLessThan(
      1e-3 * Math.max(1, Math.abs(want[i])),
    );
  });
}, 120_000);
