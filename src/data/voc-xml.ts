// Pascal VOC annotation XML (Annotations/*.xml) -> plain record, numbers as written in the file.
// One XML parser for the browser, workers and Node: fast-xml-parser.
import { XMLParser, XMLValidator } from "fast-xml-parser";

/** An object as the XML states it: box = [xmin, ymin, xmax, ymax], VOC's 1-based inclusive pixels. */
export interface VocXmlObject {
  name: string;
  pose: string;
  truncated: number;
  difficult: number;
  box: [number, number, number, number];
}
export interface VocXml {
  filename: string;
  width: number;
  height: number;
  depth: number;
  objects: VocXmlObject[];
}

const parser = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  trimValues: true,
  processEntities: true,
  isArray: (_name, jpath) => jpath === "annotation.object",
});

type Node = Record<string, unknown>;

/** The trimmed text of an element (the first one if repeated); undefined when absent. */
function text(node: unknown, key: string): string | undefined {
  if (node === null || typeof node !== "object") return undefined;
  let v = (node as Node)[key];
  if (Array.isArray(v)) v = v[0];
  if (v === undefined || v === null) return undefined;
  if (typeof v === "object") {
    const t = (v as Node)["#text"];
    return t === undefined ? "" : String(t).trim();
  }
  return String(v).trim();
}

function child(node: unknown, key: string): unknown {
  if (node === null || typeof node !== "object") return undefined;
  const v = (node as Node)[key];
  return Array.isArray(v) ? v[0] : v;
}

/** A number as written ("500", "273.5"); NaN when missing or not a number. */
function num(s: string | undefined): number {
  if (s === undefined || s === "") return Number.NaN;
  return Number(s);
}

/** Parse one VOC annotation file; throws an Error naming the problem on malformed XML or a non-VOC root. */
export function parseVocXml(xml: string): VocXml {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    const { msg, line, col } = valid.err;
    throw new Error(`malformed XML: ${msg} (line ${line}, column ${col})`);
  }
  const doc = parser.parse(xml) as Node;
  if (!("annotation" in doc)) {
    const first = Object.keys(doc).find((k) => !k.startsWith("?"));
    throw new Error(`not a VOC annotation: the root element is <${first ?? "none"}>, not <annotation>`);
  }
  const root = typeof doc.annotation === "object" && doc.annotation !== null ? doc.annotation : {};
  const size = child(root, "size");
  const objects = ((root as Node).object as unknown[] | undefined) ?? [];
  return {
    filename: text(root, "filename") ?? "",
    width: num(text(size, "width")),
    height: num(text(size, "height")),
    depth: num(text(size, "depth")),
    objects: objects.map((o) => {
      const bb = child(o, "bndbox"); // the object's own box, never a <part>'s
      return {
        name: text(o, "name") ?? "",
        pose: text(o, "pose") || "Unspecified",
        truncated: text(o, "truncated") ? num(text(o, "truncated")) : 0,
        difficult: text(o, "difficult") ? num(text(o, "difficult")) : 0,
        box: [num(text(bb, "xmin")), num(text(bb, "ymin")), num(text(bb, "xmax")), num(text(bb, "ymax"))],
      };
    }),
  };
}
