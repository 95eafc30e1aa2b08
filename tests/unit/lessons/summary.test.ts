// The summary cell's summarise(): every head on a from-scratch body, output shapes as the lesson prints them,
// and no tensors left behind (the head is built and disposed inside).
import * as tf from "@tensorflow/tfjs-core";
import { describe, expect, it } from "vitest";
import { summarise } from "../../../src/lessons/summary/summarise";
import type { HEAD_KINDS } from "../../../src/model/heads";
import { createScratchBackbone } from "../../../src/model/scratch";
import { totalParams } from "../../../src/model/summary";

describe("summarise", () => {
  it("lists body and head layers with the lesson's output shapes and leaks nothing", () => {
    const body = createScratchBackbone({ inputSize: 224, seed: 1, widths: [4, 4, 4, 4, 8] }); // small: a quick test;
    try {
      const feat = body.featureShape;
      expect(feat.slice(0, 2)).toEqual([7, 7]);
      const before = tf.memory().numTensors;
      const last = (kind: (typeof HEAD_KINDS)[number]) => {
        const rows = summarise(body, kind);
        expect(rows.some((r) => r.layer.startsWith("head/"))).toBe(true);
        expect(rows.filter((r) => !r.layer.startsWith("head/")).at(-1)?.outputShape).toEqual(feat);
        return rows;
      };
      expect(last("single").at(-1)?.outputShape).toEqual([24]); // 4 box + 20 classes
      expect(last("multilabel").at(-1)?.outputShape).toEqual([20]);
      const ssd4 = last("ssd4");
      expect(ssd4.slice(-2).map((r) => r.outputShape)).toEqual([
        [16, 21],
        [16, 4],
      ]);
      const multi = last("ssdMulti");
      expect(multi.slice(-2).map((r) => r.outputShape)).toEqual([
        [189, 21],
        [189, 4],
      ]);
      // head_reg4: Linear(7·7·C → 256) + BatchNorm(256) + Linear(256 → 24)
      const single = summarise(body, "single").filter((r) => r.layer.startsWith("head/"));
      const flat = feat[0] * feat[1] * feat[2];
      expect(totalParams(single)).toBe(flat * 256 + 256 + 2 * 256 + 256 * 24 + 24);
      expect(tf.memory().numTensors).toBe(before);
    } finally {
      body.dispose();
    }
  });
});
