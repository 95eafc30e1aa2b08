// Done-criterion test: the lesson's 4×4 SSD head trains on cached CenterNet features of the built-in sample
// (Node, WASM backend with the fast convolution gradients) until validation loss is clearly below its start
// and mAP@0.5 clears a floor.
import { afterAll, beforeAll, expect, it } from "vitest";
import { centernetHandler, loadBuiltinNode, useWasmFast } from "../../../scripts/models-node";
import type { Backbone } from "../../../src/model/backbone";
import { loadCenternet } from "../../../src/model/graph-backbone";
import { buildHead } from "../../../src/model/heads";
import { prepareSplit } from "../../../src/train/dataset";
import { Trainer } from "../../../src/train/engine";
import type { TrainEvent } from "../../../src/train/protocol";

let backbone: Backbone;
beforeAll(async () => {
  await useWasmFast();
  backbone = await loadCenternet(centernetHandler());
});
afterAll(() => backbone?.dispose());

const N_TRAIN = Number(process.env.SSD4_TRAIN ?? 192);
const N_VAL = Number(process.env.SSD4_VAL ?? 48);
const EPOCHS = Number(process.env.SSD4_EPOCHS ?? 10);

it("SSD 4×4 on cached features of the built-in sample: val loss falls well below its start, mAP@0.5 above the floor", async () => {
  const ds = await loadBuiltinNode();
  const data = await prepareSplit(ds, 224, { limit: N_TRAIN, valLimit: N_VAL });
  const head = buildHead("ssd4", { inputShape: backbone.featureShape, width: 128, seed: 1 });
  const events: TrainEvent[] = [];
  const trainer = new Trainer(
    backbone,
    head,
    {
      head: "ssd4",
      lr: 3e-3,
      epochs: EPOCHS,
      batchSize: 16,
      classes: ds.classes,
      schedule: { kind: "onecycle", div: 20, pct: 10 },
    },
    data,
    { emit: (e) => events.push(e) },
  );
  expect(trainer.cacheOn).toBe(true);
  await trainer.ensureCache();
  const start = await trainer.validate();
  const t0 = Date.now();
  await trainer.play();
  const epochs = events.filter((e): e is Extract<TrainEvent, { type: "epoch" }> => e.type === "epoch");
  for (const e of epochs) {
    console.log(
      `epoch ${e.epoch}: train ${e.trainLoss.toFixed(3)} val ${e.valLoss.toFixed(3)} loc ${e.metrics.loc.toFixed(3)} clas ${e.metrics.clas.toFixed(3)} mAP ${e.metrics.mAP.toFixed(3)}`,
    );
  }
  const last = epochs[epochs.length - 1];
  console.log(
    `start val ${start.valLoss.toFixed(3)} mAP ${start.metrics.mAP.toFixed(3)}; ${EPOCHS} epochs in ${((Date.now() - t0) / 1000).toFixed(0)} s`,
  );
  expect(epochs.length).toBe(EPOCHS);
  expect(last.valLoss).toBeLessThan(0.6 * start.valLoss);
  // measured (192 train / 48 val images, 20 classes, 10 epochs): val 18.2 → 8.5, mAP@0.5 0.002 → 0.051, the same
  // before and after the wasm batched-gather fix: with 16 images per batch and 16 anchors, wasm's faulty index
  // stride (batch size instead of indices per batch) happens to be right, so this test never saw the bug
  // (tests/unit/train/wasm-step.test.ts does, with 4 images). The floor stays.
  expect(last.metrics.mAP).toBeGreaterThan(0.02);
  expect(last.metrics.mAP).toBeGreaterThan(5 * start.metrics.mAP);
  trainer.dispose();
  head.dispose();
}, 600_000);
