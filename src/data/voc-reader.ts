// Read a VOCdevkit (Annotations/*.xml, JPEGImages/, ImageSets/Main/*.txt) or the lesson's COCO-style json
// (pascal_*.json + JPEGImages/) from any set of virtual files: a folder, a zip, a tar or a hosted pack.
import { defaultDecoder, type ImageDecoder, looksLikeImage } from "./decode";
import { checkObject, checkSize, type RawObject, vocBoxToLesson } from "./objects";
import { isPascalJson, type JsonImage, readPascalJson } from "./pascal-json";
import { errorText, LoadReport } from "./report";
import { type Dataset, VOC_CLASSES, type VocImage, type VocObject } from "./types";
import type { VirtualFile, VirtualFiles } from "./vfs";
import { parseVocXml } from "./voc-xml";

export interface ReadOptions {
  decoder?: ImageDecoder;
  /** called as the work goes on: stage "index" counts an archive's bytes, "annotations" the files read */
  onProgress?: (done: number, total: number, stage: "index" | "annotations") => void;
}

const MAX_TEXT_BYTES = 256 * 1024 * 1024;
const SPLIT_NAMES = ["train", "val", "trainval", "test"];
const XML_RE = /(^|\/)Annotations\/[^/]+\.xml$/i;
const JPEG_DIR_RE = /(^|\/)JPEGImages\/([^/]+)$/i;

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

async function readText(f: VirtualFile): Promise<string> {
  if (f.size > MAX_TEXT_BYTES) throw new Error(`${f.size} bytes is too large for an annotation file`);
  return new TextDecoder().decode(await f.read());
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
  const jpegByName = new Map<string, VirtualFile>();
  for (const f of vfs.files) {
    const m = JPEG_DIR_RE.exec(f.path);
    if (m && !jpegByName.has(m[2])) jpegByName.set(m[2], f);
  }
  const splits: Record<string, string[]> = {};
  const candidates: Candidate[] = [];

  // The lesson's json annotations, when present, are what it trains on.
  const jsonFiles = vfs.files
    .filter((f) => /\.json$/i.test(f.path))
    .sort((a, b) => a.path.localeCompare(b.path));
  for (const f of jsonFiles) {
    let doc: unknown;
    try {
      doc = JSON.parse(await readText(f));
    } catch (e) {
      if (/pascal_[^/]*\.json$/i.test(f.path)) report.error(f.path, `not readable json: ${errorText(e)}`);
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

  const xmlFiles = vfs.files.filter((f) => XML_RE.test(f.path)).sort((a, b) => a.path.localeCompare(b.path));
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
        const xml = parseVocXml(await readText(f));
        opts.onProgress?.(++done, xmlFiles.length, "annotations");
        const root = rootOf(f.path);
        const named = xml.filename ? byPath.get(`${root}JPEGImages/${xml.filename}`) : undefined;
        const fallback = `${root}JPEGImages/${stem(f.path)}.jpg`;
        const c: Candidate = {
          id: stem(f.path),
          annotation: f.path,
          image: named ?? byPath.get(fallback),
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
    for (const r of parsedReports) report.messages.push(...r.messages); // in file order, whatever finished first
    const seen = new Set<string>();
    for (const c of parsed) {
      if (!c) continue;
      if (seen.has(c.id)) c.id = `${yearOf(rootOf(c.annotation))}/${c.id}`;
      seen.add(c.id);
      candidates.push(c);
    }
    await readImageSets(vfs, xmlFiles, candidates, splits);
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
  for (const r of checkReports) report.messages.push(...r.messages); // in candidate order
  const images = checked.filter((i): i is VocImage => i !== null);
  const present = new Set(images.map((i) => i.id));
  for (const k of Object.keys(splits)) splits[k] = splits[k].filter((id) => present.has(id));
  return makeDataset(
    { name: vfs.name, source: vfs.kind, synthetic: false, images, splits, report: report.messages },
    (file) => {
      const f = byPath.get(file);
      if (!f) throw new Error(`${file}: not in ${vfs.name}`);
      return f.read();
    },
    opts.decoder,
  );
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
): Promise<void> {
  const idOf = new Map(candidates.map((c) => [c.annotation, c.id]));
  const roots = [...new Set(xmlFiles.map((f) => rootOf(f.path)))];
  const byPath = new Map(vfs.files.map((f) => [f.path, f]));
  for (const root of roots) {
    for (const split of SPLIT_NAMES) {
      const f = byPath.get(`${root}ImageSets/Main/${split}.txt`);
      if (!f) continue;
      const lines = (await readText(f)).split(/\r?\n/);
      const ids = lines.map((l) => l.trim().split(/\s+/)[0]).filter((s) => s);
      const mapped = ids
        .map((id) => idOf.get(`${root}Annotations/${id}.xml`))
        .filter((s): s is string => !!s);
      splits[split] = [...(splits[split] ?? []), ...mapped];
    }
  }
}

/** Assemble a Dataset whose loadImage reads bytes with `read` and decodes them; a failure is also reported. */
export function makeDataset(
  fields: Omit<Dataset, "loadImage" | "classes"> & Partial<Pick<Dataset, "classes">>,
  read: (file: string) => Promise<Uint8Array>,
  decoder: ImageDecoder = defaultDecoder(),
): Dataset {
  const failed = new Set<string>();
  return {
    classes: VOC_CLASSES,
    ...fields,
    async loadImage(image: VocImage) {
      try {
        return await decoder(await read(image.file), image.file);
      } catch (e) {
        if (!failed.has(image.file)) {
          failed.add(image.file);
          const text = errorText(e);
          fields.report.push({
            file: image.file,
            severity: "error",
            message: text.startsWith(image.file) ? text.slice(image.file.length + 2) : text,
          });
        }
        throw e;
      }
    },
  };
}
