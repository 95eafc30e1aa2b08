// Class counts and totals of the data cell, on the real VOC fixtures, checked against counts made straight
// from SUMMARY.json (written independently of our reader); largest-object counts against a literal loop.
import { describe, expect, it } from "vitest";
import { loadFromFiles } from "../../../src/data/load";
import { VOC_CLASSES, type VocImage } from "../../../src/data/types";
import { classCounts, datasetTotals, nextImageWith } from "../../../src/lessons/common/counts";
import { SUMMARY, sampleFiles } from "../data/helpers";

describe("classCounts / datasetTotals", () => {
  it("counts objects, images, difficult and largest per class like SUMMARY.json says", async () => {
    const ds = await loadFromFiles(await sampleFiles());
    expect(ds.images.length).toBe(Object.keys(SUMMARY).length);
    const rows = classCounts(ds.classes, ds.images);
    expect(rows.map((r) => r.name)).toEqual([...VOC_CLASSES]);
    const want = new Map<string, { objects: number; images: number; difficult: number; largest: number }>();
    for (const s of Object.values(SUMMARY)) {
      const names = new Set<string>();
      let best = -1;
      let bestArea = -1;
      s.objects.forEach((o, i) => {
        const w = want.get(o.name) ?? { objects: 0, images: 0, difficult: 0, largest: 0 };
        w.objects++;
        w.difficult += o.difficult;
        want.set(o.name, w);
        names.add(o.name);
        const area = (o.ymax - o.ymin) * (o.xmax - o.xmin); // the same (r1-r0)*(c1-c0) in 1-based pixels
        if (area > bestArea) {
          bestArea = area;
          best = i;
        }
      });
      for (const n of names) want.get(n)!.images++;
      if (best >= 0) want.get(s.objects[best].name)!.largest++;
    }
    for (const r of rows) {
      const { cls: _cls, ...got } = r;
      expect(got).toEqual({
        name: r.name,
        objects: want.get(r.name)?.objects ?? 0,
        images: want.get(r.name)?.images ?? 0,
        difficult: want.get(r.name)?.difficult ?? 0,
        largest: want.get(r.name)?.largest ?? 0,
      });
    }
    const t = datasetTotals(ds.images);
    const all = Object.values(SUMMARY).flatMap((s) => s.objects);
    expect(t).toEqual({
      images: Object.keys(SUMMARY).length,
      objects: all.length,
      empty: Object.values(SUMMARY).filter((s) => s.objects.length === 0).length,
      difficult: all.filter((o) => o.difficult).length,
      truncated: all.filter((o) => o.truncated).length,
      maxObjects: Math.max(...Object.values(SUMMARY).map((s) => s.objects.length)),
    });
    expect(rows.reduce((n, r) => n + r.largest, 0)).toBe(t.images - t.empty);
  });

  it("nextImageWith finds the next image with a class, wrapping around, and -1 when none has it", () => {
    const im = (id: string, cls: number[]): VocImage => ({
      id,
      file: id,
      width: 10,
      height: 10,
      objects: cls.map((c) => ({
        cls: c,
        name: VOC_CLASSES[c],
        box: [0, 0, 5, 5],
        difficult: false,
        truncated: false,
      })),
    });
    const images = [im("a", [1]), im("b", [2]), im("c", [1, 2]), im("d", [])];
    expect(nextImageWith(images, 1, 0)).toBe(2);
    expect(nextImageWith(images, 1, 2)).toBe(0);
    expect(nextImageWith(images, 2, 2)).toBe(1);
    expect(nextImageWith(images, 1, -1)).toBe(0);
    expect(nextImageWith(images, 7, 0)).toBe(-1);
  });
});
