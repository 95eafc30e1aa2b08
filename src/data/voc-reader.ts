// Read a VOCdevkit (Annotations/*.xml, JPEGImages/, ImageSets/Main/*.txt) or the lesson's COCO-style json
// (pascal_*.json + JPEGImages/) from any set of virtual files: a folder, a zip, a tar or a hosted pack.

import { errorText } from "../errors";
import { defaultDecoder, type ImageDecoder, looksLikeImage } from "./decode";
import { checkObject, checkSize, type RawObject, vocBoxToLesson } from "./objects";
import { isPascalJson, type JsonImage, readPascalJson } from "./pascal-json";
import { LoadReport } from "./report";
import { type Dataset, type RgbaImage, VOC_CLASSES, type VocImage, type VocObject } from "./types";
import type { VirtualFile, VirtualFiles } from "./vfs";
import { parseVocXml } from "./voc-xml";

export interface ReadOptions {
  decoder?: ImageDecoder;
  /** called as the work goes on: stage "index" counts an archive's bytes, "annotations" the files read */
  onProgress?: (done: number, total: number, stage: "index" | "annotations") => void;
}

/**
 * Text files are refused past these sizes before they are read: a VOC annotation is 0.5-3 KB, the lesson's
 * pascal_train2007.json 3 MB, an ImageSets list under 1 MB; parsing takes tens of times the text in memory,
 * so a 200 MB "annotation" would take the tab down.
 */
export const MAX_XML_BYTES = 1024 * 1024;
export const MAX_JSON_BYTES = 32 * 1024 * 1024;
export const MAX_LIST_BYTES = 8 * 1024 * 1024;
const SPLIT_NAMES = ["train", "val", "trainval", "test"];
const XML_RE = /(^|\/)Annotations\/[^/]+\.xml$/i;
const JPEG_DIR_RE = /(^|\/)JPEGImages\/([^/]+)$/i;
const IMAGE_RE = /\.(jpe?g|png)$/i;
/** Loose files (picked together, no folder) have no Annotations/ or JPEGImages/: any .xml is an annotation. */
const isAnnotation = (path: string, loose: boolean) =>
  XML_RE.test(path) || (loose && /\.xml$/i.test(path) && !path.includes("/"));
const baseName = (p: string) => p.replace(/^.*\//, "");

const stem = (p: string) => p.replace(/^.*\//, "").replace(/\.[^.]*$/, "");
const rootOf = (annotationPath: string) => annotationPath.replace(/Annotations\/[^/]+$/i, "");
const yearOf = (root: string) => root.replace(/\/$/, "").replace(/^.*\//, "") || "root";

/** Run fn over items, `limit` at a time, keeping order. */
async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (t: T, i: number) => Promise<R>,
): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

const mb = (n: number) => `${(n / (1024 * 1024)).toFixed(n < 1024 * 1024 ? 2 : 0)} MB`;

/** Read a text file whole, unless it is larger than `limit` (checked on its declared size, before reading). */
async function readText(f: VirtualFile, limit: number, what: string): Promise<string> {
  if (f.size > limit) {
    throw new Error(
      `${mb(f.size)} is too large for ${what} (the limit is ${mb(limit)}; real ones are far smaller): skipped`,
    );
  }
  const bytes = await f.read();
  if (bytes.length > limit) throw new Error(`more than ${mb(limit)}: too large for ${what}: skipped`);
  return new TextDecoder().decode(bytes);
}

interface Candidate {
  id: string;
  annotation: string;
  image: VirtualFile | undefined;
  expectedImage: string;
  width: number;
  height: number;
  objects: RawObject[];
}

/** Build a Dataset from virtual files; every problem goes to `dataset.report`, everything else loads. */
export async function readVoc(vfs: VirtualFiles, opts: ReadOptions = {}): Promise<Dataset> {
  const report = new LoadReport();
  const byPath = new Map(vfs.files.map((f) => [f.path, f]));
  const loose = vfs.kind === "files";
  // an image by its file name: one in a JPEGImages/ folder first, else (loose files) one anywhere
  const jpegByName = new Map<string, VirtualFile>();
  for (const f of vfs.files) {
    const m = JPEG_DIR_RE.exec(f.path);
    if (m && !jpegByName.has(m[2])) jpegByName.set(m[2], f);
  }
  for (const f of vfs.files) {
    if (IMAGE_RE.test(f.path) && !jpegByName.has(baseName(f.path))) jpegByName.set(baseName(f.path), f);
  }
  const jsonUsed: string[] = [];
  const splits: Record<string, string[]> = {};
  const candidates: Candidate[] = [];

  // The lesson's json annotations, when present, are what it trains on.
  const jsonFiles = vfs.files
    .filter((f) => /\.json$/i.test(f.path))
    .sort((a, b) => a.path.localeCompare(b.path));
  for (const f of jsonFiles) {
    let doc: unknown;
    const lesson = /pascal_[^/]*\.json$/i.test(f.path);
    let text: string;
    try {
      text = await readText(f, MAX_JSON_BYTES, "a json annotation file");
    } catch (e) {
      report.add(lesson ? "error" : "warning", f.path, errorText(e));
      continue;
    }
    try {
      doc = JSON.parse(text);
    } catch (e) {
      if (lesson) report.error(f.path, `not readable json: ${errorText(e)}`);
      continue;
    }
    if (!isPascalJson(doc)) {
      if (/pascal_[^/]*\.json$/i.test(f.path))
        report.error(f.path, "not a Pascal VOC json (no images/annotations/categories)");
      continue;
    }
    let images: JsonImage[];
    try {
      images = readPascalJson(doc, f.path, report);
    } catch (e) {
      report.error(f.path, errorText(e));
      continue;
    }
    jsonUsed.push(baseName(f.path));
    splits[stem(f.path).replace(/^pascal_/, "")] = images.map((i) => i.id);
    for (const im of images) {
      candidates.push({
        id: im.id,
        annotation: f.path,
        image: jpegByName.get(im.fileName),
        expectedImage: `JPEGImages/${im.fileName}`,
        width: im.width,
        height: im.height,
        objects: im.objects,
      });
    }
  }

  const xmlFiles = vfs.files
    .filter((f) => isAnnotation(f.path, loose))
    .sort((a, b) => a.path.localeCompare(b.path));
  if (candidates.length > 0 && xmlFiles.length > 0) {
    report.warn(
      vfs.name,
      `${xmlFiles.length} XML annotations not used: the lesson's json annotations are loaded instead`,
    );
  } else if (xmlFiles.length > 0) {
    let done = 0;
    const parsedReports = xmlFiles.map(() => new LoadReport());
    const parsed = await mapLimit(xmlFiles, 16, async (f, i) => {
      try {
        const xml = parseVocXml(await readText(f, MAX_XML_BYTES, "a VOC annotation"));
        opts.onProgress?.(++done, xmlFiles.length, "annotations");
        const root = rootOf(f.path);
        const named = xml.filename ? byPath.get(`${root}JPEGImages/${xml.filename}`) : undefined;
        const fallback = `${root}JPEGImages/${stem(f.path)}.jpg`;
        const c: Candidate = {
          id: stem(f.path),
          annotation: f.path,
          image:
            named ??
            byPath.get(fallback) ??
            (loose ? jpegByName.get(xml.filename || `${stem(f.path)}.jpg`) : undefined),
          expectedImage: xml.filename ? `${root}JPEGImages/${xml.filename}` : fallback,
          width: xml.width,
          height: xml.height,
          objects: xml.objects.map((o) => ({
            name: o.name,
            box: vocBoxToLesson(o.box),
            difficult: o.difficult === 1,
            truncated: o.truncated === 1,
          })),
        };
        return c;
      } catch (e) {
        parsedReports[i].error(f.path, errorText(e));
        return null;
      }
    });
    for (const r of parsedReports) report.addAll(r.messages); // in file order, whatever finished first
    const seen = new Set<string>();
    for (const c of parsed) {
      if (!c) continue;
      if (seen.has(c.id)) c.id = `${yearOf(rootOf(c.annotation))}/${c.id}`;
      seen.add(c.id);
      candidates.push(c);
    }
    await readImageSets(vfs, xmlFiles, candidates, splits, report);
  }

  if (candidates.length === 0 && !report.errors.length) {
    report.error(
      vfs.name,
      `not a Pascal VOC dataset: found no Annotations/*.xml and no pascal_*.json among ${vfs.files.length} files`,
    );
  }

  const checkReports = candidates.map(() => new LoadReport());
  const checked = await mapLimit(candidates, 16, (c, i) =>
    checkCandidate(c, vfs.kind !== "zip", checkReports[i]),
  );
  for (const r of checkReports) report.addAll(r.messages); // in candidate order
  const images = checked.filter((i): i is VocImage => i !== null);
  const rawOf = new Map<VocImage, Candidate>();
  checked.forEach((im, i) => {
    if (im) rawOf.set(im, candidates[i]);
  });
  const present = new Set(images.map((i) => i.id));
  for (const k of Object.keys(splits)) splits[k] = splits[k].filter((id) => present.has(id));
  return makeDataset(
    {
      name: vfs.name,
      source: vfs.kind,
      format: formatOf(vfs.kind, jsonUsed, candidates.length > 0),
      synthetic: false,
      images,
      splits,
      report: report.messages,
    },
    (file) => {
      const f = byPath.get(file);
      if (!f) throw new Error(`${file}: not in ${vfs.name}`);
      return f.read();
    },
    opts.decoder,
    (image, width, height, r) => {
      const c = rawOf.get(image);
      if (!c) return clipToImage(image, width, height, r);
      const where = c.annotation.endsWith(".json") ? `${c.annotation} (${c.id})` : c.annotation;
      return c.objects
        .map((o, i) => checkObject(o, width, height, where, `object ${i + 1}`, r))
        .filter((o): o is VocObject => o !== null);
    },
  );
}

const CONTAINER: Record<string, [string, string]> = {
  // [VOC XML wording, suffix after "COCO json (…)"]
  folder: ["VOCdevkit folder", ""],
  files: ["VOC XML files", " + loose images"],
  zip: ["VOCdevkit .zip", " in a .zip"],
  tar: ["VOCdevkit .tar", " in a .tar"],
};

/**
 * What the user's files were, for the data cell's label: "COCO json (pascal_train2007.json)" when the
 * lesson's json annotations were read, else "VOCdevkit folder" / ".zip" / ".tar" or "VOC XML files".
 */
export function formatOf(kind: string, jsonFiles: readonly string[], found = true): string {
  const [xml, suffix] = CONTAINER[kind] ?? [`VOC ${kind}`, ` in ${kind}`];
  if (jsonFiles.length > 0) return `COCO json (${jsonFiles.join(", ")})${suffix}`;
  return found ? xml : `${kind}: no annotations found`;
}

/** Check one annotation's image and objects; null (with a message) when the image cannot be used. */
async function checkCandidate(
  c: Candidate,
  cheapHeads: boolean,
  report: LoadReport,
): Promise<VocImage | null> {
  if (!c.image) {
    report.error(c.annotation, `${c.id}: its image ${c.expectedImage} is missing: skipped`);
    return null;
  }
  if (c.image.size === 0) {
    report.error(c.image.path, "empty image file (0 bytes): skipped");
    return null;
  }
  if (cheapHeads) {
    try {
      const head = c.image.head && c.image.head.length >= 4 ? c.image.head : await c.image.read(4);
      if (!looksLikeImage(head)) {
        report.error(c.image.path, "not a JPEG or PNG image (wrong start bytes): skipped");
        return null;
      }
    } catch (e) {
      report.error(c.image.path, `cannot read: ${errorText(e)}: skipped`);
      return null;
    }
  }
  const where = c.annotation.endsWith(".json") ? `${c.annotation} (${c.id})` : c.annotation;
  if (!checkSize(c.width, c.height, where, report)) return null;
  const objects = c.objects
    .map((o, i) => checkObject(o, c.width, c.height, where, `object ${i + 1}`, report))
    .filter((o): o is VocObject => o !== null);
  return { id: c.id, file: c.image.path, width: c.width, height: c.height, objects };
}

/** ImageSets/Main/{train,val,trainval,test}.txt beside each Annotations folder, as split lists of ids. */
async function readImageSets(
  vfs: VirtualFiles,
  xmlFiles: VirtualFile[],
  candidates: Candidate[],
  splits: Record<string, string[]>,
  report: LoadReport,
): Promise<void> {
  const idOf = new Map(candidates.map((c) => [c.annotation, c.id]));
  const roots = [...new Set(xmlFiles.map((f) => rootOf(f.path)))];
  const byPath = new Map(vfs.files.map((f) => [f.path, f]));
  for (const root of roots) {
    for (const split of SPLIT_NAMES) {
      const f = byPath.get(`${root}ImageSets/Main/${split}.txt`);
      if (!f) continue;
      let lines: string[];
      try {
        lines = (await readText(f, MAX_LIST_BYTES, "an ImageSets list")).split(/\r?\n/);
      } catch (e) {
        report.error(f.path, errorText(e));
        continue;
      }
      const ids = lines.map((l) => l.trim().split(/\s+/)[0]).filter((s) => s);
      const mapped = ids
        .map((id) => idOf.get(`${root}Annotations/${id}.xml`))
        .filter((s): s is string => !!s);
      splits[split] = [...(splits[split] ?? []), ...mapped];
    }
  }
}

/**
 * What to do when a decoded image's real size differs from its annotation's: the objects re-checked against
 * the real size (from the raw annotation when the reader still has it), messages going to `report`.
 */
export type Recheck = (image: VocImage, width: number, height: number, report: LoadReport) => VocObject[];

/** Without the raw annotation: the dataset's boxes clipped to the real image (dropping what falls outside). */
const clipToImage: Recheck = (image, width, height, report) =>
  image.objects
    .map((o, i) => checkObject(o, width, height, image.file, `object ${i + 1}`, report))
    .filter((o): o is VocObject => o !== null);

/**
 * Assemble a Dataset whose loadImage reads bytes with `read` and decodes them. A decode failure is added to
 * the report (once per file); so is an image whose real size is not the annotation's `<size>`: the image's
 * size wins and the boxes are checked again against it. The report is live: `subscribeReport` listeners
 * hear of every message added after loading.
 */
export function makeDataset(
  fields: Omit<Dataset, "loadImage" | "classes" | "subscribeReport"> & Partial<Pick<Dataset, "classes">>,
  read: (file: string) => Promise<Uint8Array>,
  decoder: ImageDecoder = defaultDecoder(),
  recheck: Recheck = clipToImage,
): Dataset {
  const failed = new Set<string>();
  /** messages added after loading go through the same caps as the rest */
  const late = new LoadReport(fields.report);
  const listeners = new Set<() => void>();
  const changed = () => {
    for (const l of [...listeners]) l();
  };
  return {
    classes: VOC_CLASSES,
    ...fields,
    subscribeReport(listener: () => void) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    async loadImage(image: VocImage) {
      let px: RgbaImage;
      try {
        px = await decoder(await read(image.file), image.file);
      } catch (e) {
        if (!failed.has(image.file)) {
          failed.add(image.file);
          const text = errorText(e);
          late.error(
            image.file,
            text.startsWith(`${image.file}: `) ? text.slice(image.file.length + 2) : text,
          );
          changed();
        }
        throw e;
      }
      if (px.width !== image.width || px.height !== image.height) {
        const said = `${image.width}x${image.height}`;
        const r = new LoadReport();
        r.warn(
          image.file,
          `its annotation says the image is ${said} but it is ${px.width}x${px.height}: using the real size, boxes checked again`,
        );
        image.objects = recheck(image, px.width, px.height, r);
        image.width = px.width;
        image.height = px.height;
        late.addAll(r.messages);
        changed();
      }
      return px;
    },
  };
}
