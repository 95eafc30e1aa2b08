// Predictions as the predict cell shows them: the async read gives exactly what the sync one gives, candidates
// are every score above the threshold, NMS keeps a subset, and nothing leaks.
import * as tf from "@tensorflow/tfjs-core";
import { describe, expect, it } from "vitest";
import { beforeAfter, candidatesFrom, toImagePixels, topScore } from "../../../src/lessons/predict/detect";
import {
  detectionsFrom,
  ssdDecodeAsync,
  ssdDetections,
  ssdDetectionsAsync,
} from "../../../src/model/predict";
import { anchorTensors, disposeAnchorTensors } from "../../../src/ssd/anchors";
import { ANCHORS_4x4, ANCHORS_MULTI } from "../../../src/ssd/types";

function activations(b: number, a: number, seed: number) {
  return {
    cls: tf.randomNormal([b, a, 21], -1, 2, "float32", seed) as tf.Tensor3D,
    bb: tf.randomNormal([b, a, 4], 0, 1, "float32", seed + 1) as tf.Tensor3D,
  };
}

describe("ssdDetectionsAsync", () => {
  it("gives the same detections as ssdDetections (multi-head anchors, 2 images)", async () => {
    const anc = anchorTensors(ANCHORS_MULTI);
    const { cls, bb } = activations(2, 189, 7);
    const sync = await ssdDetections(cls, bb, anc, { thresh: 0.25, overlap: 0.4, topK: 50 });
    const asyn = await ssdDetectionsAsync(cls, bb, anc, { thresh: 0.25, overlap: 0.4, topK: 50 });
    expect(asyn).toEqual(sync);
    expect(sync[0].length).toBeGreaterThan(5);
    tf.dispose([cls, bb]);
    disposeAnchorTensors(anc);
  });

  it("does not leak tensors per call", async () => {
    const anc = anchorTensors(ANCHORS_4x4);
    const { cls, bb } = activations(1, 16, 3);
    await ssdDetectionsAsync(cls, bb, anc);
    const before = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) await ssdDetectionsAsync(cls, bb, anc);
    await ssdDecodeAsync(cls, bb, anc);
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([cls, bb]);
    disposeAnchorTensors(anc);
  });
});

describe("before and after NMS", () => {
  const raw = {
    // two near-identical boxes and one far away; class 0 scores, class 1 scores, background
    boxes: [
      [0.1, 0.1, 0.5, 0.5],
      [0.11, 0.1, 0.5, 0.52],
      [0.6, 0.6, 0.9, 0.9],
    ],
    scores: [
      [0.9, 0.3, 0.1],
      [0.8, 0.2, 0.1],
      [0.1, 0.7, 0.1],
    ],
  };

  it("candidates are every (anchor, class) score above the threshold, best first", () => {
    const c = candidatesFrom(raw, 0.25);
    expect(c.map((d) => [d.cls, d.score])).toEqual([
      [0, 0.9],
      [0, 0.8],
      [1, 0.7],
      [1, 0.3],
    ]);
    expect(candidatesFrom(raw, 0.95)).toEqual([]);
  });

  it("NMS drops the overlapping box of the same class and keeps the other class's", () => {
    const v = beforeAfter(raw, 0.25, 0.4);
    expect(v.before).toHaveLength(4);
    expect(v.after.map((d) => [d.cls, d.score])).toEqual([
      [0, 0.9],
      [1, 0.7],
      [1, 0.3],
    ]);
    // with a lax overlap nothing is suppressed
    expect(beforeAfter(raw, 0.25, 0.99).after).toHaveLength(4);
    // the lesson's settings, through detectionsFrom directly
    expect(detectionsFrom(raw.boxes, raw.scores)).toEqual(v.after);
  });

  it("the top score skips the background column", () => {
    expect(topScore(raw)).toEqual({ cls: 0, score: 0.9 });
    expect(topScore({ boxes: [[0, 0, 1, 1]], scores: [[0.2, 0.1, 0.99]] })).toEqual({ cls: 0, score: 0.2 });
  });

  it("boxes in fractions map to inclusive pixel corners inside the image", () => {
    expect(toImagePixels([0.1, 0.2, 0.5, 1.2], 200, 100)).toEqual([10, 40, 50, 199]);
  });
});

describe("scoring: softmax for a head trained with softmax over 21", () => {
  it("scores are the softmax over all 21 columns (each anchor's sum to 1), the sigmoid ones are not", async () => {
    const anc = anchorTensors(ANCHORS_4x4);
    const { cls, bb } = activations(1, 16, 5);
    const soft = await ssdDecodeAsync(cls, bb, anc, "softmax");
    const sig = await ssdDecodeAsync(cls, bb, anc);
    const logits = (await cls.array())[0];
    soft.scores[0].forEach((row, a) => {
      expect(row.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 5);
      const z = logits[a].reduce((s, x) => s + Math.exp(x), 0);
      row.forEach((v, c) => {
        expect(v).toBeCloseTo(Math.exp(logits[a][c]) / z, 5);
      });
      expect(sig.scores[0][a][0]).toBeCloseTo(1 / (1 + Math.exp(-logits[a][0])), 5);
    });
    // detections follow the chosen scoring
    const dets = await ssdDetections(cls, bb, anc, { thresh: 0.05, scoring: "softmax" });
    for (const d of dets[0])
      expect(d.score).toBeCloseTo(
        soft.scores[0].map((r) => r[d.cls]).find((v) => Math.abs(v - d.score) < 1e-6) ?? -1,
        5,
      );
    tf.dispose([cls, bb]);
    disposeAnchorTensors(anc);
  });
});
