// `npm run data:builtin [-- --seed 42 --train 600 --val 150 --out public/data/builtin]`: the built-in,
// synthetic, VOC-format pack the app shows on first start. Deterministic: the same seed gives the same bytes.
import { parseArgs } from "node:util";
import jpeg from "jpeg-js";
import { PACK_FORMAT, type PackImage, type PackManifest } from "../src/data/pack";
import { CREDIT, SYNTH_ART_FILE } from "../src/data/synth/art";
import { drawScene, type Painter } from "../src/data/synth/render";
import { layoutScene } from "../src/data/synth/scene";
import { VOC_CLASSES } from "../src/data/types";
import { nodePainter, notoBodies } from "./gen/noto";
import { type PackFile, vocXml, writePack } from "./gen/write-pack";

export const BUILTIN_SEED = 42;
export const DATABASE = "SSD Notebook synthetic VOC-format sample";
export const DESCRIPTION =
  "Synthetic sample in Pascal VOC format: emoji pictures of the 20 VOC classes drawn on generated backgrounds, " +
  "with exact boxes — not photographs. To use the real Pascal VOC 2007, pick or drop VOCtrainval_06-Nov-2007.tar " +
  "(or a VOCdevkit folder or .zip) on the data cell, or host a real sample pack built with `npm run data:voc`.";

const JPEG_QUALITY = 82;

let painter: Painter | null = null;
const defaultPainter = () => {
  painter ??= nodePainter();
  return painter;
};

/** Scene `index` as a pack image with its JPEG and annotation XML. */
export function makeSample(seed: number, index: number, painter: Painter = defaultPainter()): PackFile {
  const id = String(index + 1).padStart(6, "0");
  const scene = drawScene(layoutScene(seed, index), painter);
  const objects = scene.objects.map(({ cls: _cls, ...o }) => o);
  const image: PackImage = {
    id,
    file: `JPEGImages/${id}.jpg`,
    annotation: `Annotations/${id}.xml`,
    width: scene.width,
    height: scene.height,
    objects,
  };
  const enc = jpeg.encode({ width: scene.width, height: scene.height, data: scene.rgba }, JPEG_QUALITY);
  return {
    image,
    jpeg: new Uint8Array(enc.data),
    xml: vocXml("builtin", `${id}.jpg`, scene.width, scene.height, objects, DATABASE),
  };
}

export function builtinManifest(files: readonly PackFile[], nTrain: number): PackManifest {
  const ids = files.map((f) => f.image.id);
  return {
    format: PACK_FORMAT,
    version: 1,
    name: "Built-in synthetic VOC sample",
    synthetic: true,
    description: DESCRIPTION,
    credit: CREDIT,
    classes: [...VOC_CLASSES],
    splits: { train: ids.slice(0, nTrain), val: ids.slice(nTrain), trainval: ids },
    images: files.map((f) => f.image),
  };
}

function main() {
  const { values } = parseArgs({
    options: {
      seed: { type: "string", default: String(BUILTIN_SEED) },
      train: { type: "string", default: "600" },
      val: { type: "string", default: "150" },
      out: { type: "string", default: "public/data/builtin" },
    },
  });
  const seed = Number(values.seed);
  const nTrain = Number(values.train);
  const n = nTrain + Number(values.val);
  const t0 = performance.now();
  const files: PackFile[] = [];
  for (let i = 0; i < n; i++) {
    files.push(makeSample(seed, i));
    if ((i + 1) % 50 === 0) console.error(`  ${i + 1}/${n} scenes`);
  }
  const manifest = builtinManifest(files, nTrain);
  const bytes = writePack(values.out, manifest, files, {
    "CREDITS.txt": `${CREDIT}\n\n${DESCRIPTION}\n`,
    // the emoji bodies, so the training worker can draw new scenes of the same kind (src/data/synth)
    [SYNTH_ART_FILE]: `${JSON.stringify(notoBodies())}\n`,
  });
  const objects = files.reduce((s, f) => s + f.image.objects.length, 0);
  console.log(
    `wrote ${values.out}: ${n} images (${nTrain} train, ${n - nTrain} val), ${objects} objects, ` +
      `${(bytes / 1e6).toFixed(1)} MB, seed ${seed}, ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
}

if (process.argv[1]?.endsWith("gen-builtin.ts")) main();
