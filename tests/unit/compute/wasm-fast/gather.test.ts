// tf.gather with batchDims on the wasm fast path equals the CPU backend's (tfjs-wasm 4.22's own kernel reads
// the wrong indices for every batch after the first: tensorflow/tfjs#8658; the SSD loss gathers this way).
import * as tf from "@tensorflow/tfjs-core";
import { describe, expect, it } from "vitest";
import { gatherViaFlatRows } from "../../../../src/compute/wasm-fast/gather";
import { onWasm } from "../../wasm";

interface Case {
  x: number[];
  idx: number[];
  axis: number;
  batchDims: number;
}

/** The SSD loss's two gathers ([B, M, 4] and [B, M] by [B, A]) and other batched shapes. */
const CASES: Case[] = [
  { x: [4, 5, 4], idx: [4, 189], axis: 1, batchDims: 1 }, // gtBbox = gather(gtBoxes, gtIdx, 1, 1)
  { x: [4, 5], idx: [4, 189], axis: 1, batchDims: 1 }, // gtClas = gather(classes, gtIdx, 1, 1)
  { x: [3, 2, 6, 2], idx: [3, 7], axis: 2, batchDims: 1 }, // outer axis between batch and gather axis
  { x: [2, 3, 5, 2], idx: [2, 3, 4], axis: 2, batchDims: 2 },
  { x: [5, 7], idx: [6], axis: 1, batchDims: 0 }, // plain gather: wasm's own kernel
];

/** Deterministic inputs: x counts up; indices cycle through the gather axis with a per-row shift. */
function inputs(c: Case, dtype: "float32" | "int32"): { x: tf.Tensor; idx: tf.Tensor } {
  const n = c.x.reduce((a, b) => a * b, 1);
  const m = c.idx.reduce((a, b) => a * b, 1);
  const dim = c.x[c.axis];
  const x = tf.tensor(
    Array.from({ length: n }, (_, i) => i * 0.5 - 3),
    c.x,
    dtype,
  );
  const idx = tf.tensor(
    Array.from({ length: m }, (_, i) => (i * 7 + Math.floor(i / 5)) % dim),
    c.idx,
    "int32",
  );
  return { x, idx };
}

function gathered(c: Case, dtype: "float32" | "int32", via?: "flat"): { shape: number[]; values: number[] } {
  return tf.tidy(() => {
    const { x, idx } = inputs(c, dtype);
    const y = via ? gatherViaFlatRows(x, idx, c.axis, c.batchDims) : tf.gather(x, idx, c.axis, c.batchDims);
    return { shape: y.shape, values: Array.from(y.dataSync()) };
  });
}

describe("gatherViaFlatRows on the CPU backend", () => {
  it.each(CASES.map((c, i) => [i, c] as const))("case %i equals tf.gather", (_, c) => {
    expect(gathered(c, "float32", "flat")).toEqual(gathered(c, "float32"));
  });

  it("leaves no tensors behind", () => {
    const { x, idx } = inputs(CASES[0], "float32");
    const before = tf.memory().numTensors;
    gatherViaFlatRows(x, idx, 1, 1).dispose();
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([x, idx]);
  });
});

describe("wasm backend with enableWasmFast(): batched gather", () => {
  const ref = new Map<string, { shape: number[]; values: number[] }>();
  onWasm(
    () => {
      for (const [i, c] of CASES.entries()) {
        for (const dtype of ["float32", "int32"] as const) ref.set(`${i}${dtype}`, gathered(c, dtype));
      }
    },
    { fast: true },
  );

  it.each(CASES.map((c, i) => [i, c] as const))("case %i equals the CPU backend (float32, int32)", (i, c) => {
    for (const dtype of ["float32", "int32"] as const) {
      expect(gathered(c, dtype), dtype).toEqual(ref.get(`${i}${dtype}`));
    }
  });

  it("leaves no tensors behind", () => {
    const { x, idx } = inputs(CASES[0], "float32");
    const before = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) tf.gather(x, idx, 1, 1).dispose();
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([x, idx]);
  });
});
