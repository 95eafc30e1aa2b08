// The fast CPU path's depthwise convolution gradients equal tfjs's built-in ones (CPU backend), as functions on CPU
// and on the wasm backend (which lacks DepthwiseConv2dNativeBackpropInput/Filter until enableWasmFast registers them).
import "@tensorflow/tfjs-core/dist/register_all_gradients";
import * as tf from "@tensorflow/tfjs-core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ConvPad } from "../../../../src/compute/wasm-fast/conv-grads";
import {
  depthwiseBackpropFilterViaConv,
  depthwiseBackpropInputViaConv,
} from "../../../../src/compute/wasm-fast/depthwise-grads";
import { disableWasmFast, enableWasmFast } from "../../../../src/compute/wasm-fast/register";
import { onWasm } from "../../wasm";

interface Case {
  x: [number, number, number, number];
  k: [number, number];
  strides: [number, number];
  pad: ConvPad;
}

/** MobileNetV3's depthwise convs (3×3 and 5×5, 'same', stride 1 and 2, even and odd sizes) and awkward ones. */
const CASES: Case[] = [
  { x: [2, 8, 8, 4], k: [3, 3], strides: [1, 1], pad: "same" },
  { x: [2, 8, 8, 4], k: [3, 3], strides: [2, 2], pad: "same" }, // TF's asymmetric padding at stride 2
  { x: [1, 7, 7, 3], k: [5, 5], strides: [2, 2], pad: "same" },
  { x: [2, 6, 6, 5], k: [5, 5], strides: [1, 1], pad: "same" },
  { x: [1, 3, 3, 2], k: [5, 5], strides: [2, 2], pad: "same" }, // filter larger than the input
  { x: [1, 9, 7, 2], k: [3, 2], strides: [2, 3], pad: "valid" },
  { x: [1, 9, 9, 2], k: [3, 3], strides: [3, 3], pad: 1 },
];

const filterShape = (c: Case): [number, number, number, number] => [...c.k, c.x[3], 1];

/** dL/dx and dL/dW of sum(depthwiseConv2d(x, W)·R) by tfjs's gradients on the current backend. */
function grads(c: Case, seed: number): { dx: Float32Array; dw: Float32Array } {
  return tf.tidy(() => {
    const x = tf.randomNormal(c.x, 0, 1, "float32", seed) as tf.Tensor4D;
    const w = tf.randomNormal(filterShape(c), 0, 1, "float32", seed + 1) as tf.Tensor4D;
    const conv = (a: tf.Tensor, b: tf.Tensor) =>
      tf.depthwiseConv2d(a as tf.Tensor4D, b as tf.Tensor4D, c.strides, c.pad as "valid");
    const r = tf.randomNormal(conv(x, w).shape, 0, 1, "float32", seed + 2);
    const [dx, dw] = tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(conv(a, b), r)))([x, w]);
    return { dx: dx.dataSync() as Float32Array, dw: dw.dataSync() as Float32Array };
  });
}

/** The same two gradients from our functions, called directly. */
function ours(c: Case, seed: number): { dx: Float32Array; dw: Float32Array } {
  return tf.tidy(() => {
    const x = tf.randomNormal(c.x, 0, 1, "float32", seed) as tf.Tensor4D;
    const w = tf.randomNormal(filterShape(c), 0, 1, "float32", seed + 1) as tf.Tensor4D;
    const y = tf.depthwiseConv2d(x, w, c.strides, c.pad as "valid");
    const r = tf.randomNormal(y.shape, 0, 1, "float32", seed + 2) as tf.Tensor4D; // dL/dy of sum(y·R)
    return {
      dx: depthwiseBackpropInputViaConv(r, w, c.x, c.strides, c.pad).dataSync() as Float32Array,
      dw: depthwiseBackpropFilterViaConv(x, r, w.shape, c.strides, c.pad).dataSync() as Float32Array,
    };
  });
}

function expectClose(a: Float32Array, b: Float32Array, what: string): void {
  expect(a.length, what).toBe(b.length);
  const scale = Math.max(1, ...Array.from(b, Math.abs));
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
  expect(worst / scale, `${what}: max |diff| ${worst} (scale ${scale})`).toBeLessThan(1e-5);
}

describe("depthwise gradients via forward ops, CPU backend", () => {
  it.each(CASES.map((c, i) => [i, c] as const))("case %i equals tfjs's built-in gradients", (_, c) => {
    const want = grads(c, 10);
    const got = ours(c, 10);
    expectClose(got.dx, want.dx, "dx");
    expectClose(got.dw, want.dw, "dW");
  });

  it("random shapes, strides and paddings agree (property)", () => {
    fc.assert(
      fc.property(
        fc.record({
          n: fc.integer({ min: 1, max: 2 }),
          h: fc.integer({ min: 0, max: 7 }),
          w: fc.integer({ min: 0, max: 7 }),
          c: fc.integer({ min: 1, max: 3 }),
          kh: fc.integer({ min: 1, max: 5 }),
          kw: fc.integer({ min: 1, max: 5 }),
          s: fc.integer({ min: 1, max: 3 }),
          pad: fc.constantFrom<ConvPad>("same", "valid", 0, 1),
        }),
        (p) => {
          // tfjs's depthwise conv wants equal strides in both directions when not 1
          const c: Case = {
            x: [p.n, p.h + p.kh, p.w + p.kw, p.c],
            k: [p.kh, p.kw],
            strides: [p.s, p.s],
            pad: p.pad,
          };
          const want = grads(c, 3);
          const got = ours(c, 3);
          expectClose(got.dx, want.dx, "dx");
          expectClose(got.dw, want.dw, "dW");
        },
      ),
      { numRuns: 60, seed: 42 },
    );
  });

  it("leaves no tensors behind", () => {
    const before = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) ours(CASES[2], i);
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe("wasm backend with enableWasmFast()", () => {
  const ref = new Map<number, { dx: Float32Array; dw: Float32Array }>();
  onWasm(
    () => {
      for (const [i, c] of CASES.entries()) ref.set(i, grads(c, 20));
    },
    { fast: false },
  );

  it("without it, wasm cannot train a depthwise convolution (its gradient kernels are missing)", () => {
    disableWasmFast();
    expect(() => grads(CASES[0], 20)).toThrow(/DepthwiseConv2dNativeBackprop/);
  });

  it.each(CASES.map((c, i) => [i, c] as const))(
    "case %i: wasm gradients equal the CPU backend's built-in ones",
    (i, c) => {
      enableWasmFast();
      const got = grads(c, 20);
      const want = ref.get(i) as { dx: Float32Array; dw: Float32Array };
      expectClose(got.dx, want.dx, "dx");
      expectClose(got.dw, want.dw, "dW");
    },
  );
});
