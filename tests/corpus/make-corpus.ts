// A corpus of hostile and broken inputs for the data layer, generated (no committed binaries): each case is a
// folder, archive or json under `dir`, with what its load report must say. tests/unit/data/corpus.test.ts
// runs every case through `npm run data:check`'s code; `npx tsx tests/corpus/make-corpus.ts DIR` writes them
// for trying by hand (`npm run data:check -- DIR/<case>`) or for dropping on the data cell.
import { mkdirSync, readFileSync, symlinkSync, truncateSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync, strToU8, zipSync } from "fflate";

const SAMPLES = fileURLToPath(new URL("../../../shared/voc-samples", import.meta.url));
const ROOT = "VOCdevkit/VOC2007";

export interface CorpusCase {
  name: string;
  /** what data:check is given, relative to the corpus folder */
  paths: string[];
  /** images that must load */
  images: number;
  /** a report message must match each of these (severity:file:message) */
  expect: RegExp[];
  /** the most report lines allowed (a flood must be grouped) */
  maxLines?: number;
}

export function xml(file: string, objects: string, size = [500, 375]): string {
  return `<annotation><folder>VOC2007</folder><filename>${file}</filename><size><width>${size[0]}</width><height>${size[1]}</height><depth>3</depth></size>${objects}</annotation>`;
}
export function obj(name: string, xmin: number, ymin: number, xmax: number, ymax: number): string {
  return `<object><name>${name}</name><truncated>0</truncated><difficult>0</difficult><bndbox><xmin>${xmin}</xmin><ymin>${ymin}</ymin><xmax>${xmax}</xmax><ymax>${ymax}</ymax></bndbox></object>`;
}
const DOG = obj("dog", 10, 20, 110, 220);

/** A real 500x375 JPEG from the shared samples. */
export function sampleJpeg(): Uint8Array {
  return new Uint8Array(readFileSync(join(SAMPLES, "VOCdevkit/VOC2007/JPEGImages/000005.jpg")));
}

/** One ustar header block (checksum filled in); `size` is written as given, so it may be nonsense. */
export function tarHeader(name: string, size: string | number, type = "0"): Uint8Array {
  const h = new Uint8Array(512);
  const put = (s: string, at: number, len: number) => h.set(strToU8(s).subarray(0, len), at);
  put(name, 0, 100);
  put("0000644\0", 100, 8);
  put("0000000\0", 108, 8);
  put("0000000\0", 116, 8);
  put(typeof size === "number" ? `${size.toString(8).padStart(11, "0")}\0` : size, 124, 12);
  put("00000000000\0", 136, 12);
  put(type, 156, 1);
  put("ustar\0", 257, 6);
  put("00", 263, 2);
  h.fill(32, 148, 156);
  const sum = h.reduce((a, b) => a + b, 0);
  put(`${sum.toString(8).padStart(6, "0")}\0 `, 148, 8);
  return h;
}

/** A tar of entries [header, body] (bodies padded to 512), ended by two zero blocks. */
export function tarOf(entries: [Uint8Array, Uint8Array][]): Uint8Array {
  const parts: Uint8Array[] = [];
  for (const [h, body] of entries) {
    parts.push(h, body, new Uint8Array((512 - (body.length % 512)) % 512));
  }
  parts.push(new Uint8Array(1024));
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** A pax record "LEN key=value\n" with LEN counting itself. */
function paxRecord(key: string, value: string): string {
  const body = ` ${key}=${value}\n`;
  let len = body.length + 1;
  while (String(len).length + body.length !== len) len++;
  return `${len}${body}`;
}

/** Write the corpus under `dir`; returns the cases. */
export function makeCorpus(dir: string): CorpusCase[] {
  const jpeg = sampleJpeg();
  const cases: CorpusCase[] = [];
  const write = (path: string, data: string | Uint8Array) => {
    const full = join(dir, path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, data);
  };
  /** a good image beside every bad thing: it must still load */
  const goodPair = (base: string) => {
    write(`${base}/${ROOT}/Annotations/good.xml`, xml("good.jpg", DOG));
    write(`${base}/${ROOT}/JPEGImages/good.jpg`, jpeg);
  };
  const add = (c: CorpusCase) => cases.push(c);

  // 1. tar walks: a negative pax size (the 3.5 KB tar that froze the tab), bad size fields, truncation
  const paxNeg = strToU8(paxRecord("size", "-1536"));
  write(
    "tar-pax-negative-size.tar",
    tarOf([
      [tarHeader("good.xml", strToU8(xml("good.jpg", DOG)).length), strToU8(xml("good.jpg", DOG))],
      [tarHeader("PaxHeaders/x", paxNeg.length, "x"), paxNeg],
      [tarHeader("a.xml", 10), strToU8("0123456789")],
      [tarHeader("b.xml", 10), strToU8("0123456789")],
    ]),
  );
  add({
    name: "tar-pax-negative-size",
    paths: ["tar-pax-negative-size.tar"],
    images: 0,
    expect: [/error:tar-pax-negative-size\.tar:a\.xml: invalid pax size "-1536"/],
    maxLines: 5,
  });
  for (const [name, size] of [
    ["tar-pax-size-exponent", "1e3"],
    ["tar-pax-size-fraction", "3.5"],
    ["tar-pax-size-huge", "99999999999999999999"],
  ] as const) {
    const rec = strToU8(paxRecord("size", size));
    write(
      `${name}.tar`,
      tarOf([
        [tarHeader("PaxHeaders/x", rec.length, "x"), rec],
        [tarHeader("a.xml", 10), strToU8("0123456789")],
      ]),
    );
    add({ name, paths: [`${name}.tar`], images: 0, expect: [/invalid pax size/], maxLines: 3 });
  }
  write("tar-size-not-octal.tar", tarOf([[tarHeader("a.xml", "-0001000\0"), strToU8("x")]]));
  add({
    name: "tar-size-not-octal",
    paths: ["tar-size-not-octal.tar"],
    images: 0,
    expect: [/invalid size field "-0001000"/],
    maxLines: 3,
  });
  const b256 = tarHeader("a.xml", 0);
  b256.set([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xfa, 0x00], 124);
  b256.fill(32, 148, 156);
  const sum = b256.reduce((a, b) => a + b, 0);
  b256.set(strToU8(`${sum.toString(8).padStart(6, "0")}\0 `), 148);
  write("tar-size-base256-negative.tar", tarOf([[b256, new Uint8Array(0)]]));
  add({
    name: "tar-size-base256-negative",
    paths: ["tar-size-base256-negative.tar"],
    images: 0,
    expect: [/a\.xml: invalid size field/],
    maxLines: 3,
  });
  write(
    "tar-size-past-end.tar",
    tarOf([[tarHeader("big.jpg", 0o77777777777), new Uint8Array(0)]]).subarray(0, 1024),
  );
  add({
    name: "tar-size-past-end",
    paths: ["tar-size-past-end.tar"],
    images: 0,
    expect: [/big\.jpg: truncated archive/],
    maxLines: 3,
  });
  const longName = tarHeader("././@LongLink", 4 * 1024 * 1024, "L");
  write("tar-long-name-huge.tar", tarOf([[longName, new Uint8Array(4 * 1024 * 1024)]]));
  add({
    name: "tar-long-name-huge",
    paths: ["tar-long-name-huge.tar"],
    images: 0,
    expect: [/long-name header of 4194304 bytes/],
    maxLines: 3,
  });

  // 2. oversized text: a 200 MB annotation and a 64 MB json (sparse files: no disk, never read)
  goodPair("huge-annotation");
  write(`huge-annotation/${ROOT}/Annotations/huge.xml`, "");
  truncateSync(join(dir, `huge-annotation/${ROOT}/Annotations/huge.xml`), 200 * 1024 * 1024);
  add({
    name: "huge-annotation",
    paths: [`huge-annotation/VOCdevkit`],
    images: 1,
    expect: [/huge\.xml:200 MB is too large for a VOC annotation \(the limit is 1 MB/],
  });
  write("huge-json/JPEGImages/000005.jpg", jpeg);
  write("huge-json/pascal_train2007.json", "");
  truncateSync(join(dir, "huge-json/pascal_train2007.json"), 64 * 1024 * 1024);
  add({
    name: "huge-json",
    paths: ["huge-json/pascal_train2007.json", "huge-json/JPEGImages"],
    images: 0,
    expect: [/pascal_train2007\.json:64 MB is too large for a json annotation file \(the limit is 32 MB/],
  });

  // 5. a zip whose stored annotation was damaged after zipping (CRC-32 no longer matches)
  const zipped = zipSync(
    {
      [`${ROOT}/Annotations/good.xml`]: strToU8(xml("good.jpg", DOG)),
      [`${ROOT}/JPEGImages/good.jpg`]: jpeg,
      [`${ROOT}/Annotations/crc.xml`]: strToU8(xml("crc.jpg", obj("dog", 10, 20, 110, 220))),
      [`${ROOT}/JPEGImages/crc.jpg`]: jpeg,
    },
    { level: 0 },
  );
  const at = findBytes(zipped, strToU8("<xmax>110</xmax>"), findBytes(zipped, strToU8("crc.jpg")));
  zipped[at + 6] = "9".charCodeAt(0); // xmax 110 -> 910: still valid XML, a wrong box
  write("zip-crc-mismatch.zip", zipped);
  add({
    name: "zip-crc-mismatch",
    paths: ["zip-crc-mismatch.zip"],
    images: 1,
    expect: [/crc\.xml:corrupt zip entry: its CRC-32 is 0x[0-9a-f]{8}, the archive says 0x[0-9a-f]{8}/],
  });

  // 6. an annotation whose <size> is not the image's
  goodPair("size-mismatch");
  write(
    `size-mismatch/${ROOT}/Annotations/wrong.xml`,
    xml("wrong.jpg", obj("cat", 600, 500, 900, 700) + DOG, [1000, 800]),
  );
  write(`size-mismatch/${ROOT}/JPEGImages/wrong.jpg`, jpeg);
  add({
    name: "size-mismatch",
    paths: ["size-mismatch/VOCdevkit"],
    images: 2,
    expect: [
      /warning:VOCdevkit\/VOC2007\/JPEGImages\/wrong\.jpg:its annotation says the image is 1000x800 but it is 500x375/,
      /wrong\.xml:object 1 \(cat\): box .* lies outside the 500x375 image/,
    ],
  });

  // 7. an image that starts like a JPEG but does not decode: reported once, without its name twice
  goodPair("decode-error");
  write(`decode-error/${ROOT}/Annotations/broken.xml`, xml("broken.jpg", DOG));
  write(`decode-error/${ROOT}/JPEGImages/broken.jpg`, jpeg.subarray(0, 300));
  add({
    name: "decode-error",
    paths: ["decode-error/VOCdevkit"],
    images: 2,
    expect: [/^error:VOCdevkit\/VOC2007\/JPEGImages\/broken\.jpg:not a readable JPEG/],
  });

  // the report is capped and grouped: 3000 annotations whose images are missing
  goodPair("flood");
  for (let i = 0; i < 3000; i++) write(`flood/${ROOT}/Annotations/m${i}.xml`, xml(`m${i}.jpg`, DOG));
  add({
    name: "flood-of-missing-images",
    paths: ["flood/VOCdevkit"],
    images: 1,
    expect: [/and 2800 more like this: m\d+: its image .* is missing/],
    maxLines: 210,
  });

  // what held before: malformed XML, XXE, billion laughs, zip bomb, traversal, HTML in names, gzip, not VOC
  goodPair("xml-attacks");
  write(`xml-attacks/${ROOT}/Annotations/malformed.xml`, "<annotation><object><name>dog</name></annotation>");
  write(
    `xml-attacks/${ROOT}/Annotations/xxe.xml`,
    `<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/passwd">]><annotation><filename>good.jpg</filename><size><width>500</width><height>375</height></size><object><name>&x;</name></object></annotation>`,
  );
  const lol = `<!ENTITY a "lollollollollollollollollollol">${Array.from({ length: 9 }, (_, i) => `<!ENTITY ${String.fromCharCode(98 + i)} "${`&${String.fromCharCode(97 + i)};`.repeat(10)}">`).join("")}`;
  write(
    `xml-attacks/${ROOT}/Annotations/laughs.xml`,
    `<?xml version="1.0"?><!DOCTYPE annotation [${lol}]><annotation><filename>good.jpg</filename><object><name>&j;</name></object></annotation>`,
  );
  write(
    `xml-attacks/${ROOT}/Annotations/html.xml`,
    xml("html.jpg", obj("&lt;img src=x onerror=alert(1)&gt;", 1, 1, 20, 20) + DOG),
  );
  write(`xml-attacks/${ROOT}/JPEGImages/html.jpg`, jpeg);
  add({
    name: "xml-attacks",
    paths: ["xml-attacks/VOCdevkit"],
    images: 2,
    expect: [/malformed\.xml:malformed XML/, /xxe\.xml:/, /laughs\.xml:/, /unknown class name "<img src=x/],
  });
  const bomb = zipSync(
    {
      [`${ROOT}/Annotations/good.xml`]: strToU8(xml("good.jpg", DOG)),
      [`${ROOT}/JPEGImages/good.jpg`]: jpeg,
      "bomb.bin": new Uint8Array(64 * 1024 * 1024),
    },
    { level: 9 },
  );
  write("zip-bomb.zip", bomb);
  add({ name: "zip-bomb", paths: ["zip-bomb.zip"], images: 1, expect: [/bomb\.bin:compression ratio/] });
  write(
    "zip-traversal.zip",
    zipSync({
      [`../../${ROOT}/Annotations/good.xml`]: strToU8(xml("good.jpg", DOG)),
      [`../../${ROOT}/JPEGImages/good.jpg`]: jpeg,
    }),
  );
  // names are only keys here (nothing is ever written to disk): "../" cannot reach anything
  add({ name: "zip-traversal", paths: ["zip-traversal.zip"], images: 1, expect: [] });
  write("gzip.tar.gz", gzipSync(strToU8("hello")));
  add({ name: "gzip", paths: ["gzip.tar.gz"], images: 0, expect: [/a gzip-compressed archive/] });
  write("not-a-zip.zip", "PK but not really a zip");
  add({ name: "not-a-zip", paths: ["not-a-zip.zip"], images: 0, expect: [/not a readable archive/] });
  write("not-voc/readme.txt", "hello");
  add({ name: "not-voc", paths: ["not-voc"], images: 0, expect: [/not a Pascal VOC dataset/] });
  // a symlink where an image should be (pointing outside the folder): not followed, the image is missing
  goodPair("symlink");
  write(`symlink/${ROOT}/Annotations/link.xml`, xml("link.jpg", DOG));
  symlinkSync("/etc/passwd", join(dir, `symlink/${ROOT}/JPEGImages/link.jpg`));
  add({
    name: "symlink",
    paths: ["symlink/VOCdevkit"],
    images: 1,
    expect: [/link: its image VOCdevkit\/VOC2007\/JPEGImages\/link\.jpg is missing/],
  });
  write("empty.tar", new Uint8Array(0));
  add({
    name: "empty-file",
    paths: ["empty.tar"],
    images: 0,
    expect: [/not a readable archive|not a Pascal VOC/],
  });
  return cases;
}

function findBytes(hay: Uint8Array, needle: Uint8Array, from = 0): number {
  outer: for (let i = Math.max(0, from); i + needle.length <= hay.length; i++) {
    for (let j = 0; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
    return i;
  }
  throw new Error("corpus: pattern not found");
}

if (process.argv[1]?.endsWith("make-corpus.ts")) {
  const dir = process.argv[2];
  if (!dir) {
    console.error("usage: npx tsx tests/corpus/make-corpus.ts DIR");
    process.exit(2);
  }
  for (const c of makeCorpus(dir))
    console.log(`${c.name}: npm run data:check -- ${c.paths.map((p) => join(dir, p)).join(" ")}`);
}
