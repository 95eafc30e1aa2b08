// `npm run record:runs`: train the single-object, multi-label and 4×4 SSD cells with their default settings (and the
// single cell's with its scratch body and the 4×4 cell's with softmax over 21: the comparisons they draw) in
// Node — the training engine the cells' worker runs (src/train: Trainer, the lesson's augmentations, a frozen
// CenterNet body with its features cached), each cell's own TrainConfig function (<cell>/recipe.ts) — on the
// built-in sample's full split, and write what their charts showed (per-batch loss and parts, per-epoch
// validation loss and metrics) to public/models/runs.json. The cells draw these faintly before Run and beside
// the student's own run after (src/lessons/common/recordedRun.tsx).
//
//   npm run record:runs -- [--backend wasm|cpu] [--cells single,single:scratch,multilabel,train-4x4,train-4x4:softmax] [--out public/models/runs.json]
import { readFileSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import * as tf from "@tensorflow/tfjs-core";
import "@tensorflow/tfjs-backend-cpu";
import { multilabelCell } from "../src/lessons/multilabel/def";
import { multilabelConfig } from "../src/lessons/multilabel/recipe";
import { SINGLE_BODY, singleCell } from "../src/lessons/single/def";
import { singleConfig } from "../src/lessons/single/recipe";
import { SSD4_CLASS_LOSS, train4x4Cell } from "../src/lessons/train-4x4/def";
import { ssd4Config } from "../src/lessons/train-4x4/recipe";
import type { CellDef, RunContext } from "../src/lessons/types";
import { buildHead } from "../src/model/heads";
import { createScratchBackbone } from "../src/model/scratch";
import { valueIn, withSetting } from "../src/settings";
import { lessonAugment } from "../src/train/augment";
import { prepareSplit } from "../src/train/dataset";
import { Trainer } from "../src/train/engine";
import type { TrainConfig } from "../src/train/protocol";
import {
  type RecordedRun,
  type RecordedRunsFile,
  RUNS_FORMAT,
  RUNS_VERSION,
  RunRecorder,
} from "../src/train/recorded";
import { loadBuiltinNode, loadCenternetNode, startBackend } from "./models-node";

/** What is recorded: each cell's defaults under its id, and the 4×4 cell's defaults with the other class loss. */
const CELLS: {
  key: string;
  def: CellDef;
  config: (get: RunContext["get"]) => TrainConfig;
  /** a body other than the pretrained one (the single cell's scratch CNN) */
  scratch?: boolean;
}[] = [
  { key: "single", def: singleCell, config: singleConfig },
  {
    key: "single:scratch",
    def: singleCell,
    config: (get) => singleConfig(withSetting(get, SINGLE_BODY, "scratch")),
    scratch: true,
  },
  { key: "multilabel", def: multilabelCell, config: multilabelConfig },
  { key: "train-4x4", def: train4x4Cell, config: ssd4Config },
  {
    key: "train-4x4:softmax",
    def: train4x4Cell,
    config: (get) => ssd4Config(withSetting(get, SSD4_CLASS_LOSS, "softmax")),
  },
];

const { values: a } = parseArgs({
  options: {
    backend: { type: "string", default: "wasm" },
    cells: { type: "string", default: CELLS.map((c) => c.key).join(",") },
    out: { type: "string", default: "public/models/runs.json" },
  },
});

async function main() {
  await startBackend(a.backend as string);
  const t0 = Date.now();
  const secs = () => ((Date.now() - t0) / 1000).toFixed(0);
  const backbone = await loadCenternetNode();
  const ds = await loadBuiltinNode();
  // the worker's data for the built-in sample (src/train/session.ts): the whole split, no limits
  const data = await prepareSplit(ds, backbone.inputSize, {
    onError: (file, message) => console.error(`${file}: ${message}`),
  });
  console.log(
    `[${secs()} s] ${data.train.length} train / ${data.val.length} val images on ${tf.getBackend()}`,
  );
  // an earlier file's runs are kept for cells not recorded this time
  let runs: Record<string, RecordedRun> = {};
  try {
    runs = (JSON.parse(readFileSync(a.out as string, "utf8")) as RecordedRunsFile).runs ?? {};
  } catch {}
  const wanted = new Set((a.cells as string).split(","));
  for (const { key, def, config: configOf, scratch } of CELLS.filter((c) => wanted.has(c.key))) {
    const config = configOf((d) => valueIn({}, d));
    // the body as the worker loads it (src/model/load.ts): the scratch CNN is seeded like the cell's
    const body = scratch
      ? createScratchBackbone({ inputSize: backbone.inputSize, seed: config.seed })
      : backbone;
    // the head as the worker builds it (src/train/session.ts openSession)
    const head = buildHead(config.head, {
      inputShape: body.featureShape,
      numClasses: config.classes?.length ?? 20,
      width: config.headWidth,
      seed: config.seed,
    });
    const rec = new RunRecorder();
    const trainer = new Trainer(body, head, config, data, {
      emit: (e) => {
        rec.push(e);
        if (e.type === "epoch")
          console.log(
            `[${secs()} s] ${key} epoch ${e.epoch}: train ${e.trainLoss.toFixed(3)} val ${e.valLoss.toFixed(3)} ${JSON.stringify(e.metrics)}`,
          );
        if (e.type === "diverged" || e.type === "error") console.error(`${key}: ${e.message}`);
      },
      augment: lessonAugment,
      backend: tf.getBackend(),
    });
    await trainer.ensureCache();
    const t1 = Date.now();
    await trainer.play();
    runs[key] = {
      cell: def.id,
      config,
      backend: tf.getBackend(),
      trainImages: data.train.length,
      valImages: data.val.length,
      epochs: trainer.progress.epoch,
      steps: trainer.progress.step,
      seconds: Math.round((Date.now() - t1) / 1000),
      batches: rec.batches,
      history: rec.history,
    };
    trainer.dispose();
    head.dispose();
    if (body !== backbone) body.dispose();
  }
  const file: RecordedRunsFile = {
    format: RUNS_FORMAT,
    version: RUNS_VERSION,
    made: "npm run record:runs (scripts/record-runs.ts): each training cell's default settings, trained in Node by the app's training engine (src/train) with the cell's own TrainConfig, on the tfjs backend named in each run",
    recordedAt: new Date().toISOString(),
    data: `${ds.name}: ${data.train.length} training / ${data.val.length} validation images`,
    runs,
  };
  const text = `${JSON.stringify(file)}\n`;
  writeFileSync(a.out as string, text);
  console.log(`wrote ${a.out} (${(text.length / 1024).toFixed(1)} KB) after ${secs()} s`);
  backbone.dispose();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
