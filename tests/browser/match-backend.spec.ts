// map_to_ground_truth on the accelerated backends: the lesson's worked example, exactly, with no shader
// errors (tfjs-webgpu 4.22 miscompiles int32/bool reductions over a non-last axis; ours avoid them) and
// no synchronous read-back.
import { expect, test } from "@playwright/test";
import { openHarness } from "./util";

test("the worked example matches the lesson on this backend", async ({ page }) => {
  const shaderErrors: string[] = [];
  page.on("console", (m) => {
    if (/WGSL|Invalid ShaderModule|Invalid ComputePipeline/.test(m.text())) shaderErrors.push(m.text());
  });
  await openHarness(page);
  const r = await page.evaluate(async () => {
    const tf = window.tf;
    const path = "/src/ssd/index.ts";
    const { jaccard, mapToGroundTruth, makeAnchors } = await import(/* @vite-ignore */ path);
    const corners = makeAnchors({ grids: [4], zooms: [1], ratios: [[1, 1]] }).corners;
    const px = [
      [152, 109, 222, 140],
      [159, 19, 222, 123],
      [115, 186, 150, 203],
    ];
    const before = tf.memory().numTensors;
    const bbox = tf.tensor2d(px.map((b) => b.map((v) => v / 224)));
    const anchors = tf.tensor2d(corners);
    const overlaps = jaccard(bbox, anchors);
    const m = mapToGroundTruth(overlaps);
    const out = { gtOverlap: await m.gtOverlap.array(), gtIdx: await m.gtIdx.array() };
    tf.dispose([bbox, anchors, overlaps, m.gtOverlap, m.gtIdx]);
    return { ...out, leaked: tf.memory().numTensors - before };
  });
  await page.waitForTimeout(300); // shader compile errors arrive asynchronously
  expect(shaderErrors).toEqual([]);
  expect(r.gtIdx).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 0, 2, 1, 1, 0, 0]);
  const expected = [0, 0, 0, 0, 0, 0, 0, 0, 0.035596, 0.054878, 0.092219, 1.99, 0.259818, 1.99, 1.99, 0];
  for (const [i, v] of (r.gtOverlap as number[]).entries()) expect(v).toBeCloseTo(expected[i], 5);
  expect(r.leaked).toBe(0);
});
