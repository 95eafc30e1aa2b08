// `npm run data:voc -- --from <VOC tar | zip | extracted VOCdevkit | URL> [--count N] [--out public/data/voc2007]`
// builds a sample pack for hosting from real Pascal VOC, reading it through the same code path as the browser
// (src/data). A URL is downloaded first (streamed to a temporary file); the default is the dataset's public mirror.
import { createWriteStream, mkdtempSync, openAsBlob, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import { parseArgs } from "node:util";
import { openFiles } from "../src/data/load";
import { PACK_FORMAT, type PackManifest, packObject } from "../src/data/pack";
import { formatReport, LoadReport } from "../src/data/report";
import { lessonSplit, permutation } from "../src/data/split";
import { VOC_CLASSES } from "../src/data/types";
import type { PathedFile } from "../src/data/vfs";
import { readVoc } from "../src/data/voc-reader";
import { type PackFile, vocXml, writePack } from "./gen/write-pack";

export const DEFAULT_URL = "http://pjreddie.com/media/files/VOCtrainval_06-Nov-2007.tar";

export interface BuildOptions {
  from: string;
  count: number;
  out: string;
  seed?: number;
  log?: (line: string) => void;
}
export interface BuildResult {
  images: number;
  objects: number;
  bytes: number;
  splits: Record<string, number>;
  problems: number;
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

async function download(
  url: string,
  log: (s: string) => void,
): Promise<{ file: string; cleanup: () => void }> {
  const dir = mkdtempSync(join(tmpdir(), "voc-"));
  const file = join(dir, decodeURIComponent(new URL(url).pathname.split("/").pop() || "download.tar"));
  log(`downloading ${url} -> ${file}`);
  const res = await fetch(url);
  if (!res.ok || !res.body) throw new Error(`${url}: HTTP ${res.status} ${res.statusText}`);
  await pipeline(Readable.fromWeb(res.body as NodeReadableStream), createWriteStream(file));
  log(`downloaded ${(statSync(file).size / 1e6).toFixed(1)} MB`);
  return { file, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Read `from` (tar, zip, VOCdevkit folder or URL), pick `count` images (seeded), write a pack to `out`. */
export async function buildPack(opts: BuildOptions): Promise<BuildResult> {
  const log = opts.log ?? ((s: string) => console.error(s));
  let from = opts.from;
  let cleanup = () => {};
  if (/^https?:\/\//i.test(from)) ({ file: from, cleanup } = await download(from, log));
  try {
    const path = resolve(from);
    const inputs: PathedFile[] = statSync(path).isDirectory()
      ? await Promise.all(
          walk(path).map(async (p) => ({
            path: relative(path, p).split("\\").join("/"),
            file: await openAsBlob(p),
          })),
        )
      : [{ path: path.split(/[\\/]/).pop() ?? path, file: await openAsBlob(path) }];
    log(`reading ${from} (${inputs.length} file${inputs.length === 1 ? "" : "s"})`);
    const opened = new LoadReport();
    const vfs = await openFiles(inputs, opened);
    if (!vfs) throw new Error(`${from}: ${formatReport(opened.messages) || "nothing to read"}`);
    const ds = await readVoc(vfs);
    ds.report.unshift(...opened.messages);
    const byPath = new Map(vfs.files.map((f) => [f.path, f]));
    if (ds.report.length)
      log(
        formatReport(ds.report.slice(0, 20)) +
          (ds.report.length > 20 ? `\n... ${ds.report.length - 20} more` : ""),
      );
    if (ds.images.length === 0) throw new Error(`${from}: no usable VOC images found`);
    const order = permutation(ds.images.length, opts.seed ?? 42).slice(
      0,
      Math.min(opts.count, ds.images.length),
    );
    const chosen = order.sort((a, b) => a - b).map((i) => ds.images[i]);
    const ids = new Set(chosen.map((i) => i.id));
    const splits: Record<string, string[]> = {};
    for (const k of ["train", "val", "trainval", "test"]) {
      const s = (ds.splits[k] ?? []).filter((id) => ids.has(id));
      if (s.length) splits[k] = s;
    }
    if (!splits.train || !splits.val) Object.assign(splits, lessonSplit(chosen.map((i) => i.id)));
    const files: PackFile[] = [];
    for (const im of chosen) {
      const raw = await byPath.get(im.file)!.read(); // the original JPEG bytes, unchanged
      const safe = im.id.replace(/[^\w.-]/g, "_");
      const objects = im.objects.map(packObject);
      files.push({
        image: {
          id: im.id,
          file: `JPEGImages/${safe}.jpg`,
          annotation: `Annotations/${safe}.xml`,
          width: im.width,
          height: im.height,
          objects,
        },
        jpeg: raw,
        xml: vocXml(
          "VOC",
          `${safe}.jpg`,
          im.width,
          im.height,
          objects,
          `Pascal VOC (from ${from.split(/[\\/]/).pop()})`,
        ),
      });
    }
    const manifest: PackManifest = {
      format: PACK_FORMAT,
      version: 1,
      name: `Pascal VOC sample (${files.length} images)`,
      synthetic: false,
      description: `${files.length} images of Pascal VOC with their annotations, chosen with seed ${opts.seed ?? 42}.`,
      credit:
        "Pascal VOC (http://host.robots.ox.ac.uk/pascal/VOC/); images from flickr, under the flickr terms of use.",
      classes: [...VOC_CLASSES],
      splits,
      images: files.map((f) => f.image),
    };
    const bytes = writePack(opts.out, manifest, files);
    return {
      images: files.length,
      objects: files.reduce((s, f) => s + f.image.objects.length, 0),
      bytes,
      splits: Object.fromEntries(Object.entries(splits).map(([k, v]) => [k, v.length])),
      problems: ds.report.length,
    };
  } finally {
    cleanup();
  }
}

async function main() {
  const { values } = parseArgs({
    options: {
      from: { type: "string", default: DEFAULT_URL },
      count: { type: "string", default: "500" },
      out: { type: "string", default: "public/data/voc2007" },
      seed: { type: "string", default: "42" },
    },
  });
  const r = await buildPack({
    from: values.from,
    count: Number(values.count),
    out: values.out,
    seed: Number(values.seed),
  });
  console.log(
    `wrote ${values.out}: ${r.images} images, ${r.objects} objects, ${(r.bytes / 1e6).toFixed(1)} MB; splits ${JSON.stringify(r.splits)}; ` +
      `${r.problems} load-report message(s). Load it in the app with loadPack("data/${values.out.split("/").pop()}/manifest.json").`,
  );
}

if (process.argv[1]?.endsWith("data-voc.ts")) {
  main().catch((e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exitCode = 1;
  });
}
