// head-only experiments on cached features (diagnostics only)
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import * as tf from "@tensorflow/tfjs-core";
import "@tensorflow/tfjs-backend-cpu";
import type { Backbone } from "../src/model/backbone";
import { buildHead, type HeadKind } from "../src/model/heads";
import { Trainer } from "../src/train/engine";
import type { Prepared } from "../src/train/examples";
import { useWasmFast } from "../scripts/models-node";

const { values: a } = parseArgs({
  options: {
    backend: { type: "string", default: "wasm" },
    head: { type: "string", default: "ssdMulti" },
    epochs: { type: "string", default: "6" },
    width: { type: "string", default: "64" },
    train: { type: "string", default: "600" },
    val: { type: "string", default: "150" },
    batch: { type: "string", default: "32" },
    lr: { type: "string", default: "0.003" },
    loss: { type: "string", default: "focal" },
    div: { type: "string", default: "20" },
    pct: { type: "string", default: "10" },
    sched: { type: "string", default: "onecycle" },
    factors: { type: "string", default: "0.01,0.1,1" },
    grads: { type: "string", default: "0" },
    scale: { type: "string", default: "1" },
    seed: { type: "string", default: "42" },
  },
});
if (a.backend === "wasm") await useWasmFast(); else { await tf.setBackend("cpu"); await tf.ready(); }
const meta = JSON.parse(readFileSync("/tmp/diagj-meta.json", "utf8"));
const buf = readFileSync("/tmp/diagj-feats.bin");
const feats = new Float32Array(buf.buffer, buf.byteOffset, buf.byteLength / 4);
const per = 7 * 7 * 480;
const scale = Number(a.scale);
const fake: Backbone = {
  name: "cached", inputSize: 1, featureShape: [7, 7, 480], frozen: true, store: null,
  features: (images) => {
    const px = images.dataSync();
    const b = images.shape[0];
    const out = new Float32Array(b * per);
    for (let i = 0; i < b; i++) {
      const idx = px[i * 3] * 65536 + px[i * 3 + 1] * 256 + px[i * 3 + 2];
      out.set(feats.subarray(idx * per, (idx + 1) * per), i * per);
    }
    for (let j = 0; j < out.length; j++) out[j] *= scale;
    return tf.tensor4d(out, [b, 7, 7, 480]);
  },
  dispose: () => {},
};
const items: Prepared[] = meta.items.map((it: { id: string; boxes: number[][]; classes: number[] }, i: number) => ({
  id: it.id, size: 1, pixels: Uint8Array.from([i >> 16, (i >> 8) & 255, i & 255]), boxes: it.boxes, classes: it.classes,
}));
const train = items.slice(0, Math.min(meta.nTrain, Number(a.train)));
const val = items.slice(meta.nTrain, meta.nTrain + Number(a.val));
const width = Number(a.width);
const head = buildHead(a.head as HeadKind, { inputShape: [7, 7, 480], width, seed: Number(a.seed) });
const init = new Map(head.store.params.map((p) => [p.key, p.variable.clone()]));
const t0 = Date.now();
const trainer = new Trainer(fake, head, {
  head: a.head as HeadKind, headWidth: width, classes: meta.classes, loss: a.loss as "focal" | "bce",
  lr: Number(a.lr), epochs: Number(a.epochs), batchSize: Number(a.batch),
  lrFactors: (a.factors as string).split(",").map(Number),
  schedule: { kind: a.sched as "onecycle", div: Number(a.div), pct: Number(a.pct) }, seed: Number(a.seed), cacheBatch: 64,
}, { train, val }, {
  emit: (e) => {
    if (e.type === "epoch") console.log(`[${((Date.now() - t0) / 1000).toFixed(0)}s] epoch ${e.epoch}: train ${e.trainLoss.toFixed(3)} val ${e.valLoss.toFixed(3)} loc ${e.metrics.loc?.toFixed(3)} clas ${e.metrics.clas?.toFixed(3)} mAP ${e.metrics.mAP?.toFixed(4)}`);
    if (e.type === "diverged" || e.type === "error") console.log(e.message);
  },
});
await trainer.ensureCache();
const v0 = await trainer.validate();
console.log(`start val ${v0.valLoss.toFixed(3)} mAP ${v0.metrics.mAP.toFixed(4)}`);
const ng = Number(a.grads);
if (ng > 0) {
  // grad norms per variable on the first steps (outside the trainer, same loss)
  const { taskLoss } = await import("../src/train/task");
  const { makeTargets } = await import("../src/train/examples");
  const fb = fake.features(tf.tensor4d(Float32Array.from(train.slice(0, 32).flatMap((p) => [...p.pixels])), [32, 1, 1, 3]));
  const tg = makeTargets(head.kind, train.slice(0, 32), 20);
  const { grads } = tf.variableGrads(() => taskLoss(head.apply(fb, { training: true, updates: [] }), tg, trainer.anchors, a.loss as "focal").total, trainer.optimizer.trainableVariables());
  for (const p of head.store.params) {
    const g = grads[p.variable.name];
    console.log(p.key, p.trainable, g ? tf.norm(g).dataSync()[0].toExponential(2) : "NO GRAD", "w", tf.norm(p.variable).dataSync()[0].toExponential(2));
  }
}
await trainer.play();
const dt = (Date.now() - t0) / 1000;
for (const p of head.store.params) {
  const i0 = init.get(p.key)!;
  const d = tf.norm(tf.sub(p.variable, i0)).dataSync()[0];
  const n0 = tf.norm(i0).dataSync()[0];
  console.log(`  ${p.key.padEnd(24)} |w0| ${n0.toExponential(2)} |dw| ${d.toExponential(2)} rel ${(d / Math.max(n0, 1e-12)).toFixed(3)}`);
}
console.log(`done in ${dt.toFixed(0)} s, steps ${trainer.progress.step}`);
