// Gradient checks by central finite differences (float32, so the step sizes and tolerances are chosen for
// it): ssdLoss (loc and clas separately, BCE and focal) and detnLoss.
import "@tensorflow/tfjs-core/dist/register_all_gradients";
import * as tf from "@tensorflow/tfjs-core";
import { describe, expect, it } from "vitest";
import {
  ANCHORS_4x4,
  anchorTensors,
  detnLoss,
  disposeAnchorTensors,
  focalLoss,
  ssdLoss,
} from "../../../src/ssd";
import { randn, randomTargets, rng } from "./helpers";

/** Central differences of f at x (flat values of a tensor of `shape`), one coordinate at a time. */
function fdGrad(f: (x: tf.Tensor) => tf.Scalar, x: number[], shape: number[], h: number): number[] {
  const at = (v: number[]) => tf.tidy(() => f(tf.tensor(v, shape)).dataSync()[0]);
  return x.map((_, i) => {
    const up = x.slice();
    const dn = x.slice();
    up[i] += h;
    dn[i] -= h;
    return (at(up) - at(dn)) / (2 * h);
  });
}

function analytic(f: (x: tf.Tensor) => tf.Scalar, x: number[], shape: number[]): number[] {
  return tf.tidy(() => Array.from(tf.grad(f)(tf.tensor(x, shape)).dataSync()));
}

function expectClose(got: number[], want: number[], atol: number, rtol: number): void {
  let worst = 0;
  got.forEach((g, i) => {
    worst = Math.max(worst, Math.abs(g - want[i]) / (atol + rtol * Math.abs(want[i])));
  });
  if (process.env.SHOW_WORST) console.log("worst err/tol", worst.toFixed(3));
  expect(worst).toBeLessThanOrEqual(1);
}

describe("gradient checks (finite differences)", () => {
  const r = rng(42);
  const b = 2;
  const a = 16;
  const c = 3; // small class count keeps float32 differences meaningful
  const { boxes, classes } = randomTargets(r, [2, 1], 3, c);
  const cls = (randn(r, b, a, c + 1) as number[][][]).flat(2);
  const bb = (randn(r, b, a, 4) as number[][][]).map((i) => i.map((row) => row.map((v) => v * 0.5))).flat(2);
  const anchors = anchorTensors(ANCHORS_4x4);
  const g = tf.tensor3d(boxes);
  const k = tf.tensor2d(classes, undefined, "int32");
  const clsShape = [b, a, c + 1];
  const bbShape = [b, a, 4];

  for (const loss of ["bce", "focal"] as const) {
    const opts = { anchors, sz: 224, threshold: 0.4, loss, alpha: 0.25, gamma: 2 };
    it(`ssdLoss clas (${loss}) w.r.t. the class logits`, () => {
      const bbT = tf.tensor3d(bb, bbShape as [number, number, number]);
      const f = (x: tf.Tensor) => ssdLoss(x as tf.Tensor3D, bbT, g, k, opts).clas;
      const an = analytic(f, cls, clsShape);
      expect(an.some((v) => Math.abs(v) > 1e-3)).toBe(true);
      expectClose(an, fdGrad(f, cls, clsShape, 1e-2), 2e-4, 1e-2);
      bbT.dispose();
    });
  }

  it("ssdLoss loc w.r.t. the box activations", () => {
    const clsT = tf.tensor3d(cls, clsShape as [number, number, number]);
    const f = (x: tf.Tensor) => ssdLoss(clsT, x as tf.Tensor3D, g, k, { anchors, sz: 224 }).loc;
    const an = analytic(f, bb, bbShape);
    expect(an.filter((v) => v !== 0).length).toBeGreaterThan(4); // the positives' activations get gradient
    expectClose(an, fdGrad(f, bb, bbShape, 1e-3), 1e-4, 1e-2);
    clsT.dispose();
  });

  it("the focal weight is not detached (the lesson's gradient, not the community ports')", () => {
    const logits = [
      [0.3, -1.2, 2.0, 0.1],
      [-0.5, 0.8, -2.2, 0.4],
    ];
    const targets = tf.tensor1d([1, 3], "int32");
    const f = (x: tf.Tensor) => focalLoss(x, targets, 3, { alpha: 0.25, gamma: 2 });
    const an = analytic(f, logits.flat(), [2, 4]);
    expectClose(an, fdGrad(f, logits.flat(), [2, 4], 1e-2), 1e-4, 1e-2);
    // with the weight detached the gradient would be w * (sigmoid(x) - t) / C: clearly different
    const detached = logits.flatMap((row, i) =>
      row.map((x, j) => {
        if (j === 3) return 0;
        const t = [1, 3][i] === j ? 1 : 0;
        const p = 1 / (1 + Math.exp(-x));
        const pt = p * t + (1 - p) * (1 - t);
        return ((0.25 * t + 0.75 * (1 - t)) * (1 - pt) ** 2 * (p - t)) / 3;
      }),
    );
    const diff = Math.max(...an.map((v, i) => Math.abs(v - detached[i])));
    expect(diff).toBeGreaterThan(0.01);
    targets.dispose();
  });

  it("detnLoss (l1 and ce) w.r.t. the head output", () => {
    const rr = rng(8);
    const n = 3;
    const input = (randn(rr, n, 4 + 5) as number[][]).flat();
    const bbT = tf.tensor2d([
      [10, 20, 150, 200],
      [0, 0, 224, 224],
      [60, 70, 180, 200],
    ]);
    const cT = tf.tensor1d([0, 4, 2], "int32");
    for (const part of ["l1", "ce", "loss"] as const) {
      const f = (x: tf.Tensor) => detnLoss(x as tf.Tensor2D, bbT, cT, { sz: 224, ceWeight: 20 })[part];
      const an = analytic(f, input, [n, 9]);
      expectClose(an, fdGrad(f, input, [n, 9], 1e-2), 5e-3, 1e-2);
    }
    tf.dispose([bbT, cT]);
  });

  it("cleans up", () => {
    disposeAnchorTensors(anchors);
    tf.dispose([g, k]);
  });
});
