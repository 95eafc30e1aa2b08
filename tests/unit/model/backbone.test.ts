// The pretrained backbone: CenterNet's MobileNetV3 body, input patched to a free size, 0..255 input.
import * as tf from "@tensorflow/tfjs-core";
import "@tensorflow/tfjs-core/dist/register_all_gradients"; // the linear probe trains
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { centernetHandler, loadBuiltinNode, useWasmFast } from "../../../scripts/models-node";
import type { Backbone } from "../../../src/model/backbone";
import { CENTERNET, loadCenternet } from "../../../src/model/graph-backbone";
import { prepareImages } from "../../../src/train/dataset";
import { imageBatch } from "../../../src/train/examples";

let backbone: Backbone;
beforeAll(async () => {
  await useWasmFast();
  backbone = await loadCenternet(centernetHandler());
});
afterAll(() => backbone?.dispose());

describe("CenterNet MobileNetV3 backbone", () => {
  it("a 224×224 image gives 7×7×480 at the cut and 14×14×88 at expanded_conv_11", async () => {
    expect(backbone.featureShape).toEqual([7, 7, 480]);
    expect(backbone.frozen).toBe(true);
    const b14 = await loadCenternet(centernetHandler(), { node: CENTERNET.node14 });
    expect(b14.featureShape).toEqual([14, 14, 88]);
    b14.dispose();
    const x = tf.randomUniform([2, 224, 224, 3], 0, 255) as tf.Tensor4D;
    const n = tf.memory().numTensors;
    const f = backbone.features(x);
    expect(f.shape).toEqual([2, 7, 7, 480]);
    f.dispose();
    expect(tf.memory().numTensors).toBe(n);
    x.dispose();
  });

  it("features of the built-in sample separate its classes far above chance (linear probe), in 0..255 range", async () => {
    const ds = await loadBuiltinNode();
    // images whose single largest object dominates: label = that object's class
    const pick = ds.images.filter((im) => im.objects.length === 1).slice(0, 300);
    const items = await prepareImages(ds, pick, 224);
    const labels = items.map((p) => p.classes[0]);
    const probe = async (scale: number) => {
      const feats: number[][] = [];
      for (let i = 0; i < items.length; i += 8) {
        const f = tf.tidy(() =>
          tf.mean(backbone.features(tf.mul(imageBatch(items.slice(i, i + 8)), scale) as tf.Tensor4D), [1, 2]),
        );
        feats.push(...(f.arraySync() as number[][]));
        f.dispose();
      }
      // a linear probe (softmax regression, Adam) on 2/3 of the images, accuracy on the other third
      const cut = Math.floor((items.length * 2) / 3);
      const nc = 20;
      const acc = tf.tidy(() => {
        const x = tf.tensor2d(feats);
        const { mean, variance } = tf.moments(x, 0);
        const xs = tf.div(tf.sub(x, mean), tf.sqrt(tf.add(variance, 1e-6)));
        const xTrain = tf.slice(xs, [0, 0], [cut, -1]);
        const xTest = tf.slice(xs, [cut, 0], [-1, -1]);
        const yTrain = tf.oneHot(tf.tensor1d(labels.slice(0, cut), "int32"), nc);
        const w = tf.variable(tf.zeros([feats[0].length, nc]));
        const b = tf.variable(tf.zeros([nc]));
        const opt = tf.train.adam(0.01);
        for (let i = 0; i < 200; i++) {
          opt.minimize(
            () => tf.losses.softmaxCrossEntropy(yTrain, tf.add(tf.matMul(xTrain, w), b)) as tf.Scalar,
          );
        }
        const pred = tf.argMax(tf.add(tf.matMul(xTest, w), b), 1);
        const right = tf.sum(tf.cast(tf.equal(pred, tf.tensor1d(labels.slice(cut), "int32")), "float32"));
        opt.dispose();
        w.dispose();
        b.dispose();
        return right.dataSync()[0] / (items.length - cut);
      });
      return { acc, classes: new Set(labels).size, n: items.length - cut };
    };
    const r255 = await probe(1);
    const r1 = await probe(1 / 255);
    console.log(
      `probe: 0..255 → ${r255.acc.toFixed(3)} (${r255.classes} classes, n=${r255.n}); 0..1 → ${r1.acc.toFixed(3)}`,
    );
    const chance = 1 / r255.classes;
    // measured: 0.38 with 0..255 (chance 0.05), 0.19 with 0..1
    expect(r255.acc).toBeGreaterThan(5 * chance);
    // the range Human's loader feeds (0..255) is clearly the right one
    expect(r255.acc).toBeGreaterThan(r1.acc + 0.05);
  });
});
