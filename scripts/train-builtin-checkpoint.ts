// Train the SSD multi-head (the lesson's SSD_MultiHead, 189 anchors) on cached CenterNet features of the
// built-in pack in Node (tfjs WASM backend with the fast conv gradients of src/model/wasm-fast by default;
// `--backend cpu` is the plain tfjs CPU backend, ~25x slower here), and write the checkpoint the predict/evaluate cells use before anyone trains:
// public/models/ssd-builtin.bin (weights only, no Adam state). Prints validation mAP@0.5 (VOC07 11-point).
//
//   node --import tsx --import ./bench/node-hooks.mjs scripts/train-builtin-checkpoint.ts [--backend wasm|cpu] [--epochs 30] [--width 64]
//     [--train 600] [--val 150] [--lr 0.005] [--loss focal|bce] [--drop 0.5] [--views 4] [--out public/models/ssd-builtin.bin]
// --drop scales the head's dropout rates (1 = the lesson's 0.4); --views K caches K views per training image
// (view 0 plain, the others the lesson's augmentations; epoch e trains on view e mod K).
// The defaults made the shipped file: validation mAP@0.5 0.098 on 150 images (the lesson's settings, 12 epochs,
// dropout 0.4, no augmentation, gave 0.034 once wasm's batched gather was fixed; 0.024 before), ~11 min on 2 busy cores.
import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import * as tf from "@tensorflow/tfjs-core";
import "@tensorflow/tfjs-backend-cpu";
import { synthExample } from "../src/data/synth";
import { loadCenternet } from "../src/model/graph-backbone";
import { buildHead } from "../src/model/heads";
import { lessonAugment } from "../src/train/augment";
import { checkpointToBytes, makeCheckpoint } from "../src/train/checkpoint";
import { prepareSplit } from "../src/train/dataset";
import { Trainer } from "../src/train/engine";
import { prepare } from "../src/train/examples";
import type { TrainEvent } from "../src/train/protocol";
import { nodeWasmPainter } from "./gen/noto";
import { centernetHandler, loadBuiltinNode, useWasmFast } from "./models-node";

const { values: a } = parseArgs({
  options: {
    backend: { type: "string", default: "wasm" },
    epochs: { type: "string", default: "30" },
    width: { type: "string", default: "64" },
    train: { type: "string", default: "600" },
    val: { type: "string", default: "150" },
    batch: { type: "string", default: "32" },
    lr: { type: "string", default: "0.005" },
    loss: { type: "string", default: "focal" },
    seed: { type: "string", default: "42" },
    drop: { type: "string", default: "0.5" },
    views: { type: "string", default: "4" },
    synth: { type: "string", default: "0" },
    out: { type: "string", default: "public/models/ssd-builtin.bin" },
  },
});

async function main() {
  // biome-ignore lint/correctness/useHookAtTopLevel: useWasmFast is a backend switch, not a React hook
  if (a.backend === "wasm") await useWasmFast();
  else {
    await tf.setBackend("cpu");
    await tf.ready();
  }
  const t0 = Date.now();
  const secs = () => ((Date.now() - t0) / 1000).toFixed(0);
  const backbone = await loadCenternet(centernetHandler());
  const ds = await loadBuiltinNode();
  const data = await prepareSplit(ds, backbone.inputSize, {
    limit: Number(a.train),
    valLimit: Number(a.val),
  });
  // --synth N: N new scenes of the pack's kind (src/data/synth, another seed: no validation scene repeats)
  const painter = await nodeWasmPainter();
  for (let i = 0; i < Number(a.synth); i++) {
    data.train.push(await prepare(synthExample(Number(a.seed), i, painter), backbone.inputSize));
    if ((i + 1) % 1000 === 0) {
      console.log(`[${secs()} s] drew ${i + 1}/${a.synth} synthetic scenes`);
      (globalThis as { gc?: () => void }).gc?.(); // with --expose-gc: drop the drawing's garbage as we go
    }
  }
  const width = Number(a.width);
  const dropScale = Number(a.drop);
  const views = Number(a.views);
  const head = buildHead("ssdMulti", {
    inputShape: backbone.featureShape,
    width,
    seed: Number(a.seed),
    dropScale,
  });
  const loss = a.loss === "bce" ? "bce" : "focal";
  const trainer = new Trainer(
    backbone,
    head,
    {
      head: "ssdMulti",
      headWidth: width,
      classes: ds.classes,
      loss,
      lr: Number(a.lr),
      epochs: Number(a.epochs),
      batchSize: Number(a.batch),
      schedule: { kind: "onecycle", div: 20, pct: 10 },
      seed: Number(a.seed),
      views,
      augment: views > 1,
      checkpointKey: "partial",
    },
    data,
    {
      augment: lessonAugment,
      // after each epoch: `<out>.partial` (weights and Adam state), so a long run that is cut short keeps its work
      store: {
        get: async () => undefined,
        list: async () => [],
        set: async (_key, ckpt) => writeFileSync(`${a.out}.partial`, checkpointToBytes(ckpt)),
        del: async () => {},
      },
      emit: (e: TrainEvent) => {
        if (e.type === "cache" && (e.done % 1000 === 0 || e.done === e.total))
          console.log(`[${secs()} s] features ${e.done}/${e.total}`);
        if (e.type === "epoch")
          console.log(
            `[${secs()} s] epoch ${e.epoch}: train ${e.trainLoss.toFixed(3)} val ${e.valLoss.toFixed(3)} mAP@0.5 ${e.metrics.mAP?.toFixed(3)}`,
          );
        if (e.type === "diverged" || e.type === "error") console.error(e.message);
      },
    },
  );
  console.log(
    `${tf.getBackend()}: ${data.train.length} train / ${data.val.length} val images, ssdMulti width ${width}, ${loss} loss, lr ${a.lr}, ${a.epochs} epochs, dropout ×${dropScale}, ${views} view(s)`,
  );
  await trainer.ensureCache();
  // one view per image: the features are all training needs from here on, so the pixels can go
  if (views === 1) for (const p of data.train) p.pixels = new Uint8Array(0);
  await trainer.play();
  const { valLoss, metrics } = await trainer.validate();
  const model = {
    ...trainer.modelId,
    headWidth: width,
    classes: ds.classes,
    pack: ds.source,
    valMap: metrics.mAP,
    valImages: data.val.length,
    train: {
      lr: Number(a.lr),
      epochs: Number(a.epochs),
      loss,
      dropScale,
      views,
      batch: Number(a.batch),
      synth: Number(a.synth),
    },
  };
  const ckpt = await makeCheckpoint(trainer.params, null, trainer.progress, model);
  const bytes = checkpointToBytes(ckpt);
  writeFileSync(a.out as string, bytes);
  console.log(
    `wrote ${a.out} (${(bytes.length / 1e6).toFixed(2)} MB) after ${secs()} s: val loss ${valLoss.toFixed(3)}, validation mAP@0.5 (VOC07 11-point, ${data.val.length} images) = ${metrics.mAP.toFixed(3)}`,
  );
  trainer.dispose();
  head.dispose();
  backbone.dispose();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
