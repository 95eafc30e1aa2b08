// overfit one fixed batch of cached features (diagnostics only)
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import * as tf from "@tensorflow/tfjs-core";
import "@tensorflow/tfjs-backend-cpu";
import { buildHead, type HeadKind } from "../src/model/heads";
import { applyUpdates, evalCtx } from "../src/model/layers";
import { anchorTensors } from "../src/ssd/anchors";
import { makeTargets, type Prepared } from "../src/train/examples";
import { GroupedAdam } from "../src/train/optimizer";
import { groupRates } from "../src/train/schedule";
import { taskLoss } from "../src/train/task";
import { useWasmFast } from "../scripts/models-node";

const { values: a } = parseArgs({
  options: {
    backend: { type: "string", default: "wasm" },
    head: { type: "string", default: "ssdMulti" },
    steps: { type: "string", default: "60" },
    width: { type: "string", default: "64" },
    batch: { type: "string", default: "16" },
    lr: { type: "string", default: "0.001" },
    loss: { type: "string", default: "focal" },
    start: { type: "string", default: "0" },
  },
});
if (a.backend === "wasm") await useWasmFast(); else { await tf.setBackend("cpu"); await tf.ready(); }
const meta = JSON.parse(readFileSync("/tmp/diagj-meta.json", "utf8"));
const buf = readFileSync("/tmp/diagj-feats.bin");
const feats = new Float32Array(buf.buffer, buf.byteOffset, buf.byteLength / 4);
const per = 7 * 7 * 480;
const B = Number(a.batch), s0 = Number(a.start);
const x = tf.tensor4d(feats.slice(s0 * per, (s0 + B) * per), [B, 7, 7, 480]);
const items = meta.items.slice(s0, s0 + B) as Prepared[];
const tg = makeTargets(a.head as HeadKind, items, 20);
const head = buildHead(a.head as HeadKind, { inputShape: [7, 7, 480], width: Number(a.width), seed: 1 });
const anchors = head.anchors ? anchorTensors(head.anchors) : null;
const opt = new GroupedAdam(head.store.params, groupRates(Number(a.lr)));
const t0 = Date.now();
for (let i = 0; i <= Number(a.steps); i++) {
  const ctx = { training: true, updates: [] as { variable: tf.Variable; value: tf.Tensor }[], seed: i };
  const { value, grads } = tf.variableGrads(() => taskLoss(head.apply(x, ctx), tg, anchors, a.loss as "focal").total, opt.trainableVariables());
  opt.apply(grads); applyUpdates(ctx); tf.dispose(Object.values(grads));
  const l = value.dataSync()[0]; value.dispose();
  if (i % 10 === 0) {
    const ev = tf.tidy(() => taskLoss(head.apply(x, evalCtx()), tg, anchors, a.loss as "focal"));
    console.log(`step ${i} train-mode ${l.toFixed(3)} eval-mode ${ev.total.dataSync()[0].toFixed(3)} loc ${ev.parts.loc.dataSync()[0].toFixed(3)} clas ${ev.parts.clas.dataSync()[0].toFixed(3)}  [${((Date.now() - t0) / 1000).toFixed(0)}s] tensors ${tf.memory().numTensors}`);
    tf.dispose([ev.total, ...Object.values(ev.parts)]);
  }
}
