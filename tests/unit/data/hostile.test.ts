// Issue 13's data-layer holes, one test each: a tar whose pax size walks backwards, an unbounded report, an
// annotation too large to parse, a damaged zip entry, an annotation whose <size> is not the image's, and a
// decode error reported live and named once.
import { strToU8, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { nodeDecoder } from "../../../src/data/decode-node";
import { loadFromFiles } from "../../../src/data/load";
import { LoadReport, MAX_PER_KIND, messageCount } from "../../../src/data/report";
import { indexTar } from "../../../src/data/tar";
import type { VirtualFile } from "../../../src/data/vfs";
import { MAX_XML_BYTES, readVoc } from "../../../src/data/voc-reader";
import { crc32 } from "../../../src/data/zip";
import { obj, sampleJpeg, tarHeader, tarOf, xml } from "../../corpus/make-corpus";

const ROOT = "VOCdevkit/VOC2007";
const JPEG = sampleJpeg();
const DOG = obj("dog", 10, 20, 110, 220);
const bytes = (s: string) => strToU8(s);
const file = (path: string, data: Uint8Array | string) => ({ path, file: new Blob([data as BlobPart]) });

describe("tar sizes are validated", () => {
  it("a pax size of -1536 stops the walk at once with one message (it used to loop 2M times)", async () => {
    const pax = bytes("14 size=-1536\n");
    const tar = tarOf([
      [tarHeader("PaxHeaders/x", pax.length, "x"), pax],
      [tarHeader("a.xml", 10), bytes("0123456789")],
      [tarHeader("b.xml", 10), bytes("0123456789")],
    ]);
    expect(tar.length).toBeLessThanOrEqual(4096);
    const report = new LoadReport();
    const t0 = performance.now();
    const vfs = await indexTar(new Blob([tar as BlobPart]), "evil.tar", report);
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(vfs.files).toEqual([]);
    expect(report.messages).toEqual([
      {
        file: "evil.tar",
        severity: "error",
        message:
          'a.xml: invalid pax size "-1536" in the tar header at byte 1024 (a size must be a whole number of bytes, 0 or more): stopped reading, the files before it are kept',
      },
    ]);
  });

  it("a size field that is not octal is refused, the files before it kept", async () => {
    const tar = tarOf([
      [tarHeader("ok.txt", 2), bytes("ok")],
      [tarHeader("bad.txt", "12x4\0"), bytes("")],
    ]);
    const report = new LoadReport();
    const vfs = await indexTar(new Blob([tar as BlobPart]), "t.tar", report);
    expect(vfs.files.map((f) => f.path)).toEqual(["ok.txt"]);
    expect(report.messages[0].message).toMatch(/^bad\.txt: invalid size field "12x4"/);
  });
});

describe("the load report is capped and grouped", () => {
  it(`lists ${MAX_PER_KIND} messages of a kind, then one "and N more like this" line that counts them`, () => {
    const r = new LoadReport();
    for (let i = 0; i < 10_000; i++) r.error(`m${i}.xml`, `m${i}: its image m${i}.jpg is missing: skipped`);
    r.warn("x.xml", "something else");
    expect(r.messages.length).toBe(MAX_PER_KIND + 2);
    const more = r.messages[MAX_PER_KIND];
    expect(more).toMatchObject({
      severity: "error",
      count: 10_000 - MAX_PER_KIND,
      message: "and 9800 more like this: m9999: its image m9999.jpg is missing: skipped",
    });
    expect(r.messages[MAX_PER_KIND + 1].message).toBe("something else");
    expect(messageCount(r.messages)).toBe(10_001);
    expect(messageCount(r.messages, "error")).toBe(10_000);
  });
});

describe("oversized annotation files are refused before they are read", () => {
  it("a 200 MB annotation is never read; the message names the file and the limit; the rest loads", async () => {
    let reads = 0;
    const vf = (path: string, data: Uint8Array, size = data.length): VirtualFile => ({
      path,
      size,
      read: async (n?: number) => {
        if (size > data.length) reads++;
        return n === undefined ? data : data.subarray(0, n);
      },
    });
    const ds = await readVoc(
      {
        kind: "folder",
        name: "VOCdevkit",
        files: [
          vf(`${ROOT}/Annotations/good.xml`, bytes(xml("good.jpg", DOG))),
          vf(`${ROOT}/JPEGImages/good.jpg`, JPEG),
          vf(`${ROOT}/Annotations/huge.xml`, new Uint8Array(0), 200 * 1024 * 1024),
          vf("pascal_train2007.json", new Uint8Array(0), 100 * 1024 * 1024),
        ],
      },
      { decoder: nodeDecoder },
    );
    expect(reads).toBe(0);
    expect(ds.images.map((i) => i.id)).toEqual(["good"]);
    expect(ds.report).toContainEqual({
      file: `${ROOT}/Annotations/huge.xml`,
      severity: "error",
      message: `200 MB is too large for a VOC annotation (the limit is ${MAX_XML_BYTES / 2 ** 20} MB; real ones are far smaller): skipped`,
    });
    expect(ds.report).toContainEqual(
      expect.objectContaining({ file: "pascal_train2007.json", severity: "error" }),
    );
  });
});

describe("zip entries are checked against their CRC-32", () => {
  it("crc32 agrees with the known check value", () => {
    expect(crc32(bytes("123456789"))).toBe(0xcbf43926);
  });

  it("a damaged stored annotation is reported by file and not loaded with a wrong box", async () => {
    const zip = zipSync(
      {
        [`${ROOT}/Annotations/a.xml`]: bytes(xml("a.jpg", DOG)),
        [`${ROOT}/JPEGImages/a.jpg`]: JPEG,
        [`${ROOT}/Annotations/b.xml`]: bytes(xml("b.jpg", DOG)),
        [`${ROOT}/JPEGImages/b.jpg`]: JPEG,
      },
      { level: 0 },
    );
    const text = new TextDecoder("latin1").decode(zip);
    const at = text.indexOf("<xmax>110</xmax>", text.indexOf("b.jpg"));
    zip[at + 6] = "9".charCodeAt(0); // 110 -> 910
    const ds = await loadFromFiles([file("v.zip", zip)], { decoder: nodeDecoder });
    expect(ds.images.map((i) => i.id)).toEqual(["a"]);
    expect(ds.report).toEqual([
      {
        file: `${ROOT}/Annotations/b.xml`,
        severity: "error",
        message: expect.stringMatching(
          /^corrupt zip entry: its CRC-32 is 0x[0-9a-f]{8}, the archive says 0x[0-9a-f]{8}/,
        ),
      },
    ]);
  });
});

describe("decoding checks the annotation against the image", () => {
  const load = () =>
    loadFromFiles(
      [
        file(
          `${ROOT}/Annotations/big.xml`,
          xml("big.jpg", obj("cat", 600, 300, 900, 700) + DOG, [1000, 800]),
        ),
        file(`${ROOT}/JPEGImages/big.jpg`, JPEG), // really 500x375
        file(`${ROOT}/Annotations/broken.xml`, xml("broken.jpg", DOG)),
        file(`${ROOT}/JPEGImages/broken.jpg`, JPEG.subarray(0, 300)),
      ],
      { decoder: nodeDecoder },
    );

  it("a <size> that is not the image's: a warning naming the file, the real size, boxes clipped to it", async () => {
    const ds = await load();
    const big = ds.images.find((i) => i.id === "big");
    if (!big) throw new Error("big not loaded");
    expect([big.width, big.height, big.objects.length]).toEqual([1000, 800, 2]);
    await ds.loadImage(big);
    expect([big.width, big.height]).toEqual([500, 375]);
    // the cat (rows 299..699, cols 599..899 of the claimed 1000x800) lies wholly right of the real image
    expect(big.objects.map((o) => o.name)).toEqual(["dog"]);
    expect(ds.report).toContainEqual({
      file: `${ROOT}/JPEGImages/big.jpg`,
      severity: "warning",
      message:
        "its annotation says the image is 1000x800 but it is 500x375: using the real size, boxes checked again",
    });
    expect(ds.report.some((m) => m.file === `${ROOT}/Annotations/big.xml` && /cat/.test(m.message))).toBe(
      true,
    );
    const n = ds.report.length;
    await ds.loadImage(big); // once only
    expect(ds.report.length).toBe(n);
  });

  it("a decode error joins the report once, names the file once, and tells subscribers", async () => {
    const ds = await load();
    let heard = 0;
    const off = ds.subscribeReport?.(() => heard++);
    const broken = ds.images.find((i) => i.id === "broken");
    if (!broken) throw new Error("broken not loaded");
    await expect(ds.loadImage(broken)).rejects.toThrow(/broken\.jpg/);
    await expect(ds.loadImage(broken)).rejects.toThrow();
    const msgs = ds.report.filter((m) => m.file === `${ROOT}/JPEGImages/broken.jpg`);
    expect(msgs).toHaveLength(1);
    expect(msgs[0].message).toMatch(/^not a readable JPEG/);
    expect(heard).toBe(1);
    off?.();
  });

  it("decode errors after loading go through the same caps: 250 broken images, 200 lines and one count", async () => {
    const files = Array.from({ length: 250 }, (_, i) => [
      file(`${ROOT}/Annotations/b${i}.xml`, xml(`b${i}.jpg`, DOG)),
      file(`${ROOT}/JPEGImages/b${i}.jpg`, JPEG.subarray(0, 300)),
    ]).flat();
    const ds = await loadFromFiles(files, { decoder: nodeDecoder });
    expect(ds.images).toHaveLength(250);
    for (const im of ds.images) await ds.loadImage(im).catch(() => {});
    expect(ds.report.length).toBe(MAX_PER_KIND + 1);
    expect(messageCount(ds.report, "error")).toBe(250);
    expect(ds.report[MAX_PER_KIND].message).toMatch(/^and 50 more like this: not a readable JPEG/);
  });
});
