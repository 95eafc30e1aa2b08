// Everything a training session needs, set up from a WorkerInit: backend, data, backbone, head, engine.
// Used by the worker (and by tests in a page, without a worker).
import * as tf from "@tensorflow/tfjs-core";
import { initBackend } from "../compute/backend";
import { TRAIN_ORDER } from "../compute/backends";
import { loadBuiltin, loadPack, packUrl } from "../data/pack";
import { SYNTH_ART_FILE } from "../data/synth";
import type { Backbone } from "../model/backbone";
import { buildHead, type Head } from "../model/heads";
import { loadBackbone } from "../model/load";
import { modelSummary, type SummaryRow } from "../model/summary";
import { lessonAugment } from "./augment";
import { type CheckpointStore, idbStore } from "./checkpoint";
import { prepareSplit } from "./dataset";
import { drawScenes as drawOnCores } from "./draw";
import { Trainer } from "./engine";
import { type Prepared, prepare } from "./examples";
import type { TrainEvent, WorkerInit } from "./protocol";

export interface SessionInfo {
  backend: string;
  backbone: string;
  featureShape: [number, number, number];
  cache: boolean;
  summary: SummaryRow[];
  trainImages: number;
  /** of the training images, how many are newly drawn scenes (DataSpec.synth) */
  synthImages: number;
  valImages: number;
  /** the steps the run will take (epochs × steps per epoch, capped by ?steps=N) */
  plannedSteps: number;
  resumed: { epoch: number; step: number } | null;
  credit?: string;
}

export interface Session {
  trainer: Trainer;
  backbone: Backbone;
  head: Head;
  info: SessionInfo;
  dispose(): void;
}

/** Start a session: pick the backend, load data and backbone, build the head, resume a saved checkpoint if asked. */
export async function openSession(
  init: WorkerInit,
  base: string,
  emit: (e: TrainEvent) => void,
  store: CheckpointStore | null = idbStore,
): Promise<Session> {
  const backend = await initBackend(null, init.backends ?? TRAIN_ORDER);
  const failed = backend.attempts.filter((a) => !a.ok);
  emit({ type: "backend", name: backend.name, from: failed[0]?.name, reason: failed[0]?.error });
  const backbone = await loadBackbone(init.backbone, base);
  const size = backbone.inputSize;
  const data = await loadData(init, base, size, emit);
  const head = buildHead(init.config.head, {
    inputShape: backbone.featureShape,
    numClasses: init.config.classes?.length ?? 20,
    width: init.config.headWidth,
    dropScale: init.config.headDropScale,
    seed: init.config.seed,
  });
  const trainer = new Trainer(backbone, head, init.config, data, {
    emit,
    store,
    backend: tf.getBackend(),
    augment: lessonAugment,
  });
  let resumed: SessionInfo["resumed"] = null;
  if (init.resumeKey && store) {
    const ckpt = await store.get(init.resumeKey);
    if (ckpt) {
      await trainer.loadCheckpoint(ckpt);
      resumed = { epoch: trainer.progress.epoch, step: trainer.progress.step };
    }
  }
  const info: SessionInfo = {
    backend: tf.getBackend(),
    backbone: backbone.name,
    featureShape: backbone.featureShape,
    cache: trainer.cacheOn,
    summary: modelSummary({ backbone, head }),
    trainImages: data.train.length,
    synthImages: data.train.filter((p) => p.id.startsWith("synth-")).length,
    valImages: data.val.length,
    plannedSteps: trainer.plannedSteps,
    resumed,
    credit: backbone.credit,
  };
  return {
    trainer,
    backbone,
    head,
    info,
    dispose: () => {
      trainer.dispose();
      head.dispose();
      backbone.dispose();
    },
  };
}

async function loadData(init: WorkerInit, base: string, size: number, emit: (e: TrainEvent) => void) {
  const spec = init.data;
  if (spec.kind === "examples") {
    const all = (xs: typeof spec.train) => Promise.all(xs.map((e) => prepare(e, size)));
    return { train: await all(spec.train), val: await all(spec.val) };
  }
  const ds = spec.url
    ? await loadPack(new URL(spec.url, base).href)
    : spec.source === "builtin"
      ? await loadBuiltin({ base })
      : await loadPack(packUrl(spec.source, base));
  const data = await prepareSplit(ds, size, {
    limit: spec.limit,
    valLimit: spec.valLimit,
    onError: (file, message) => emit({ type: "error", message: `${file}: ${message}`, code: "data" }),
  });
  const synth = spec.source === "builtin" && !spec.url ? (spec.synth ?? 0) : 0;
  if (synth > 0) data.train.push(...(await drawScenes(synth, init.config.seed ?? 42, base, size, emit)));
  return data;
}

/** Draw `count` new scenes of the built-in pack's kind (resvg-wasm, on every core: ./draw.ts) and prepare them. */
async function drawScenes(
  count: number,
  seed: number,
  base: string,
  size: number,
  emit: (e: TrainEvent) => void,
): Promise<Prepared[]> {
  const artUrl = new URL(SYNTH_ART_FILE, packUrl("builtin", base)).href;
  // drawn straight at the model's size: preparing them only drops the alpha
  return drawOnCores(count, seed, artUrl, size, (done) => emit({ type: "draw", done, total: count }));
}
