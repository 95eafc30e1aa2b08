// `npm run evaluate -- [--checkpoint FILE] [--data builtin | PACK | VOCdevkit folder] [--limit N] [--backend wasm|cpu]`:
// the evaluate cell's own code in Node. Loads the frozen backbone and an SSD checkpoint (default: the shipped
// public/models/ssd-builtin.bin), predicts every validation image (the dataset's own val list, else the lesson's
// 80/20 split), and scores the detections with the devkit's rules, as the cell does. Prints per-class AP, then
// a last line that is exactly `mAP@0.5 VOC07 X all-point Y on N images`.
import { openAsBlob, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import * as tf from "@tensorflow/tfjs-core";
import "@tensorflow/tfjs-backend-cpu";
import { nodeDecoder } from "../src/data/decode-node";
import { trainValSplit } from "../src/data/lesson";
import { loadFromFiles } from "../src/data/load";
import { loadPack } from "../src/data/pack";
import type { Dataset } from "../src/data/types";
import type { PathedFile } from "../src/data/vfs";
import {
  headFromCheckpoint,
  type InferenceModel,
  predictRaw,
  type RawPrediction,
} from "../src/lessons/common/model";
import { devkitIou, devkitLists, mapBoth, toVocBox } from "../src/lessons/evaluate/scoring";
import { detectionsFrom } from "../src/model/predict";
import { anchorTensors } from "../src/ssd/anchors";
import { checkpointFromBytes } from "../src/train/checkpoint";
import { loadBuiltinNode, loadCenternetNode, startBackend } from "./models-node";

const USAGE = `usage: npm run evaluate -- [--checkpoint FILE] [--data builtin | PACK | VOCdevkit folder] [--limit N] [--backend wasm|cpu]
  --checkpoint  an SSD checkpoint (.bin / .ckpt); default public/models/ssd-builtin.bin (the shipped weights)
  --data        builtin (default), a pack folder (with manifest.json), or a VOCdevkit folder
  --limit       score only the first N validation images
  --backend     wasm (default, fast) or cpu`;

/** A pack folder (manifest.json) or any folder the data cell accepts, read from disk. */
async function loadData(where: string): Promise<Dataset> {
  if (where === "builtin") return loadBuiltinNode();
  const dir = resolve(where);
  if (statSync(join(dir, "manifest.json"), { throwIfNoEntry: false })?.isFile()) {
    return loadPack(pathToFileURL(join(dir, "manifest.json")).href, {
      decoder: nodeDecoder,
      fetch: async (u) => new Response(readFileSync(new URL(u))),
    });
  }
  const files: PathedFile[] = [];
  const walk = async (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) await walk(p);
      else if (e.isFile()) files.push({ file: await openAsBlob(p), path: relative(join(dir, ".."), p) });
    }
  };
  await walk(dir);
  return loadFromFiles(files, { decoder: nodeDecoder });
}

async function main() {
  const { values: a } = parseArgs({
    options: {
      checkpoint: { type: "string", default: "public/models/ssd-builtin.bin" },
      data: { type: "string", default: "builtin" },
      limit: { type: "string" },
      backend: { type: "string", default: "wasm" },
      help: { type: "boolean", default: false },
    },
  });
  if (a.help) {
    console.log(USAGE);
    return;
  }
  await startBackend(a.backend as string);
  const t0 = Date.now();
  const backbone = await loadCenternetNode();
  const ckpt = checkpointFromBytes(
    new Uint8Array(readFileSync(a.checkpoint as string)),
    a.checkpoint as string,
  );
  const head = await headFromCheckpoint(ckpt, backbone);
  if (!head.anchors) throw new Error(`${a.checkpoint}: head "${head.kind}" has no anchors`);
  const model: InferenceModel = {
    id: "evaluate",
    backbone,
    head,
    anchors: anchorTensors(head.anchors),
    source: {
      kind: "shipped",
      head: head.kind,
      width: head.store.params[0]?.variable.shape[3] ?? 0,
      epoch: ckpt.header.progress.epoch,
      step: ckpt.header.progress.step,
      savedAt: ckpt.header.savedAt,
    },
  };
  const ds = await loadData(a.data as string);
  for (const m of ds.report.filter((r) => r.severity === "error")) console.error(`${m.file}: ${m.message}`);
  const all = trainValSplit(ds).val;
  const images = a.limit ? all.slice(0, Number(a.limit)) : all;
  if (images.length === 0) throw new Error(`${a.data}: no validation images`);
  const raws: RawPrediction[] = [];
  for (let i = 0; i < images.length; i += 8) {
    const batch = await Promise.all(images.slice(i, i + 8).map((im) => ds.loadImage(im)));
    raws.push(...(await predictRaw(model, batch)));
  }
  const lists = devkitLists(images, raws, ds.classes);
  const { voc07, all: allPoint } = mapBoth(lists.dets, lists.gts, ds.classes);
  console.log(
    `${ds.name}: ${images.length} validation images, checkpoint ${a.checkpoint} (${head.kind}, epoch ${ckpt.header.progress.epoch}), ${tf.getBackend()}, ${((Date.now() - t0) / 1000).toFixed(0)} s`,
  );
  // what the predict cell shows at its defaults (score ≥ 0.25, NMS 0.4): images with at least one right box
  const shown = images.slice(0, 10).map((im, i) => {
    const dets = detectionsFrom(raws[i].boxes, raws[i].scores, { thresh: 0.25, overlap: 0.4 });
    return dets.some((d) =>
      im.objects.some(
        (o) =>
          o.cls === d.cls &&
          devkitIou(
            toVocBox(d.box, im.width, im.height, true),
            toVocBox(o.box, im.width, im.height, false),
          ) >= 0.5,
      ),
    );
  });
  console.log(
    `predict cell (score ≥ 0.25, NMS 0.4): a correct box (IoU ≥ 0.5, right class) on ${shown.filter(Boolean).length} of the first ${shown.length} validation images`,
  );
  for (const c of ds.classes.filter((c) => c in voc07.ap))
    console.log(`  ${c.padEnd(12)} AP07 ${voc07.ap[c].toFixed(3)}  AP ${allPoint.ap[c].toFixed(3)}`);
  console.log(
    `mAP@0.5 VOC07 ${voc07.mAP.toFixed(3)} all-point ${allPoint.mAP.toFixed(3)} on ${images.length} images`,
  );
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  console.error(USAGE);
  process.exit(1);
});
