// The trainable MobileNetV3 body (CenterNet's graph walked op by op, weights as variables) computes the frozen
// GraphModel's features, and its gradients reach the body's weights in both layer groups (freeze_to / unfreeze).
import * as tf from "@tensorflow/tfjs-core";
import "@tensorflow/tfjs-core/dist/register_all_gradients";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { centernetHandler } from "../../../scripts/models-node";
import type { Backbone } from "../../../src/model/backbone";
import { loadCenternet } from "../../../src/model/graph-backbone";
import { centernetLayerGroup, loadTrainableCenternet } from "../../../src/model/trainable-body";

// the body accepts any size: 96 px keeps the CPU backend quick (3×3 features)
const SIZE = 96;
let frozen: Backbone;
let body: Backbone;
beforeAll(async () => {
  frozen = await loadCenternet(centernetHandler(), { inputSize: SIZE });
  body = await loadTrainableCenternet(centernetHandler(), { inputSize: SIZE });
});
afterAll(() => {
  frozen?.dispose();
  body?.dispose();
});

describe("trainable CenterNet body", () => {
  it("gives the GraphModel's features (same shape, < 1e-4 relative) and leaks no tensors", () => {
    expect(body.frozen).toBe(false);
    expect(body.featureShape).toEqual(frozen.featureShape);
    expect(body.featureShape).toEqual([3, 3, 480]);
    const x = tf.randomUniform([2, SIZE, SIZE, 3], 0, 255, "float32", 5) as tf.Tensor4D;
    const n = tf.memory().numTensors;
    const [err, scale] = tf.tidy(() => {
      const want = frozen.features(x);
      const got = body.features(x);
      return [tf.max(tf.abs(tf.sub(got, want))).dataSync()[0], tf.max(tf.abs(want)).dataSync()[0]];
    });
    expect(tf.memory().numTensors).toBe(n);
    x.dispose();
    console.log(`trainable body vs GraphModel: max |Δ| ${err.toExponential(2)}, max |f| ${scale.toFixed(2)}`);
    expect(scale).toBeGreaterThan(1);
    expect(err / scale).toBeLessThan(1e-4);
  });

  it("splits the weights into two layer groups like fastai's resnet split (early blocks, late blocks)", () => {
    const params = body.store?.params ?? [];
    const size = (g: number) => params.filter((p) => p.group === g).reduce((s, p) => s + p.variable.size, 0);
    expect(params.every((p) => p.trainable)).toBe(true);
    expect(centernetLayerGroup("tower_0/MobilenetV3/Conv/Conv2D_weights")).toBe(0);
    expect(centernetLayerGroup("tower_0/MobilenetV3/expanded_conv/depthwise/depthwise_weights")).toBe(0);
    expect(centernetLayerGroup("tower_0/MobilenetV3/expanded_conv_5/project/Conv2D_weights")).toBe(0);
    expect(centernetLayerGroup("MobilenetV3/expanded_conv_6/squeeze_excite/Conv/weights")).toBe(1);
    expect(centernetLayerGroup("tower_0/MobilenetV3/expanded_conv_14/expand/Conv2D_weights")).toBe(1);
    expect(centernetLayerGroup("tower_0/extern1/Conv2D_weights")).toBe(1);
    console.log(`body params: group 0 ${size(0)}, group 1 ${size(1)}`);
    expect(size(0)).toBeGreaterThan(10_000);
    // the late blocks are the wide ones: most of the weights
    expect(size(1)).toBeGreaterThan(size(0));
  });

  it("gradients reach both groups' weights and match a finite difference", () => {
    const params = body.store?.params ?? [];
    const x = tf.randomUniform([1, SIZE, SIZE, 3], 0, 255, "float32", 6) as tf.Tensor4D;
    const probe = tf.randomNormal([1, ...body.featureShape], 0, 1, "float32", 7);
    const loss = () => tf.sum(tf.mul(body.features(x), probe)) as tf.Scalar;
    const early = params.find((p) => p.key.includes("expanded_conv_1/expand/Conv2D_bn_offset"));
    const late = params.find((p) => p.key.includes("expanded_conv_13/project/Conv2D_bn_offset"));
    if (!early || !late) throw new Error("expected bias variables not found");
    expect([early.group, late.group]).toEqual([0, 1]);
    const { grads } = tf.variableGrads(loss, [early.variable, late.variable]);
    for (const p of [early, late]) {
      const g = grads[p.variable.name];
      const norm = tf.tidy(() => tf.norm(g).dataSync()[0]);
      expect(norm, p.key).toBeGreaterThan(0);
      expect(Number.isFinite(norm)).toBe(true);
      // directional derivative along a random direction d: (L(w + εd) − L(w − εd)) / 2ε ≈ ⟨∇L, d⟩
      const d = tf.randomNormal(p.variable.shape, 0, 1, "float32", 8);
      // small enough to cross few ReLU kinks (1e-2 crosses enough to be 7 % off), large enough for float32
      const eps = 3e-3;
      const w0 = p.variable.clone();
      const at = (s: number) =>
        tf.tidy(() => {
          p.variable.assign(tf.add(w0, tf.mul(d, s)));
          return loss().dataSync()[0];
        });
      const numeric = (at(eps) - at(-eps)) / (2 * eps);
      p.variable.assign(w0);
      const analytic = tf.tidy(() => tf.sum(tf.mul(g, d)).dataSync()[0]);
      console.log(`${p.key}: analytic ${analytic.toFixed(3)}, numeric ${numeric.toFixed(3)}`);
      // measured: −0.898 vs −0.901 (early), 0.365 vs 0.371 (late)
      expect(Math.abs(analytic - numeric)).toBeLessThan(0.05 * Math.abs(analytic));
      tf.dispose([d, w0]);
    }
    tf.dispose([x, probe, ...Object.values(grads)]);
  });
});
