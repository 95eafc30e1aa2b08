// The built-in pack: the generator is deterministic, the committed pack is what it makes, and the pack loads
// through the app's own code paths (loadPack with its manifest, and as a VOCdevkit folder).
import { existsSync, openAsBlob, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { nodePainter } from "../../../scripts/gen/noto";
import { builtinManifest, makeSample } from "../../../scripts/gen-builtin";
import { nodeDecoder } from "../../../src/data/decode-node";
import { loadFromFiles } from "../../../src/data/load";
import { loadBuiltin, loadPack, type PackManifest } from "../../../src/data/pack";
import { drawScene } from "../../../src/data/synth/render";
import { layoutScene } from "../../../src/data/synth/scene";
import { VOC_CLASSES } from "../../../src/data/types";
import { fileFetch, walk } from "./helpers";

const PACK = join(__dirname, "../../../public/data/builtin");
const manifest = JSON.parse(readFileSync(join(PACK, "manifest.json"), "utf8")) as PackManifest;

describe("the generator", () => {
  it("is deterministic: the same seed gives byte-identical annotations and images", () => {
    for (const i of [0, 7]) {
      const a = makeSample(42, i);
      const b = makeSample(42, i);
      expect(a.xml).toBe(b.xml);
      expect(Buffer.compare(a.jpeg, b.jpeg)).toBe(0);
      expect(makeSample(43, i).xml).not.toBe(a.xml);
    }
  });

  it("made the committed pack (its annotations are what seed 42 gives now)", () => {
    for (const i of [0, 1, 2, 599, 749]) {
      const s = makeSample(42, i);
      expect(readFileSync(join(PACK, s.image.annotation), "utf8")).toBe(s.xml);
      expect(manifest.images[i]).toEqual(s.image);
    }
    expect(builtinManifest([makeSample(42, 0)], 1).format).toBe(manifest.format);
  });

  it("measures a box from the drawn pixels (a table of known geometry)", () => {
    const scene = layoutScene(1, 0);
    scene.objects = [{ cls: 10, art: "table:wood", x: 50, y: 40, w: 128, h: 128, flip: false }];
    const [o] = drawScene(scene, nodePainter()).objects;
    // the table's top spans x 4..124 (stroke 1 more each side), y 41 (stroke) .. 114 (legs) in its 128 box
    expect(o.name).toBe("diningtable");
    expect(Math.abs(o.xmin - 1 - (50 + 3))).toBeLessThanOrEqual(1);
    expect(Math.abs(o.xmax - 1 - (50 + 124))).toBeLessThanOrEqual(1);
    expect(Math.abs(o.ymin - 1 - (40 + 41))).toBeLessThanOrEqual(1);
    expect(Math.abs(o.ymax - 1 - (40 + 113))).toBeLessThanOrEqual(1);
    expect([o.truncated, o.difficult]).toEqual([0, 0]);
    // the same table half past the right border: truncated, box cut at the border
    scene.objects[0].x = scene.width - 64;
    const [t] = drawScene(scene, nodePainter()).objects;
    expect([t.truncated, t.xmax]).toEqual([1, scene.width]);
  });
});

describe("the committed built-in pack", () => {
  it("has >= 600 train and >= 150 val images at the lesson's size or larger, 1-6 objects, all 20 classes", () => {
    expect(manifest.synthetic).toBe(true);
    expect(manifest.description).toMatch(/synthetic/i);
    expect(manifest.description).toMatch(/VOCtrainval_06-Nov-2007\.tar/);
    expect(manifest.credit).toMatch(/Noto Emoji.*Apache License 2\.0/);
    expect(existsSync(join(PACK, "CREDITS.txt"))).toBe(true);
    expect(manifest.splits.train.length).toBeGreaterThanOrEqual(600);
    expect(manifest.splits.val.length).toBeGreaterThanOrEqual(150);
    expect(new Set([...manifest.splits.train, ...manifest.splits.val]).size).toBe(manifest.images.length);
    const seen = new Set<string>();
    for (const im of manifest.images) {
      expect(Math.min(im.width, im.height)).toBeGreaterThanOrEqual(224);
      expect(im.objects.length).toBeGreaterThanOrEqual(1);
      expect(im.objects.length).toBeLessThanOrEqual(6);
      for (const o of im.objects) seen.add(o.name);
    }
    expect([...seen].sort()).toEqual([...VOC_CLASSES].sort());
  });

  it("loads with loadBuiltin/loadPack (the browser's path) and as a VOCdevkit folder, identically", async () => {
    const viaPack = await loadBuiltin({
      base: `${pathToFileURL(join(PACK, "../../"))}`,
      fetch: fileFetch,
      decoder: nodeDecoder,
    });
    expect(viaPack.report).toEqual([]);
    expect(viaPack.images).toHaveLength(750);
    expect(viaPack.synthetic).toBe(true);
    const files = await Promise.all(
      walk(PACK).map(async (p) => ({ path: p, file: await openAsBlob(join(PACK, p)) })),
    );
    const viaFolder = await loadFromFiles(files, { decoder: nodeDecoder });
    expect(viaFolder.report).toEqual([]);
    expect(viaFolder.images).toEqual(viaPack.images);
    expect(viaFolder.splits.train).toEqual(viaPack.splits.train);
    expect(viaFolder.splits.val).toEqual(viaPack.splits.val);
    for (const im of viaPack.images.slice(0, 5)) {
      const px = await viaPack.loadImage(im);
      expect([px.width, px.height]).toEqual([im.width, im.height]);
    }
    expect(relative(PACK, join(PACK, viaPack.images[0].file))).toBe("JPEGImages/000001.jpg");
  });

  it("a pack image that is missing fails on load with its name, and is reported", async () => {
    const ds = await loadPack(pathToFileURL(join(PACK, "manifest.json")).href, {
      fetch: fileFetch,
      decoder: nodeDecoder,
    });
    const ghost = { ...ds.images[0], id: "ghost", file: "JPEGImages/ghost.jpg" };
    await expect(ds.loadImage(ghost)).rejects.toThrow("JPEGImages/ghost.jpg: HTTP 404");
    expect(ds.report).toEqual([
      { file: "JPEGImages/ghost.jpg", severity: "error", message: "HTTP 404 Not Found" },
    ]);
  });
});
