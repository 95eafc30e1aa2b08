// The PyTorch time_to_map row: the train-ssd cell's recipe (its default settings and src/lessons/train-ssd/recipe.ts)
// trained by PyTorch-CPU (bench/pytorch_map.py) on the very features the app's engine trains on — the built-in
// pack plus the same drawn scenes, through the same backbone and feature cache, here in Node (tfjs-wasm). The
// features are prepared once and kept in node_modules/.cache/ssd-bench (keyed by the recipe); the row's clock
// covers PyTorch's training only (the Chromium row's clock includes drawing and caching: its `detail` says how
// long that took). Each epoch's validation activations come back and are scored with the app's own decoding,
// NMS and mAP (MapAccumulator), so only the training engine differs.
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { createWriteStream, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import * as tf from "@tensorflow/tfjs-core";
import { nodeWasmPainter } from "../scripts/gen/noto";
import { centernetHandler, loadBuiltinNode, useWasmFast as wasmFastBackend } from "../scripts/models-node";
import { synthExample } from "../src/data/synth";
import { trainSsdCell } from "../src/lessons/train-ssd/def";
import { SSD_BATCH, SSD_DROP_SCALE, SSD_HEAD_WIDTH, SSD_SCHEDULE } from "../src/lessons/train-ssd/recipe";
import { loadCenternet } from "../src/model/graph-backbone";
import { buildHead } from "../src/model/heads";
import { anchorTensors } from "../src/ssd";
import { prepareSplit } from "../src/train/dataset";
import { Trainer } from "../src/train/engine";
import { makeTargets, type Prepared, prepare } from "../src/train/examples";
import { MapAccumulator } from "../src/train/task";
import type { TimeToMapRow } from "./results";
import { summarise } from "./time-to-map";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const SCRIPT = fileURLToPath(new URL("./pytorch_map.py", import.meta.url));

/** The cell's defaults (what a student gets by pressing Run). */
export function cellRecipe() {
  const d = Object.fromEntries((trainSsdCell.settings ?? []).map((s) => [s.name, s.default]));
  return {
    scenes: Number(d.scenes),
    epochs: Number(d.ssdEpochs),
    lr: Number(d.ssdLr),
    loss: String(d.loss),
    seed: Number(d.seed),
    width: SSD_HEAD_WIDTH,
    batch: SSD_BATCH,
    div: SSD_SCHEDULE.div ?? 32,
    pct: SSD_SCHEDULE.pct ?? 5,
    dropScale: SSD_DROP_SCALE,
    /** scenes are drawn at the model's input size, as the worker draws them (0: full size) */
    drawSize: 224,
    /** > 0: choose settings without the validation split — the last `holdout` training images are scored instead */
    holdout: 0,
    /** draw (and cache) this many scenes but train on the first `scenes` of them: one cache serves a scan */
    cacheScenes: 0,
  };
}

/** Prepare (or reuse) the cached features of the recipe's data; returns the folder and how long preparing took. */
async function features(recipe: ReturnType<typeof cellRecipe>, log: (s: string) => void) {
  const key = createHash("sha1")
    .update(
      JSON.stringify({
        scenes: recipe.scenes,
        seed: recipe.seed,
        draw: recipe.drawSize,
        holdout: recipe.holdout,
        v: 2,
      }),
    )
    .digest("hex")
    .slice(0, 12);
  const dir = join(ROOT, "node_modules", ".cache", "ssd-bench", key);
  if (existsSync(join(dir, "meta.json")))
    return { dir, prepS: JSON.parse(readFileSync(join(dir, "meta.json"), "utf8")).prepS };
  mkdirSync(dir, { recursive: true });
  const t0 = Date.now();
  const backbone = await loadCenternet(centernetHandler());
  const ds = await loadBuiltinNode();
  const split = await prepareSplit(ds, backbone.inputSize);
  const h = recipe.holdout;
  const data = h ? { train: split.train.slice(0, -h), val: split.train.slice(-h) } : split;
  const painter = await nodeWasmPainter();
  for (let i = 0; i < recipe.scenes; i++) {
    const scene = synthExample(recipe.seed, i, painter, recipe.drawSize || undefined);
    data.train.push(await prepare(scene, backbone.inputSize));
    if ((i + 1) % 500 === 0) log(`  time_to_map (pytorch): drew ${i + 1}/${recipe.scenes} scenes`);
  }
  const head = buildHead("ssdMulti", { inputShape: backbone.featureShape, width: recipe.width });
  const trainer = new Trainer(
    backbone,
    head,
    { head: "ssdMulti", lr: recipe.lr, epochs: 1, batchSize: recipe.batch },
    data,
    {
      emit: (e) => {
        if (e.type === "cache" && e.done % 500 === 0)
          log(`  time_to_map (pytorch): features ${e.done}/${e.total}`);
      },
    },
  );
  await trainer.ensureCache();
  const cache = trainer.featureCache;
  if (!cache) throw new Error("the backbone's features are not cached");
  const write = async (items: Prepared[], file: string) => {
    const out = createWriteStream(join(dir, file));
    for (let i = 0; i < items.length; i += 64) {
      const f = cache.batch(items.slice(i, i + 64).map((p) => ({ id: p.id, view: 0 }))).features;
      out.write(Buffer.from((await f.data()).buffer));
      f.dispose();
    }
    await new Promise<void>((r, j) => out.end((e?: Error | null) => (e ? j(e) : r())));
  };
  await write(data.train, "train.bin");
  await write(data.val, "val.bin");
  const prepS = (Date.now() - t0) / 1000;
  const meta = {
    featureShape: backbone.featureShape,
    train: data.train.map((p) => ({ boxes: p.boxes, classes: p.classes })),
    val: data.val.length,
    valTargets: data.val.map((p) => ({ boxes: p.boxes, classes: p.classes })),
    classes: ds.classes,
    prepS,
  };
  writeFileSync(join(dir, "meta.json"), JSON.stringify(meta));
  trainer.dispose();
  head.dispose();
  backbone.dispose();
  return { dir, prepS };
}

/** Run PyTorch on the cached features for `seconds` and return its row. */
export async function torchTimeToMap(
  python: string,
  log: (s: string) => void,
  seconds = 300,
  overrides: Partial<ReturnType<typeof cellRecipe>> = {},
  threads = 0,
): Promise<TimeToMapRow> {
  const recipe = { ...cellRecipe(), ...overrides };
  if (tf.findBackend("wasm") === null || tf.getBackend() !== "wasm") await wasmFastBackend();
  const cached = Math.max(recipe.scenes, recipe.cacheScenes);
  const { dir, prepS } = await features({ ...recipe, scenes: cached }, log);
  const meta = JSON.parse(readFileSync(join(dir, "meta.json"), "utf8"));
  writeFileSync(join(dir, "meta.json"), JSON.stringify({ ...meta, recipe }));
  const lines: { epoch: number; seconds: number; threads: number; torch: string }[] = [];
  await new Promise<void>((resolve, reject) => {
    const ntrain = meta.train.length - (cached - recipe.scenes);
    const args = [SCRIPT, `dir=${dir}`, `seconds=${seconds}`, `ntrain=${ntrain}`];
    if (threads) args.push(`threads=${threads}`);
    const p = spawn(python, args, {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let err = "";
    p.stderr.on("data", (d) => (err += d));
    p.stdout.on("data", (d: Buffer) => {
      for (const l of d.toString().trim().split("\n").filter(Boolean)) {
        const j = JSON.parse(l);
        lines.push(j);
        log(`  time_to_map (pytorch): epoch ${j.epoch + 1} at ${j.seconds.toFixed(0)} s`);
      }
    });
    p.on("close", (code) => (code === 0 ? resolve() : reject(new Error(err.trim().split("\n").pop()))));
  });
  // score each epoch's validation activations with the app's own decoding, NMS and mAP
  const classes: string[] = meta.classes;
  const head = buildHead("ssdMulti", { inputShape: meta.featureShape, width: recipe.width });
  if (!head.anchors) throw new Error("the SSD head has no anchors");
  const anchors = anchorTensors(head.anchors);
  const n = meta.val as number;
  const a = anchors.anchors.shape[0];
  const val = meta.valTargets.map((t: { boxes: number[][]; classes: number[] }, i: number) => ({
    ...t,
    id: String(i),
  }));
  const points: [number, number][] = [];
  for (const l of lines) {
    const raw = new Float32Array(readFileSync(join(dir, `val-${l.epoch}.bin`)).buffer.slice(0));
    const acc = new MapAccumulator(classes);
    const cls = tf.tensor3d(raw.subarray(0, n * a * 21), [n, a, 21]);
    const bb = tf.tensor3d(raw.subarray(n * a * 21), [n, a, 4]);
    await acc.add({ kind: "ssd", cls, bb }, makeTargets("ssdMulti", val as Prepared[], 20), anchors);
    tf.dispose([cls, bb]);
    points.push([Math.round(l.seconds), Number(acc.mAP().toFixed(4))]);
    log(`  time_to_map (pytorch): epoch ${l.epoch + 1} mAP ${acc.mAP().toFixed(3)}`);
  }
  tf.dispose([anchors.anchors, anchors.gridSizes, anchors.corners]);
  head.dispose();
  const last = lines[lines.length - 1];
  return {
    name: "time_to_map",
    engine: "pytorch",
    where: "python",
    ...summarise(points),
    points,
    note: "train-ssd defaults on cached features; clock = training only",
    detail: `torch ${last?.torch}, ${last?.threads} threads; ${meta.train.length} train / ${n} val images; features prepared in Node in ${Math.round(prepS)} s (not counted)`,
  };
}
