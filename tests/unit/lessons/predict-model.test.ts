// The page's inference model: a head rebuilt from a checkpoint predicts exactly what the saved head did,
// images of any size are squashed to the backbone's input, predictions are cached per model, nothing leaks;
// and the shipped checkpoint (public/models/ssd-builtin.bin) is a multi-head for the CenterNet features.
import { existsSync, readFileSync } from "node:fs";
import * as tf from "@tensorflow/tfjs-core";
import { describe, expect, it } from "vitest";
import type { RgbaImage } from "../../../src/data/types";
import {
  cachedPredictions,
  headFromCheckpoint,
  headWidthOf,
  type InferenceModel,
  predictRaw,
} from "../../../src/lessons/common/model";
import { buildHead } from "../../../src/model/heads";
import { evalCtx } from "../../../src/model/layers";
import { createScratchBackbone } from "../../../src/model/scratch";
import { anchorTensors } from "../../../src/ssd/anchors";
import { checkpointFromBytes, checkpointToBytes, makeCheckpoint } from "../../../src/train/checkpoint";
import { squash } from "../../../src/train/examples";

function image(w: number, h: number, seed: number): RgbaImage {
  const data = new Uint8ClampedArray(w * h * 4);
  for (let i = 0; i < data.length; i++) data[i] = (i * 37 + seed * 101) % 256;
  return { width: w, height: h, data };
}

async function tinyModel(): Promise<{ model: InferenceModel; saved: ReturnType<typeof buildHead> }> {
  const backbone = createScratchBackbone({ inputSize: 56, widths: [4, 8, 8], seed: 3 });
  const saved = buildHead("ssdMulti", { inputShape: backbone.featureShape, width: 8, seed: 5 });
  const id = {
    head: "ssdMulti",
    backbone: backbone.name,
    featureShape: backbone.featureShape,
    numClasses: 20,
  };
  const ckpt = checkpointFromBytes(
    checkpointToBytes(
      await makeCheckpoint(saved.store.params, null, { epoch: 3, step: 30, history: [] }, id),
    ),
  );
  expect(headWidthOf(ckpt)).toBe(8); // from the sconv0 kernel's shape: no headWidth field in this header
  const head = await headFromCheckpoint(ckpt, backbone);
  const model: InferenceModel = {
    id: "test",
    backbone,
    head,
    anchors: anchorTensors(head.anchors ?? { grids: [], zooms: [], ratios: [] }),
    source: { kind: "user", head: "ssdMulti", width: 8, epoch: 3, step: 30, savedAt: "now" },
  };
  return { model, saved };
}

describe("inference model", () => {
  it("squashes any image to S×S×3 in 0..255", () => {
    const t = squash(image(30, 80, 1), 56);
    expect(t.shape).toEqual([56, 56, 3]);
    const v = t.dataSync();
    expect(Math.min(...v)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...v)).toBeLessThanOrEqual(255);
    t.dispose();
  });

  it("a head rebuilt from its checkpoint gives the saved head's outputs; 189 boxes × 21 scores per image", async () => {
    const { model, saved } = await tinyModel();
    const ims = [image(56, 56, 1), image(100, 70, 2)];
    const raws = await predictRaw(model, ims);
    expect(raws).toHaveLength(2);
    expect(raws[0].boxes).toHaveLength(189);
    expect(raws[0].scores[0]).toHaveLength(21);
    const [a, b] = tf.tidy(() => {
      const x = tf.stack(ims.map((im) => squash(im, 56))) as tf.Tensor4D;
      const f = model.backbone.features(x);
      const o1 = saved.apply(f, evalCtx());
      const o2 = model.head.apply(f, evalCtx());
      if (o1.kind !== "ssd" || o2.kind !== "ssd") throw new Error("kind");
      return [tf.sigmoid(o1.cls), tf.sigmoid(o2.cls)];
    });
    expect(Array.from(await b.data())).toEqual(Array.from(await a.data()));
    expect(raws[1].scores.flat()).toEqual(Array.from((await a.array()) as number[][][])[1].flat());
    tf.dispose([a, b]);
    saved.dispose();
  });

  it("caches predictions per model and image, and does not leak tensors", async () => {
    const { model, saved } = await tinyModel();
    saved.dispose();
    let loads = 0;
    const items = [1, 2, 3].map((i) => ({
      id: `im${i}`,
      load: async () => {
        loads++;
        return image(40, 40, i);
      },
    }));
    const progress: number[] = [];
    const first = await cachedPredictions(model, items, 2, (d) => progress.push(d));
    expect(loads).toBe(3);
    expect(progress).toEqual([0, 2, 3]);
    const before = tf.memory().numTensors;
    const again = await cachedPredictions(model, items);
    expect(loads).toBe(3);
    expect(again).toEqual(first);
    await predictRaw(model, [image(40, 40, 9)]);
    await predictRaw(model, [image(40, 40, 9)]);
    expect(tf.memory().numTensors).toBe(before);
  });
});

const SHIPPED = "public/models/ssd-builtin.bin";
describe.skipIf(!existsSync(SHIPPED))("the shipped checkpoint", () => {
  it("is an SSD multi-head for CenterNet's 7×7×480 features, without optimizer state, and loads", async () => {
    const bytes = new Uint8Array(readFileSync(SHIPPED));
    const ckpt = checkpointFromBytes(bytes, SHIPPED);
    expect(ckpt.header.model.head).toBe("ssdMulti");
    expect(ckpt.header.model.backbone).toBe("centernet-mobilenetv3");
    expect(ckpt.header.model.featureShape).toEqual([7, 7, 480]);
    expect(ckpt.header.optimizer).toEqual([]);
    // weights only, float32: the width-96 head is 5.0 MB (part of the offline precache, so kept in check)
    expect(bytes.length).toBeLessThan(6e6);
    const fake = { ...createScratchBackbone({ inputSize: 56, widths: [4] }), name: "centernet-mobilenetv3" };
    const head = await headFromCheckpoint(ckpt, { ...fake, featureShape: [7, 7, 480] });
    expect(head.kind).toBe("ssdMulti");
    expect(head.anchors?.grids).toEqual([4, 2, 1]);
    head.dispose();
    fake.dispose();
  });
});
