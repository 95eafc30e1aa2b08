// The lesson's COCO-style annotations (pascal_train2007.json): images, annotations with bbox [x, y, w, h],
// categories. Annotations with `ignore` set are skipped, as the lesson's `get_trn_anno` does.
import { hwBb } from "../ssd/boxes";
import type { RawObject } from "./objects";
import type { LoadReport } from "./report";

export interface JsonImage {
  /** the file name's stem, e.g. "000012" (json id 12) */
  id: string;
  fileName: string;
  width: number;
  height: number;
  objects: RawObject[];
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === "object" && !Array.isArray(v);

/** True when parsed json has the COCO shape (images, annotations, categories arrays). */
export function isPascalJson(doc: unknown): boolean {
  return (
    isObj(doc) && Array.isArray(doc.images) && Array.isArray(doc.annotations) && Array.isArray(doc.categories)
  );
}

/** Images in the json's order (the lesson's `trn_ids`), each with its non-ignored objects in annotation order. */
export function readPascalJson(doc: unknown, file: string, report: LoadReport): JsonImage[] {
  if (!isPascalJson(doc)) {
    throw new Error("not a Pascal VOC json: expected top-level images, annotations and categories arrays");
  }
  const d = doc as { images: unknown[]; annotations: unknown[]; categories: unknown[] };
  const cats = new Map<number, string>();
  for (const c of d.categories) if (isObj(c)) cats.set(Number(c.id), String(c.name ?? "").trim());
  const byId = new Map<number, JsonImage>();
  const images: JsonImage[] = [];
  d.images.forEach((o, i) => {
    if (!isObj(o) || typeof o.file_name !== "string" || o.id === undefined) {
      report.warn(file, `images[${i}]: has no id or file_name: skipped`);
      return;
    }
    const fileName = o.file_name;
    const img: JsonImage = {
      id: fileName.replace(/\.[^.]*$/, ""),
      fileName,
      width: Number(o.width),
      height: Number(o.height),
      objects: [],
    };
    byId.set(Number(o.id), img);
    images.push(img);
  });
  d.annotations.forEach((a, i) => {
    if (!isObj(a)) return;
    if (a.ignore) return; // the lesson: `if not o['ignore']`
    const img = byId.get(Number(a.image_id));
    if (!img) {
      report.warn(file, `annotations[${i}]: image_id ${String(a.image_id)} is not in images: skipped`);
      return;
    }
    const bbox = Array.isArray(a.bbox) ? a.bbox.map(Number) : [];
    const name = cats.get(Number(a.category_id)) ?? `category_id ${String(a.category_id)}`;
    img.objects.push({
      name,
      box: bbox.length === 4 ? hwBb(bbox) : [],
      difficult: false,
      truncated: false,
    });
  });
  return images;
}
