// cache CenterNet features of the builtin pack to disk (diagnostics only)
import { writeFileSync } from "node:fs";
import * as tf from "@tensorflow/tfjs-core";
import { loadCenternet } from "../src/model/graph-backbone";
import { prepareSplit } from "../src/train/dataset";
import { centernetHandler, loadBuiltinNode, useWasmFast } from "../scripts/models-node";
import { imageBatch } from "../src/train/examples";

await useWasmFast();
const t0 = Date.now();
const backbone = await loadCenternet(centernetHandler());
const ds = await loadBuiltinNode();
const data = await prepareSplit(ds, 224, {});
console.log("train", data.train.length, "val", data.val.length, (Date.now() - t0) / 1000);
const all = [...data.train, ...data.val];
const per = 7 * 7 * 480;
const feats = new Float32Array(all.length * per);
for (let i = 0; i < all.length; i += 8) {
  const chunk = all.slice(i, i + 8);
  const f = tf.tidy(() => backbone.features(imageBatch(chunk)));
  feats.set(await f.data() as Float32Array, i * per);
  f.dispose();
  if (i % 80 === 0) console.log(i, (Date.now() - t0) / 1000);
}
writeFileSync("/tmp/diagj-feats.bin", Buffer.from(feats.buffer));
writeFileSync("/tmp/diagj-meta.json", JSON.stringify({
  classes: ds.classes, nTrain: data.train.length,
  items: all.map((p) => ({ id: p.id, boxes: p.boxes, classes: p.classes })),
}));
let s = 0, s2 = 0, mx = -Infinity, mn = Infinity, zeros = 0;
for (const v of feats) { s += v; s2 += v * v; if (v > mx) mx = v; if (v < mn) mn = v; if (v === 0) zeros++; }
const n = feats.length;
console.log(`features mean ${s / n} std ${Math.sqrt(s2 / n - (s / n) ** 2)} min ${mn} max ${mx} zeros ${zeros / n}`);
console.log("done", (Date.now() - t0) / 1000);
