// Starting the fast CPU path: the thread-pool sizing trick puts navigator back, and startWasmFast leaves tfjs
// on wasm with the conv gradients registered (Node: SIMD, one thread).
import "@tensorflow/tfjs-core/dist/register_all_gradients";
import { fileURLToPath } from "node:url";
import * as wasm from "@tensorflow/tfjs-backend-wasm";
import * as tf from "@tensorflow/tfjs-core";
import { afterAll, describe, expect, it } from "vitest";
import {
  disableWasmFast,
  isWasmFast,
  startWasmFast,
  wasmThreadsFor,
  withWasmThreadPool,
} from "../../../../src/compute/wasm-fast";

const WASM_DIR = fileURLToPath(
  new URL("../../../../node_modules/@tensorflow/tfjs-backend-wasm/dist/", import.meta.url),
);

describe("withWasmThreadPool", () => {
  it("shows 2 × threads cores only while tfjs-wasm starts, then restores navigator", async () => {
    class FakeNavigator {
      get hardwareConcurrency() {
        return 2;
      }
    }
    const had = Object.getOwnPropertyDescriptor(globalThis, "navigator");
    const nav = new FakeNavigator();
    Object.defineProperty(globalThis, "navigator", { configurable: true, value: nav });
    try {
      expect(wasmThreadsFor()).toBe(2);
      const seen = await withWasmThreadPool(2, async () => globalThis.navigator.hardwareConcurrency);
      expect(seen).toBe(4);
      expect(globalThis.navigator.hardwareConcurrency).toBe(2);
      expect(Object.getOwnPropertyDescriptor(nav, "hardwareConcurrency")).toBeUndefined();
      await expect(withWasmThreadPool(2, async () => Promise.reject(new Error("boom")))).rejects.toThrow(
        "boom",
      );
      expect(globalThis.navigator.hardwareConcurrency).toBe(2);
    } finally {
      if (had) Object.defineProperty(globalThis, "navigator", had);
      else delete (globalThis as { navigator?: unknown }).navigator;
    }
  });

  it("wasmThreadsFor keeps 1..8", () => {
    expect(wasmThreadsFor(0)).toBe(1);
    expect(wasmThreadsFor(4)).toBe(4);
    expect(wasmThreadsFor(64)).toBe(8);
  });
});

describe("startWasmFast", () => {
  afterAll(async () => {
    disableWasmFast();
    await tf.setBackend("cpu");
  });

  it("switches tfjs to wasm with the fast conv gradients and says so", async () => {
    const info = await startWasmFast(wasm, { wasmPath: WASM_DIR });
    expect(tf.getBackend()).toBe("wasm");
    expect(isWasmFast()).toBe(true);
    expect(info.active).toBe(true);
    expect(info.threadsCount).toBeGreaterThanOrEqual(1);
    expect(info.label).toMatch(/^WASM \((SIMD|no SIMD), \d+ threads?\) with fast conv gradients$/);
    // and a convolution now trains there
    const x = tf.randomNormal([2, 5, 5, 3]) as tf.Tensor4D;
    const w = tf.variable(tf.randomNormal([3, 3, 3, 4]));
    const { grads, value } = tf.variableGrads(() => tf.sum(tf.conv2d(x, w as tf.Tensor4D, 2, "same")), [w]);
    expect(grads[w.name].shape).toEqual([3, 3, 3, 4]);
    tf.dispose([x, w, value, grads[w.name]]);
  });
});
