import * as tf from "@tensorflow/tfjs-core";
import { describe, expect, it } from "vitest";
import { argMaxFirst, FORCED_OVERLAP, mapToGroundTruth, mapToGroundTruthBatch } from "../../../src/ssd";
import { expectNoLeak, rng } from "./helpers";

/** The lesson's map_to_ground_truth written literally on plain arrays: an independent reference. */
function lessonMatch(o: number[][]): { gtOverlap: number[]; gtIdx: number[] } {
  const argmaxFirst = (v: number[]) => v.reduce((best, x, i) => (x > v[best] ? i : best), 0);
  const priorIdx = o.map((row) => argmaxFirst(row)); // overlaps.max(1)
  const cols = o[0].map((_, j) => o.map((row) => row[j]));
  const gtIdx = cols.map((c) => argmaxFirst(c)); // overlaps.max(0)
  const gtOverlap = cols.map((c, j) => c[gtIdx[j]]);
  for (const p of priorIdx) gtOverlap[p] = 1.99; // gt_overlap[prior_idx] = 1.99
  priorIdx.forEach((p, i) => {
    gtIdx[p] = i; // for i,o in enumerate(prior_idx): gt_idx[o] = i
  });
  return { gtOverlap, gtIdx };
}

function perImage(overlaps: number[][]): { gtOverlap: number[]; gtIdx: number[] } {
  const m = mapToGroundTruth(tf.tensor2d(overlaps));
  const out = { gtOverlap: Array.from(m.gtOverlap.dataSync()), gtIdx: Array.from(m.gtIdx.dataSync()) };
  tf.dispose([m.gtOverlap, m.gtIdx]);
  return out;
}

describe("mapToGroundTruth", () => {
  it("the worked example (reference §4.2)", () => {
    const o = Array.from({ length: 3 }, () => new Array(16).fill(0));
    Object.entries({ "0,9": 0.009129, "0,10": 0.092219, "0,13": 0.031493, "0,14": 0.398524 }).forEach(
      ([k, v]) => {
        const [i, j] = k.split(",").map(Number);
        o[i][j] = v;
      },
    );
    Object.entries({
      "1,8": 0.035596,
      "1,9": 0.054878,
      "1,10": 0.010324,
      "1,12": 0.259818,
      "1,13": 0.453781,
    }).forEach(([k, v]) => {
      const [i, j] = k.split(",").map(Number);
      o[i][j] = v;
    });
    o[1][14] = 0.065318;
    o[2][11] = 0.189732;
    const m = perImage(o);
    expect(m.gtIdx).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 0, 2, 1, 1, 0, 0]);
    expect(m.gtOverlap.map((v) => Number(v.toFixed(4)))).toEqual([
      0, 0, 0, 0, 0, 0, 0, 0, 0.0356, 0.0549, 0.0922, 1.99, 0.2598, 1.99, 1.99, 0,
    ]);
  });

  it("first index on ties; the later object wins a shared best anchor", () => {
    // objects 0 and 2 both have anchor 1 as their best; object 1 ties between anchors 2 and 3; anchor 3 ties between objects 0 and 1
    const m = perImage([
      [0.1, 0.6, 0.2, 0.3],
      [0.1, 0.1, 0.3, 0.3],
      [0.0, 0.5, 0.0, 0.0],
    ]);
    expect(m.gtIdx).toEqual([0, 2, 1, 0]);
    expect(m.gtOverlap.map((v) => Number(v.toFixed(4)))).toEqual([0.1, FORCED_OVERLAP, FORCED_OVERLAP, 0.3]);
  });

  it("argMaxFirst takes the first of equal maxima", () => {
    const x = tf.tensor2d([
      [1, 3, 3],
      [2, 2, 0],
    ]);
    expect(argMaxFirst(x, 1).arraySync()).toEqual([1, 0]);
    expect(argMaxFirst(x, 0).arraySync()).toEqual([1, 0, 0]);
    x.dispose();
  });

  it("per-image and batched rules equal the lesson's literal loop on random batches with ties and padding", () => {
    const r = rng(7);
    const levels = [0, 0, 0.05, 0.2, 0.45, 0.6];
    for (let trial = 0; trial < 40; trial++) {
      const b = 1 + Math.floor(r() * 3);
      const m = 1 + Math.floor(r() * 5);
      const a = 2 + Math.floor(r() * 12);
      const overlaps = Array.from({ length: b }, () =>
        Array.from({ length: m }, () =>
          Array.from({ length: a }, () => levels[Math.floor(r() * levels.length)]),
        ),
      );
      const valid = Array.from({ length: b }, () => Array.from({ length: m }, () => r() < 0.7));
      const got = tf.tidy(() => {
        const res = mapToGroundTruthBatch(
          tf.tensor3d(overlaps),
          tf.tensor2d(
            valid.map((v) => v.map(Number)),
            [b, m],
          ),
        );
        return { o: res.gtOverlap.arraySync() as number[][], i: res.gtIdx.arraySync() as number[][] };
      });
      overlaps.forEach((img, bi) => {
        const rows = img.map((_, j) => j).filter((j) => valid[bi][j]);
        if (rows.length === 0) {
          expect(got.o[bi].every((v) => v < 0)).toBe(true); // no object: every anchor is background
          return;
        }
        const compact = rows.map((j) => img[j]);
        const want = lessonMatch(compact);
        const single = perImage(compact);
        expect(single.gtIdx).toEqual(want.gtIdx);
        expect(single.gtOverlap).toEqual(want.gtOverlap.map(Math.fround));
        expect(got.o[bi]).toEqual(want.gtOverlap.map(Math.fround));
        expect(got.i[bi]).toEqual(want.gtIdx.map((k) => rows[k])); // indices into the padded rows
      });
    }
  });

  it("does not leak tensors", () => {
    const o = tf.tensor3d([
      [
        [0.1, 0.5],
        [0.7, 0.2],
      ],
    ]);
    const v = tf.tensor2d([[1, 1]]);
    expectNoLeak(() => mapToGroundTruthBatch(o, v));
    const o2 = tf.tensor2d([[0.1, 0.5]]);
    expectNoLeak(() => mapToGroundTruth(o2));
    tf.dispose([o, v, o2]);
  });
});
