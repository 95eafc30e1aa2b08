// A corpus of bad inputs, made here: each gives a clear message naming the file and the problem in the load
// report, and everything else still loads.
import { strToU8, zipSync } from "fflate";
import { packTar } from "modern-tar";
import { describe, expect, it } from "vitest";
import { nodeDecoder } from "../../../src/data/decode-node";
import { loadFromFiles } from "../../../src/data/load";
import type { LoadMessage } from "../../../src/data/types";
import type { PathedFile } from "../../../src/data/vfs";
import { sampleBytes } from "./helpers";

const JPEG = sampleBytes("VOCdevkit/VOC2007/JPEGImages/000005.jpg"); // a real 500x375 JPEG
const ROOT = "VOCdevkit/VOC2007";

function xml(file: string, objects: string, size = "<width>500</width><height>375</height><depth>3</depth>") {
  return `<annotation><folder>VOC2007</folder><filename>${file}</filename><size>${size}</size>${objects}</annotation>`;
}
function obj(name: string, xmin: number, ymin: number, xmax: number, ymax: number) {
  return `<object><name>${name}</name><pose>Left</pose><truncated>0</truncated><difficult>0</difficult><bndbox><xmin>${xmin}</xmin><ymin>${ymin}</ymin><xmax>${xmax}</xmax><ymax>${ymax}</ymax></bndbox></object>`;
}
const good = obj("dog", 10, 20, 110, 220);
const f = (path: string, data: string | Uint8Array): PathedFile => ({
  path,
  file: new Blob([data as BlobPart]),
});

/** One VOCdevkit folder holding a good image and one bad thing each. */
function corpus(): PathedFile[] {
  return [
    f(`${ROOT}/Annotations/good.xml`, xml("good.jpg", good)),
    f(`${ROOT}/JPEGImages/good.jpg`, JPEG),
    f(`${ROOT}/Annotations/malformed.xml`, `<annotation><object><name>dog</name></annotation>`),
    f(`${ROOT}/JPEGImages/malformed.jpg`, JPEG),
    f(`${ROOT}/Annotations/noimage.xml`, xml("noimage.jpg", good)),
    f(`${ROOT}/Annotations/empty.xml`, xml("empty.jpg", good)),
    f(`${ROOT}/JPEGImages/empty.jpg`, new Uint8Array(0)),
    f(`${ROOT}/Annotations/garbage.xml`, xml("garbage.jpg", good)),
    f(`${ROOT}/JPEGImages/garbage.jpg`, "this is not a picture"),
    f(`${ROOT}/Annotations/broken.xml`, xml("broken.jpg", good)),
    f(`${ROOT}/JPEGImages/broken.jpg`, JPEG.subarray(0, 200)), // starts like a JPEG, cannot be decoded
    f(`${ROOT}/Annotations/outside.xml`, xml("outside.jpg", obj("cat", -5, 300, 520, 400) + good)),
    f(`${ROOT}/JPEGImages/outside.jpg`, JPEG),
    f(`${ROOT}/Annotations/zero.xml`, xml("zero.jpg", obj("cat", 50, 60, 50, 90) + good)),
    f(`${ROOT}/JPEGImages/zero.jpg`, JPEG),
    f(`${ROOT}/Annotations/unknown.xml`, xml("unknown.jpg", obj("unicorn", 1, 1, 30, 30) + good)),
    f(`${ROOT}/JPEGImages/unknown.jpg`, JPEG),
    f(`${ROOT}/Annotations/notvoc.xml`, `<svg xmlns="http://www.w3.org/2000/svg"><rect/></svg>`),
    f(`${ROOT}/Annotations/nosize.xml`, xml("nosize.jpg", good, "")),
    f(`${ROOT}/JPEGImages/nosize.jpg`, JPEG),
    f(`${ROOT}/ImageSets/Main/trainval.txt`, "good\nmissing_id\nzero\n"),
    f("README.txt", "hello"),
  ];
}

const find = (r: LoadMessage[], file: string) => r.filter((m) => m.file === file);

describe("bad input never breaks the load", () => {
  it("reports each problem naming the file, and loads the rest", async () => {
    const ds = await loadFromFiles(corpus(), { decoder: nodeDecoder });
    const r = ds.report;
    expect(ds.images.map((i) => i.id).sort()).toEqual(["broken", "good", "outside", "unknown", "zero"]);
    expect(find(r, `${ROOT}/Annotations/malformed.xml`)).toEqual([
      expect.objectContaining({
        severity: "error",
        message: expect.stringMatching(/^malformed XML: .*closing tag.*line 1/),
      }),
    ]);
    expect(find(r, `${ROOT}/Annotations/noimage.xml`)[0].message).toBe(
      `noimage: its image ${ROOT}/JPEGImages/noimage.jpg is missing: skipped`,
    );
    expect(find(r, `${ROOT}/JPEGImages/empty.jpg`)[0].message).toBe("empty image file (0 bytes): skipped");
    expect(find(r, `${ROOT}/JPEGImages/garbage.jpg`)[0].message).toBe(
      "not a JPEG or PNG image (wrong start bytes): skipped",
    );
    expect(find(r, `${ROOT}/Annotations/outside.xml`)).toEqual([
      {
        file: `${ROOT}/Annotations/outside.xml`,
        severity: "warning",
        message:
          "object 1 (cat): box [299, -6, 399, 519] lies outside the 500x375 image: clipped to [299, 0, 374, 499]",
      },
    ]);
    expect(find(r, `${ROOT}/Annotations/zero.xml`)[0].message).toBe(
      "object 1 (cat): zero-area box [59, 49, 89, 49]: skipped",
    );
    expect(find(r, `${ROOT}/Annotations/unknown.xml`)[0].message).toBe(
      'object 1: unknown class name "unicorn" (expected one of the 20 VOC classes): skipped',
    );
    expect(find(r, `${ROOT}/Annotations/notvoc.xml`)[0].message).toBe(
      "not a VOC annotation: the root element is <svg>, not <annotation>",
    );
    expect(find(r, `${ROOT}/Annotations/nosize.xml`)[0].message).toBe(
      "missing or invalid image size (width NaN, height NaN): image skipped",
    );
    expect(r.every((m) => m.file && m.message)).toBe(true);
    expect(r).toHaveLength(9);

    const outside = ds.images.find((i) => i.id === "outside")!;
    expect(outside.objects.map((o) => o.box)).toEqual([
      [299, 0, 374, 499],
      [19, 9, 219, 109],
    ]);
    expect(ds.images.find((i) => i.id === "zero")!.objects.map((o) => o.name)).toEqual(["dog"]);
    expect(ds.images.find((i) => i.id === "unknown")!.objects.map((o) => o.name)).toEqual(["dog"]);
    expect(ds.splits.trainval).toEqual(["good", "zero"]);

    // a JPEG that cannot be decoded fails when it is loaded, with its name, and joins the report once
    const broken = ds.images.find((i) => i.id === "broken")!;
    await expect(ds.loadImage(broken)).rejects.toThrow(`${ROOT}/JPEGImages/broken.jpg: not a readable JPEG`);
    await expect(ds.loadImage(broken)).rejects.toThrow();
    expect(find(ds.report, `${ROOT}/JPEGImages/broken.jpg`)).toEqual([
      expect.objectContaining({ severity: "error", message: expect.stringMatching(/^not a readable JPEG/) }),
    ]);
    const px = await ds.loadImage(ds.images.find((i) => i.id === "good")!);
    expect([px.width, px.height]).toEqual([500, 375]);
  });

  it("the same corpus inside a zip and a tar gives the same images and messages", async () => {
    const files = corpus();
    const bytes = await Promise.all(files.map(async (x) => new Uint8Array(await x.file.arrayBuffer())));
    const zip = zipSync(Object.fromEntries(files.map((x, i) => [x.path, bytes[i]])));
    const tar = await packTar(
      files.map((x, i) => ({
        header: { name: x.path, size: bytes[i].length, type: "file" as const },
        body: bytes[i],
      })),
    );
    const folder = await loadFromFiles(files, { decoder: nodeDecoder });
    for (const [name, data] of [
      ["c.zip", zip],
      ["c.tar", tar],
    ] as const) {
      const ds = await loadFromFiles([f(name, data)], { decoder: nodeDecoder });
      // zip entries are not peeked at load (that would inflate them): the garbage JPEG fails on decode instead
      const isZip = name.endsWith(".zip");
      const images = isZip ? ds.images.filter((i) => i.id !== "garbage") : ds.images;
      expect(images).toEqual(folder.images);
      expect(ds.report).toEqual(folder.report.filter((m) => !(isZip && m.file.endsWith("garbage.jpg"))));
      if (isZip) {
        const garbage = ds.images.find((i) => i.id === "garbage")!;
        await expect(ds.loadImage(garbage)).rejects.toThrow(
          `${ROOT}/JPEGImages/garbage.jpg: not a readable JPEG`,
        );
      }
    }
  });

  it("a folder that is not VOC at all", async () => {
    const ds = await loadFromFiles([f("photos/a.txt", "x"), f("photos/b.png", "y")]);
    expect(ds.images).toEqual([]);
    expect(ds.report).toEqual([
      {
        file: "photos",
        severity: "error",
        message: "not a Pascal VOC dataset: found no Annotations/*.xml and no pascal_*.json among 2 files",
      },
    ]);
  });

  it("a .zip or .tar whose bytes are something else, and a gzip", async () => {
    const ds = await loadFromFiles([
      f("VOC.zip", "not a zip at all"),
      f("VOC.tar", "neither"),
      f("VOC.tar.gz", new Uint8Array([0x1f, 0x8b, 8, 0])),
    ]);
    expect(ds.report).toEqual([
      {
        file: "VOC.zip",
        severity: "error",
        message: "not a readable archive (its bytes are not zip or tar)",
      },
      {
        file: "VOC.tar",
        severity: "error",
        message: "not a readable archive (its bytes are not zip or tar)",
      },
      {
        file: "VOC.tar.gz",
        severity: "error",
        message: "a gzip-compressed archive: extract it first, or use the .tar or .zip",
      },
    ]);
    expect(ds.images).toEqual([]);
  });

  it("a zip bomb entry is refused without inflating it; the rest loads", async () => {
    const zip = zipSync({
      [`${ROOT}/Annotations/good.xml`]: strToU8(xml("good.jpg", good)),
      [`${ROOT}/JPEGImages/good.jpg`]: JPEG,
      [`${ROOT}/Annotations/bomb.xml`]: new Uint8Array(8 * 1024 * 1024), // 8 MB of zeros deflate ~1000:1
    });
    expect(zip.length).toBeLessThan(200_000);
    const ds = await loadFromFiles([f("bomb.zip", zip)], { decoder: nodeDecoder });
    expect(ds.images.map((i) => i.id)).toEqual(["good"]);
    expect(ds.report).toEqual([
      {
        file: `bomb.zip: ${ROOT}/Annotations/bomb.xml`,
        severity: "error",
        message: expect.stringMatching(
          /^compression ratio \d+:1 \(limit 200:1\): skipped as a possible zip bomb$/,
        ),
      },
    ]);
  });

  it("a zip entry declaring a huge size is refused", async () => {
    const zip = zipSync({ [`${ROOT}/Annotations/big.xml`]: strToU8("<annotation/>") });
    // patch the central directory's uncompressed size (offset 24 of the header with signature PK\1\2) to 3 GB
    const view = new DataView(zip.buffer);
    for (let i = zip.length - 22; i >= 0; i--) {
      if (view.getUint32(i, true) === 0x02014b50) {
        view.setUint32(i + 24, 3_000_000_000, true);
        break;
      }
    }
    const ds = await loadFromFiles([f("huge.zip", zip)]);
    expect(ds.report[0]).toEqual({
      file: `huge.zip: ${ROOT}/Annotations/big.xml`,
      severity: "error",
      message: "declares 3000000000 bytes uncompressed (limit 268435456): skipped as a possible zip bomb",
    });
  });

  it("a truncated tar keeps the files before the cut", async () => {
    const entries = [
      f(`${ROOT}/Annotations/good.xml`, xml("good.jpg", good)),
      f(`${ROOT}/JPEGImages/good.jpg`, JPEG),
      f(`${ROOT}/Annotations/cut.xml`, xml("cut.jpg", good)),
      f(`${ROOT}/JPEGImages/cut.jpg`, JPEG),
    ];
    const bytes = await Promise.all(entries.map(async (x) => new Uint8Array(await x.file.arrayBuffer())));
    const tar = await packTar(
      entries.map((x, i) => ({
        header: { name: x.path, size: bytes[i].length, type: "file" as const },
        body: bytes[i],
      })),
    );
    const cut = tar.subarray(0, tar.length - 1024 - 40_000); // inside the last JPEG
    const ds = await loadFromFiles([f("cut.tar", cut)], { decoder: nodeDecoder });
    expect(ds.images.map((i) => i.id)).toEqual(["good"]);
    expect(ds.report).toEqual([
      {
        file: "cut.tar",
        severity: "error",
        message: expect.stringMatching(/^VOCdevkit\/VOC2007\/JPEGImages\/cut\.jpg: truncated archive/),
      },
      {
        file: `${ROOT}/Annotations/cut.xml`,
        severity: "error",
        message: `cut: its image ${ROOT}/JPEGImages/cut.jpg is missing: skipped`,
      },
    ]);
  });

  it("a broken lesson json is reported; its images are not invented", async () => {
    const ds = await loadFromFiles([
      f("pascal_train2007.json", "{ nope"),
      f("VOCdevkit/VOC2007/JPEGImages/good.jpg", JPEG),
    ]);
    expect(ds.report[0]).toMatchObject({
      file: "pascal_train2007.json",
      severity: "error",
      message: expect.stringMatching(/^not readable json/),
    });
    expect(ds.images).toEqual([]);
  });
});
