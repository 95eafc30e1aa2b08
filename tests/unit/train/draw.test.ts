// drawScenes (src/train/draw.ts): scenes in order, each prepared as the model's RGB bytes, whoever draws them.
// Node has no Worker, so this is the in-thread lane; the browser's draw workers are covered by cells-train.spec.
import { describe, expect, it } from "vitest";
import { nodePainter } from "../../../scripts/gen/noto";
import { synthExample } from "../../../src/data/synth";
import { drawScenes, drawWorkerCount } from "../../../src/train/draw";
import { prepare } from "../../../src/train/examples";

describe("drawScenes", () => {
  it("draws scenes 0…n-1 in order, prepared exactly as prepare() would, with progress per chunk", async () => {
    const painter = nodePainter();
    const seen: number[] = [];
    const out = await drawScenes(
      23,
      5,
      "unused.json",
      32,
      (d) => seen.push(d),
      async () => painter,
    );
    expect(out.map((p) => p.id)).toEqual(Array.from({ length: 23 }, (_, i) => `synth-5-${i}`));
    expect(seen).toEqual([20, 23]);
    for (const i of [0, 22]) {
      const want = await prepare(synthExample(5, i, painter, 32), 32);
      expect(out[i].size).toBe(32);
      expect(Buffer.from(out[i].pixels).equals(Buffer.from(want.pixels))).toBe(true);
      expect(out[i].boxes).toEqual(want.boxes);
      expect(out[i].classes).toEqual(want.classes);
    }
  });

  it("uses one draw worker per core, between 1 and 4", () => {
    expect(drawWorkerCount(2)).toBe(2);
    expect(drawWorkerCount(16)).toBe(4);
    expect(drawWorkerCount(0)).toBe(1);
  });
});
