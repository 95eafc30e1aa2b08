// The real Pascal VOC 2007/2012 fixtures, parsed and loaded through every source the browser uses.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { zipSync } from "fflate";
import { packTar } from "modern-tar";
import { describe, expect, it } from "vitest";
import { nodeDecoder } from "../../../src/data/decode-node";
import { loadFromFiles } from "../../../src/data/load";
import { type Dataset, VOC_CLASSES } from "../../../src/data/types";
import { parseVocXml } from "../../../src/data/voc-xml";
import { SAMPLES, SUMMARY, sampleBytes, sampleFiles, walk } from "./helpers";

const ids = Object.keys(SUMMARY);
const annotationPath = (id: string) => `VOCdevkit/${SUMMARY[id].year}/Annotations/${id}.xml`;

/** The dataset must hold exactly SUMMARY.json, boxes as the lesson's [ymin-1, xmin-1, ymax-1, xmax-1]. */
function expectMatchesSummary(ds: Dataset) {
  expect(ds.report.filter((m) => m.severity === "error")).toEqual([]);
  expect(ds.images.map((i) => i.id).sort()).toEqual([...ids].sort());
  for (const im of ds.images) {
    const s = SUMMARY[im.id];
    expect(im.file).toBe(`VOCdevkit/${s.year}/JPEGImages/${im.id}.jpg`);
    expect([im.width, im.height]).toEqual([s.width, s.height]);
    expect(
      im.objects.map((o) => ({ cls: o.cls, name: o.name, box: o.box, d: o.difficult, t: o.truncated })),
    ).toEqual(
      s.objects.map((o) => ({
        cls: VOC_CLASSES.indexOf(o.name as (typeof VOC_CLASSES)[number]),
        name: o.name,
        box: [o.ymin - 1, o.xmin - 1, o.ymax - 1, o.xmax - 1],
        d: o.difficult === 1,
        t: o.truncated === 1,
      })),
    );
  }
}

describe("parseVocXml on every real VOC annotation", () => {
  it.each(ids)("%s matches SUMMARY.json", (id) => {
    const xml = parseVocXml(readFileSync(join(SAMPLES, annotationPath(id)), "utf8"));
    const s = SUMMARY[id];
    expect(xml.filename).toBe(`${id}.jpg`);
    expect([xml.width, xml.height, xml.depth]).toEqual([s.width, s.height, 3]);
    expect(
      xml.objects.map((o) => ({ name: o.name, difficult: o.difficult, truncated: o.truncated, box: o.box })),
    ).toEqual(
      s.objects.map((o) => ({
        name: o.name,
        difficult: o.difficult,
        truncated: o.truncated,
        box: [o.xmin, o.ymin, o.xmax, o.ymax],
      })),
    );
  });
});

describe("loading the VOCdevkit fixture", () => {
  it("as a picked folder", async () => {
    const ds = await loadFromFiles(await sampleFiles(), { decoder: nodeDecoder });
    expect(ds.source).toBe("folder");
    expectMatchesSummary(ds);
    expect(ds.report).toEqual([]);
    // both years' trainval.txt, mapped to the loaded ids
    expect(new Set(ds.splits.trainval)).toEqual(new Set(ids));
  });

  it("as a tar (built here with modern-tar) through the same code path, decoding images lazily", async () => {
    const paths = walk(SAMPLES).filter((p) => p.startsWith("VOCdevkit/"));
    const tar = await packTar(
      paths.map((p) => ({
        header: { name: p, size: sampleBytes(p).length, type: "file" as const },
        body: sampleBytes(p),
      })),
    );
    const ds = await loadFromFiles([{ path: "VOCtrainval.tar", file: new Blob([tar]) }], {
      decoder: nodeDecoder,
    });
    expect(ds.source).toBe("tar");
    expectMatchesSummary(ds);
    const im = ds.images.find((i) => i.id === "000005")!;
    const px = await ds.loadImage(im);
    expect([px.width, px.height, px.data.length]).toEqual([500, 375, 500 * 375 * 4]);
  });

  it("as a zip (built here with fflate) through the same code path", async () => {
    const paths = walk(SAMPLES).filter((p) => p.startsWith("VOCdevkit/"));
    const zip = zipSync(Object.fromEntries(paths.map((p) => [p, sampleBytes(p)])));
    const ds = await loadFromFiles([{ path: "voc.zip", file: new Blob([zip]) }], { decoder: nodeDecoder });
    expect(ds.source).toBe("zip");
    expectMatchesSummary(ds);
    const im = ds.images.find((i) => i.id === "2007_000027")!;
    const px = await ds.loadImage(im);
    expect([px.width, px.height]).toEqual([486, 500]);
  });

  it("decodes every fixture JPEG at the size its XML states", async () => {
    const ds = await loadFromFiles(await sampleFiles(), { decoder: nodeDecoder });
    for (const im of ds.images) {
      const px = await ds.loadImage(im);
      expect([px.width, px.height]).toEqual([im.width, im.height]);
    }
  });
});

describe("the lesson's json (pascal_train2007.json style) beside JPEGImages", () => {
  it("gives the same boxes as the XML via hw_bb, skips ignored annotations, keeps json order", async () => {
    const v07 = ids.filter((id) => SUMMARY[id].year === "VOC2007").reverse();
    const names = [...VOC_CLASSES];
    const json = {
      images: v07.map((id) => ({
        file_name: `${id}.jpg`,
        id: Number(id),
        width: SUMMARY[id].width,
        height: SUMMARY[id].height,
      })),
      type: "instances",
      annotations: v07.flatMap((id) =>
        SUMMARY[id].objects.map((o) => ({
          bbox: [o.xmin - 1, o.ymin - 1, o.xmax - o.xmin + 1, o.ymax - o.ymin + 1],
          category_id: names.indexOf(o.name as (typeof VOC_CLASSES)[number]) + 1,
          image_id: Number(id),
          ignore: o.difficult,
        })),
      ),
      categories: names.map((name, i) => ({ id: i + 1, name, supercategory: "none" })),
    };
    const files = (await sampleFiles()).filter((f) => f.path.includes("VOC2007/JPEGImages/"));
    files.push({ path: "pascal_train2007.json", file: new Blob([JSON.stringify(json)]) });
    const ds = await loadFromFiles(files, { decoder: nodeDecoder });
    expect(ds.report).toEqual([]);
    // beside a whole VOCdevkit the json still wins, and the unused XML is said
    const all = await loadFromFiles([...(await sampleFiles()), files.at(-1)!], { decoder: nodeDecoder });
    expect(all.images.map((i) => i.id)).toEqual(v07);
    expect(all.report).toEqual([
      {
        file: "53 files",
        severity: "warning",
        message: "25 XML annotations not used: the lesson's json annotations are loaded instead",
      },
    ]);
    expect(ds.images.map((i) => i.id)).toEqual(v07);
    expect(ds.splits.train2007).toEqual(v07);
    for (const im of ds.images) {
      const want = SUMMARY[im.id].objects
        .filter((o) => !o.difficult)
        .map((o) => [o.ymin - 1, o.xmin - 1, o.ymax - 1, o.xmax - 1]);
      expect(im.objects.map((o) => o.box)).toEqual(want);
    }
  });
});
