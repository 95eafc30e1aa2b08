// Test helpers for src/ssd: a seeded generator, random ground-truth batches, and a tensor-leak check.
import * as tf from "@tensorflow/tfjs-core";
import { expect } from "vitest";

/** mulberry32: a small seeded PRNG, so failures reproduce. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function normal(r: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());
}

export function randn(r: () => number, ...shape: number[]): number[] | number[][] | number[][][] {
  const make = (d: number): unknown =>
    d === shape.length - 1
      ? Array.from({ length: shape[d] }, () => normal(r))
      : Array.from({ length: shape[d] }, () => make(d + 1));
  return make(0) as number[][][];
}

/** A random box [r0, c0, r1, c1] in pixels of a sz x sz image, at least 8 px on a side. */
export function randomBox(r: () => number, sz = 224): number[] {
  const h = 8 + Math.floor(r() * (sz - 8));
  const w = 8 + Math.floor(r() * (sz - 8));
  const r0 = Math.floor(r() * (sz - h));
  const c0 = Math.floor(r() * (sz - w));
  return [r0, c0, r0 + h, c0 + w];
}

/**
 * A zero-padded ground-truth batch: image i has counts[i] objects, padding rows (zeros) placed at random
 * positions among them (the lesson's loader pre-pads; we test any position).
 */
export function randomTargets(
  r: () => number,
  counts: number[],
  m: number,
  numClasses: number,
  sz = 224,
): { boxes: number[][][]; classes: number[][] } {
  const boxes: number[][][] = [];
  const classes: number[][] = [];
  for (const n of counts) {
    const rows: { b: number[]; c: number }[] = Array.from({ length: m }, (_, j) =>
      j < n ? { b: randomBox(r, sz), c: Math.floor(r() * numClasses) } : { b: [0, 0, 0, 0], c: 0 },
    );
    // shuffle padding among objects, keeping the objects' own order
    const pads = rows.slice(n);
    const objs = rows.slice(0, n);
    const out: typeof rows = [];
    while (objs.length || pads.length) {
      if (pads.length && (!objs.length || r() < 0.5)) out.push(pads.pop()!);
      else out.push(objs.shift()!);
    }
    boxes.push(out.map((x) => x.b));
    classes.push(out.map((x) => x.c));
  }
  return { boxes, classes };
}

/** Call f (which returns tensors or nothing) several times; the tensor count must not grow. */
export function expectNoLeak(f: () => unknown, times = 3): void {
  const dispose = (x: unknown) => {
    if (x instanceof tf.Tensor) x.dispose();
    else if (x && typeof x === "object") for (const v of Object.values(x)) dispose(v);
  };
  dispose(f()); // warm-up (kernels may cache)
  const before = tf.memory().numTensors;
  for (let i = 0; i < times; i++) dispose(f());
  expect(tf.memory().numTensors).toBe(before);
}

export async function expectNoLeakAsync(f: () => Promise<unknown>, times = 3): Promise<void> {
  await f();
  const before = tf.memory().numTensors;
  for (let i = 0; i < times; i++) await f();
  expect(tf.memory().numTensors).toBe(before);
}

export function toNumber(t: tf.Tensor): number {
  const v = t.dataSync()[0];
  return v;
}
