// Loose files (the lesson's json and its JPEGs picked together, no folder; or loose VOC XML + JPEGs) load the
// same as the folder they came from, and every load says what format it was.
import { describe, expect, it } from "vitest";
import { nodeDecoder } from "../../../src/data/decode-node";
import { loadFromFiles } from "../../../src/data/load";
import { type Dataset, VOC_CLASSES } from "../../../src/data/types";
import { formatOf } from "../../../src/data/voc-reader";
import { SUMMARY, sampleFiles } from "./helpers";

const v07 = Object.keys(SUMMARY)
  .filter((id) => SUMMARY[id].year === "VOC2007")
  .sort();

/** The lesson's pascal_train2007.json for the VOC2007 fixtures (bbox [x, y, w, h], 0-based). */
function lessonJson(): string {
  const names = [...VOC_CLASSES];
  return JSON.stringify({
    images: v07.map((id) => ({
      file_name: `${id}.jpg`,
      id: Number(id),
      width: SUMMARY[id].width,
      height: SUMMARY[id].height,
    })),
    annotations: v07.flatMap((id) =>
      SUMMARY[id].objects.map((o) => ({
        bbox: [o.xmin - 1, o.ymin - 1, o.xmax - o.xmin + 1, o.ymax - o.ymin + 1],
        category_id: names.indexOf(o.name as (typeof VOC_CLASSES)[number]) + 1,
        image_id: Number(id),
        ignore: 0,
      })),
    ),
    categories: names.map((name, i) => ({ id: i + 1, name })),
  });
}

const boxesOf = (ds: Dataset) =>
  Object.fromEntries(ds.images.map((i) => [i.id, i.objects.map((o) => o.box)]));
const flat = (p: string) => p.replace(/^.*\//, "");

describe("loose files load the same as a folder", () => {
  it("pascal_train2007.json + its JPEGs, picked together (no folders)", async () => {
    const jpegs = (await sampleFiles()).filter((f) => f.path.includes("VOC2007/JPEGImages/"));
    const json = { path: "pascal_train2007.json", file: new Blob([lessonJson()]) };
    const folder = await loadFromFiles([...jpegs, json], { decoder: nodeDecoder });
    const loose = await loadFromFiles([...jpegs.map((f) => ({ ...f, path: flat(f.path) })), json], {
      decoder: nodeDecoder,
    });
    expect(folder.report).toEqual([]);
    expect(loose.report).toEqual([]);
    expect(loose.images.length).toBe(v07.length);
    expect(boxesOf(loose)).toEqual(boxesOf(folder));
    expect(loose.splits).toEqual(folder.splits);
    expect(loose.source).toBe("files");
    expect(loose.format).toBe("COCO json (pascal_train2007.json) + loose images");
    expect(folder.format).toBe("COCO json (pascal_train2007.json)");
    // the images are really read from the loose files
    const px = await loose.loadImage(loose.images.find((i) => i.id === "000005")!);
    expect([px.width, px.height]).toEqual([500, 375]);
  });

  it("loose VOC XML annotations + JPEGs", async () => {
    const all = (await sampleFiles()).filter(
      (f) => f.path.includes("VOC2007/") && !f.path.includes("ImageSets"),
    );
    const folder = await loadFromFiles(all, { decoder: nodeDecoder });
    const loose = await loadFromFiles(
      all.map((f) => ({ ...f, path: flat(f.path) })),
      { decoder: nodeDecoder },
    );
    expect(loose.report).toEqual([]);
    expect(loose.images.map((i) => i.id).sort()).toEqual(v07);
    expect(boxesOf(loose)).toEqual(boxesOf(folder));
    expect(folder.format).toBe("VOCdevkit folder");
    expect(loose.format).toBe("VOC XML files");
  });

  it("a json whose JPEGs were not picked names each missing image", async () => {
    const json = { path: "pascal_train2007.json", file: new Blob([lessonJson()]) };
    const ds = await loadFromFiles([json], { decoder: nodeDecoder });
    expect(ds.images).toEqual([]);
    expect(ds.report.filter((m) => m.severity === "error").length).toBe(v07.length);
    expect(ds.report[0].message).toMatch(/its image JPEGImages\/\d+\.jpg is missing/);
  });
});

describe("formatOf", () => {
  it("names the json, or the VOCdevkit's container", () => {
    expect(formatOf("folder", [])).toBe("VOCdevkit folder");
    expect(formatOf("zip", [])).toBe("VOCdevkit .zip");
    expect(formatOf("tar", ["pascal_train2007.json"])).toBe("COCO json (pascal_train2007.json) in a .tar");
    expect(formatOf("folder", ["pascal_train2007.json", "pascal_val2007.json"])).toBe(
      "COCO json (pascal_train2007.json, pascal_val2007.json)",
    );
  });
});
