// The fast CPU path's convolution gradients equal tfjs's built-in ones (CPU backend), on CPU (the functions
// themselves) and on the wasm backend (registered as its Conv2DBackpropFilter / Conv2DBackpropInput).
import "@tensorflow/tfjs-core/dist/register_all_gradients";
import * as tf from "@tensorflow/tfjs-core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type ConvPad,
  conv2dBackpropFilterViaConv,
  conv2dBackpropInputViaConv,
  phaseOf,
} from "../../../../src/compute/wasm-fast/conv-grads";
import { disableWasmFast, enableWasmFast, isWasmFast } from "../../../../src/compute/wasm-fast/register";
import { onWasm } from "../../wasm";

interface Case {
  x: [number, number, number, number];
  k: [number, number];
  cout: number;
  strides: [number, number];
  pad: ConvPad;
}

const LESSON_PAD: ConvPad = [
  [0, 0],
  [1, 1],
  [1, 1],
  [0, 0],
];

/** The lesson head's convolutions (small channel counts) and awkward ones: odd sizes, 'same' at stride 2, k > input. */
const CASES: Case[] = [
  { x: [2, 7, 7, 5], k: [3, 3], cout: 4, strides: [1, 1], pad: LESSON_PAD }, // sconv0
  { x: [2, 7, 7, 4], k: [3, 3], cout: 3, strides: [2, 2], pad: LESSON_PAD }, // sconv1 7→4
  { x: [2, 4, 4, 3], k: [3, 3], cout: 4, strides: [2, 2], pad: LESSON_PAD }, // sconv2 4→2
  { x: [2, 2, 2, 3], k: [3, 3], cout: 4, strides: [2, 2], pad: LESSON_PAD }, // sconv3 2→1
  { x: [2, 1, 1, 3], k: [3, 3], cout: 5, strides: [1, 1], pad: LESSON_PAD }, // out3 at 1×1
  { x: [1, 7, 7, 3], k: [3, 3], cout: 2, strides: [2, 2], pad: "same" }, // TF's asymmetric padding
  { x: [1, 8, 6, 3], k: [3, 2], cout: 2, strides: [2, 3], pad: "valid" },
  { x: [1, 9, 9, 2], k: [5, 5], cout: 3, strides: [3, 3], pad: 2 },
  { x: [3, 5, 5, 2], k: [1, 1], cout: 2, strides: [2, 2], pad: "valid" },
];

/** dL/dx and dL/dW of a non-trivial loss, sum(conv(x, W)·R), on the current backend. */
function convGrads(c: Case, seed: number): { dx: Float32Array; dw: Float32Array } {
  return tf.tidy(() => {
    const x = tf.randomNormal(c.x, 0, 1, "float32", seed) as tf.Tensor4D;
    const w = tf.randomNormal([...c.k, c.x[3], c.cout], 0, 1, "float32", seed + 1) as tf.Tensor4D;
    const y0 = tf.conv2d(x, w, c.strides, c.pad as "valid");
    const r = tf.randomNormal(y0.shape, 0, 1, "float32", seed + 2);
    const f = (a: tf.Tensor, b: tf.Tensor) =>
      tf.sum(tf.mul(tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, c.strides, c.pad as "valid"), r));
    const [dx, dw] = tf.grads(f)([x, w]);
    return { dx: dx.dataSync() as Float32Array, dw: dw.dataSync() as Float32Array };
  });
}

function expectClose(a: Float32Array, b: Float32Array, what: string): void {
  expect(a.length, what).toBe(b.length);
  const scale = Math.max(1, ...Array.from(b, Math.abs));
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
  expect(worst / scale, `${what}: max |diff| ${worst} (scale ${scale})`).toBeLessThan(1e-5);
}

describe("phaseOf: the taps of a transposed convolution's output phases", () => {
  it("stride 1 is one phase using every tap, flipped", () => {
    expect(phaseOf(0, 1, 3, 1, 7, 7)).toEqual({ taps: [2, 1, 0], rows: 7, before: 1, after: 1 });
  });
  it("stride 2, k 3, pad 1 (sconv1 7→4): even rows use the middle tap, odd rows the outer two", () => {
    expect(phaseOf(0, 2, 3, 1, 7, 4).taps).toEqual([1]);
    expect(phaseOf(1, 2, 3, 1, 7, 4).taps).toEqual([2, 0]);
    expect(phaseOf(0, 2, 3, 1, 7, 4).rows + phaseOf(1, 2, 3, 1, 7, 4).rows).toBe(7);
  });
});

describe("convolution gradients via forward convolutions, CPU backend", () => {
  it.each(CASES.map((c, i) => [i, c] as const))("case %i equals tfjs's built-in gradients", (_, c) => {
    const ref = convGrads(c, 10);
    tf.tidy(() => {
      const x = tf.randomNormal(c.x, 0, 1, "float32", 10) as tf.Tensor4D;
      const w = tf.randomNormal([...c.k, c.x[3], c.cout], 0, 1, "float32", 11) as tf.Tensor4D;
      const y0 = tf.conv2d(x, w, c.strides, c.pad as "valid");
      const r = tf.randomNormal(y0.shape, 0, 1, "float32", 12) as tf.Tensor4D; // dL/dy of sum(y·R)
      const dx = conv2dBackpropInputViaConv(r, w, c.x, c.strides, c.pad);
      const dw = conv2dBackpropFilterViaConv(x, r, w.shape, c.strides, c.pad);
      expectClose(dx.dataSync() as Float32Array, ref.dx, "dx");
      expectClose(dw.dataSync() as Float32Array, ref.dw, "dW");
    });
  });

  it("random shapes, strides and paddings agree (property)", () => {
    fc.assert(
      fc.property(
        fc.record({
          n: fc.integer({ min: 1, max: 2 }),
          h: fc.integer({ min: 1, max: 9 }),
          w: fc.integer({ min: 1, max: 9 }),
          cin: fc.integer({ min: 1, max: 3 }),
          cout: fc.integer({ min: 1, max: 3 }),
          kh: fc.integer({ min: 1, max: 4 }),
          kw: fc.integer({ min: 1, max: 4 }),
          sh: fc.integer({ min: 1, max: 3 }),
          sw: fc.integer({ min: 1, max: 3 }),
          pad: fc.constantFrom<ConvPad>("same", "valid", 0, 1, LESSON_PAD),
        }),
        (p) => {
          const c: Case = {
            x: [p.n, p.h + p.kh, p.w + p.kw, p.cin],
            k: [p.kh, p.kw],
            cout: p.cout,
            strides: [p.sh, p.sw],
            pad: p.pad,
          };
          const ref = convGrads(c, 3);
          tf.tidy(() => {
            const x = tf.randomNormal(c.x, 0, 1, "float32", 3) as tf.Tensor4D;
            const w = tf.randomNormal([...c.k, c.x[3], c.cout], 0, 1, "float32", 4) as tf.Tensor4D;
            const r = tf.randomNormal(
              tf.conv2d(x, w, c.strides, c.pad as "valid").shape,
              0,
              1,
              "float32",
              5,
            ) as tf.Tensor4D;
            expectClose(
              conv2dBackpropInputViaConv(r, w, c.x, c.strides, c.pad).dataSync() as Float32Array,
              ref.dx,
              "dx",
            );
            expectClose(
              conv2dBackpropFilterViaConv(x, r, w.shape, c.strides, c.pad).dataSync() as Float32Array,
              ref.dw,
              "dW",
            );
          });
        },
      ),
      { numRuns: 60, seed: 42 },
    );
  });

  it("leaves no tensors behind", () => {
    const c = CASES[1];
    const x = tf.randomNormal(c.x) as tf.Tensor4D;
    const w = tf.randomNormal([...c.k, c.x[3], c.cout]) as tf.Tensor4D;
    const dy = tf.randomNormal([2, 4, 4, c.cout]) as tf.Tensor4D;
    const before = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) {
      tf.dispose([
        conv2dBackpropInputViaConv(dy, w, c.x, c.strides, c.pad),
        conv2dBackpropFilterViaConv(x, dy, w.shape, c.strides, c.pad),
      ]);
      expect(tf.memory().numTensors).toBe(before);
    }
    tf.dispose([x, w, dy]);
  });
});

describe("wasm backend with enableWasmFast()", () => {
  const ref = new Map<number, { dx: Float32Array; dw: Float32Array }>();
  onWasm(
    () => {
      for (const [i, c] of CASES.entries()) ref.set(i, convGrads(c, 20));
    },
    { fast: false },
  );

  it("without it, wasm cannot train a convolution (Conv2DBackpropFilter is missing)", () => {
    disableWasmFast();
    expect(isWasmFast()).toBe(false);
    expect(() => convGrads(CASES[0], 20)).toThrow(/Conv2DBackpropFilter/);
  });

  it.each(CASES.map((c, i) => [i, c] as const))(
    "case %i: wasm gradients equal the CPU backend's built-in ones",
    (i, c) => {
      enableWasmFast();
      expect(isWasmFast()).toBe(true);
      const got = convGrads(c, 20);
      const want = ref.get(i)!;
      expectClose(got.dx, want.dx, "dx");
      expectClose(got.dw, want.dw, "dW");
    },
  );

  it("tile (used by BatchNorm's gradient) equals the original, for float32, int32 and bool", () => {
    enableWasmFast();
    const cases: [number[], number[]][] = [
      [
        [1, 1, 1, 4],
        [2, 3, 3, 1],
      ],
      [
        [2, 3],
        [3, 2],
      ],
      [[3], [1]],
      [
        [2, 1, 2],
        [1, 4, 3],
      ],
    ];
    for (const [shape, reps] of cases) {
      const n = shape.reduce((a, b) => a * b, 1);
      const vals = Array.from({ length: n }, (_, i) => i - 2);
      for (const dtype of ["float32", "int32", "bool"] as const) {
        const x = tf.tensor(vals.map((v) => (dtype === "bool" ? v > 0 : v)) as never, shape, dtype);
        const got = tf.tile(x, reps);
        // reference: plain JS tiling
        const out = shape.map((d, i) => d * reps[i]);
        const want = tf.buffer(out, dtype);
        const xb = x.bufferSync();
        for (let flat = 0; flat < want.size; flat++) {
          const loc = want.indexToLoc(flat);
          want.set(xb.get(...loc.map((l, i) => l % shape[i])), ...loc);
        }
        expect(got.shape).toEqual(out);
        expect(Array.from(got.dataSync())).toEqual(Array.from(want.values));
        tf.dispose([x, got]);
      }
    }
  });

  it("a training step's gradients leave no tensors behind", () => {
    enableWasmFast();
    const c = CASES[1];
    const x = tf.randomNormal(c.x) as tf.Tensor4D;
    const w = tf.variable(tf.randomNormal([...c.k, c.x[3], c.cout]));
    const step = () =>
      tf.tidy(() => {
        const { grads } = tf.variableGrads(
          () =>
            tf.sum(
              tf.square(
                tf.conv2d(tf.mul(x, 1.5) as tf.Tensor4D, w as tf.Tensor4D, c.strides, c.pad as "valid"),
              ),
            ),
          [w],
        );
        w.assign(tf.sub(w, tf.mul(grads[w.name], 1e-3)));
      });
    step();
    const before = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) {
      step();
      expect(tf.memory().numTensors).toBe(before);
    }
    tf.dispose([x, w]);
  });
});
