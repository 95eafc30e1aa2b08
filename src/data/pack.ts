// A *sample pack*: a VOCdevkit-style folder served with the app (public/data/<pack>/) plus manifest.json, which
// carries the annotations so one request loads them all. A host can ship any subset of VOC this way
// (`npm run data:voc`); the built-in synthetic pack (`npm run data:builtin`) has the same format.

import { errorText } from "../errors";
import type { ImageDecoder } from "./decode";
import { checkObject, checkSize, vocBoxToLesson } from "./objects";
import { LoadReport } from "./report";
import type { Dataset, VocImage, VocObject } from "./types";
import { makeDataset } from "./voc-reader";

export const PACK_FORMAT = "ssd-notebook-voc-pack";

/** An object as in the VOC XML: 1-based inclusive pixel box. */
export interface PackObject {
  name: string;
  xmin: number;
  ymin: number;
  xmax: number;
  ymax: number;
  difficult: 0 | 1;
  truncated: 0 | 1;
}
export interface PackImage {
  id: string;
  /** relative to the manifest, e.g. "JPEGImages/000005.jpg" */
  file: string;
  /** relative to the manifest, e.g. "Annotations/000005.xml" */
  annotation: string;
  width: number;
  height: number;
  objects: PackObject[];
}
export interface PackManifest {
  format: typeof PACK_FORMAT;
  version: 1;
  name: string;
  synthetic: boolean;
  description: string;
  credit?: string;
  classes: string[];
  splits: Record<string, string[]>;
  images: PackImage[];
}

export interface PackOptions {
  decoder?: ImageDecoder;
  /** injectable for Node (file:// URLs) and tests */
  fetch?: (url: string) => Promise<Response>;
  /** the Dataset's `source` ("pack" unless said: the built-in sample is "builtin") */
  source?: string;
}

/** The VOC XML box of a dataset object (inverse of vocBoxToLesson). */
export function packObject(o: VocObject): PackObject {
  const [r0, c0, r1, c1] = o.box;
  return {
    name: o.name,
    xmin: c0 + 1,
    ymin: r0 + 1,
    xmax: c1 + 1,
    ymax: r1 + 1,
    difficult: o.difficult ? 1 : 0,
    truncated: o.truncated ? 1 : 0,
  };
}

/** Check a manifest and turn it into images (problems go to the report, naming the manifest and the image). */
export function imagesFromManifest(m: unknown, where: string, report: LoadReport): VocImage[] {
  const man = m as Partial<PackManifest>;
  if (!man || man.format !== PACK_FORMAT || !Array.isArray(man.images)) {
    throw new Error(`not a sample pack manifest (expected "format": "${PACK_FORMAT}" and an images list)`);
  }
  const images: VocImage[] = [];
  man.images.forEach((im, i) => {
    if (!im || typeof im.id !== "string" || typeof im.file !== "string") {
      report.error(where, `images[${i}]: has no id or file: skipped`);
      return;
    }
    const at = `${where} (${im.id})`;
    if (!checkSize(im.width, im.height, at, report)) return;
    const objects = (Array.isArray(im.objects) ? im.objects : [])
      .map((o, j) =>
        checkObject(
          {
            name: String(o?.name ?? ""),
            box: vocBoxToLesson([o?.xmin, o?.ymin, o?.xmax, o?.ymax].map(Number)),
            difficult: o?.difficult === 1,
            truncated: o?.truncated === 1,
          },
          im.width,
          im.height,
          at,
          `object ${j + 1}`,
          report,
        ),
      )
      .filter((o): o is VocObject => o !== null);
    images.push({ id: im.id, file: im.file, width: im.width, height: im.height, objects });
  });
  return images;
}

/** Load a hosted sample pack from the URL of its manifest.json; images are fetched and decoded lazily. */
export async function loadPack(manifestUrl: string, opts: PackOptions = {}): Promise<Dataset> {
  const get = opts.fetch ?? ((u: string) => fetch(u));
  const report = new LoadReport();
  const res = await get(manifestUrl);
  if (!res.ok) throw new Error(`${manifestUrl}: HTTP ${res.status} ${res.statusText}`);
  let man: PackManifest;
  try {
    man = (await res.json()) as PackManifest;
  } catch (e) {
    throw new Error(`${manifestUrl}: not json (${errorText(e)})`);
  }
  let images: VocImage[];
  try {
    images = imagesFromManifest(man, "manifest.json", report);
  } catch (e) {
    throw new Error(`${manifestUrl}: ${errorText(e)}`);
  }
  const ids = new Set(images.map((i) => i.id));
  const splits = Object.fromEntries(
    Object.entries(man.splits ?? {}).map(([k, v]) => [
      k,
      (Array.isArray(v) ? v : []).filter((id) => ids.has(id)),
    ]),
  );
  return makeDataset(
    {
      name: man.name,
      source: opts.source ?? "pack",
      synthetic: !!man.synthetic,
      description: man.description,
      credit: man.credit,
      images,
      splits,
      report: report.messages,
    },
    async (file) => {
      const url = new URL(file, manifestUrl).href;
      const r = await get(url);
      if (!r.ok) throw new Error(`${file}: HTTP ${r.status} ${r.statusText}`);
      return new Uint8Array(await r.arrayBuffer());
    },
    opts.decoder,
  );
}

/** Where the app serves its packs: `data/<name>/manifest.json` beside the page (vite base "./"). */
export function packUrl(name: string, base?: string): string {
  const where =
    base ?? (globalThis as { document?: Document }).document?.baseURI ?? globalThis.location?.href;
  if (!where)
    throw new Error("packUrl: no base URL here; pass one (e.g. from the page when loading in a worker)");
  return new URL(`data/${name}/manifest.json`, where).href;
}

/** The built-in synthetic VOC-format pack the app shows on first start (no download). */
export function loadBuiltin(opts: PackOptions & { base?: string } = {}): Promise<Dataset> {
  return loadPack(packUrl("builtin", opts.base), { source: "builtin", ...opts });
}
