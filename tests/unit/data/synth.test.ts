// Synthetic training scenes (src/data/synth): deterministic, never the pack's own scenes, boxes inside the picture,
// and the same boxes from resvg-wasm (the worker's renderer) as from resvg-js (the pack generator's).
import { describe, expect, it } from "vitest";
import { nodePainter, nodeWasmPainter } from "../../../scripts/gen/noto";
import { layoutScene, SYNTH_SEED_BASE, synthExample } from "../../../src/data/synth";

describe("synthExample", () => {
  const painter = nodePainter();

  it("draws the same scene for the same seed and index, another for another index", () => {
    const a = synthExample(42, 3, painter);
    const b = synthExample(42, 3, painter);
    expect(a.id).toBe("synth-42-3");
    expect(b.boxes).toEqual(a.boxes);
    expect(Buffer.from(b.image.data).equals(Buffer.from(a.image.data))).toBe(true);
    expect(synthExample(42, 4, painter).boxes).not.toEqual(a.boxes);
  });

  it("never lays out one of the built-in pack's scenes (seed 42)", () => {
    for (let i = 0; i < 20; i++) {
      expect(JSON.stringify(layoutScene(SYNTH_SEED_BASE + 42, i))).not.toBe(
        JSON.stringify(layoutScene(42, i)),
      );
    }
  });

  it("gives boxes inside the image, one class per box, no difficult objects", () => {
    for (let i = 0; i < 6; i++) {
      const ex = synthExample(7, i, painter);
      expect(ex.image.data.length).toBe(ex.image.width * ex.image.height * 4);
      expect(ex.classes.length).toBe(ex.boxes.length);
      for (const [r0, c0, r1, c1] of ex.boxes) {
        expect(r0).toBeGreaterThanOrEqual(0);
        expect(c0).toBeGreaterThanOrEqual(0);
        expect(r1).toBeLessThan(ex.image.height);
        expect(c1).toBeLessThan(ex.image.width);
        expect(r1).toBeGreaterThan(r0);
        expect(c1).toBeGreaterThan(c0);
      }
      for (const c of ex.classes) expect(c >= 0 && c < 20).toBe(true);
    }
  });

  it("resvg-wasm (the training worker's renderer) measures the same boxes as resvg-js", async () => {
    const wasm = await nodeWasmPainter();
    for (let i = 0; i < 4; i++) {
      expect(synthExample(5, i, wasm).boxes).toEqual(synthExample(5, i, painter).boxes);
    }
  });
});

describe("drawScene at another size", () => {
  it("draws straight at the model's size with the boxes of the full-size drawing, scaled", async () => {
    const { drawScene } = await import("../../../src/data/synth/render");
    const painter = nodePainter();
    for (let i = 0; i < 3; i++) {
      const spec = layoutScene(SYNTH_SEED_BASE + 9, i);
      const full = drawScene(spec, painter);
      const small = drawScene(spec, painter, { width: 224, height: 224 });
      expect(small.rgba.length).toBe(224 * 224 * 4);
      expect(small.objects.map((o) => o.cls)).toEqual(full.objects.map((o) => o.cls));
      const sx = 224 / spec.width;
      const sy = 224 / spec.height;
      small.objects.forEach((o, j) => {
        const f = full.objects[j];
        // within 2 px of the full-size box scaled (edges land on other pixels when drawn smaller)
        expect(Math.abs(o.xmin - 1 - (f.xmin - 1) * sx)).toBeLessThanOrEqual(2);
        expect(Math.abs(o.xmax - f.xmax * sx)).toBeLessThanOrEqual(2);
        expect(Math.abs(o.ymin - 1 - (f.ymin - 1) * sy)).toBeLessThanOrEqual(2);
        expect(Math.abs(o.ymax - f.ymax * sy)).toBeLessThanOrEqual(2);
      });
    }
  });
});
