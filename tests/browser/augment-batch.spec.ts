// The batched augmentation path (tf.image.transform on the project's backend: WebGPU / WebGL) agrees with
// the per-image path on the same seeds, moves each rectangle's box with its pixels, and leaks no tensors.
import { expect, test } from "@playwright/test";
import { openHarness, projectBackend } from "./util";

interface Outcome {
  backend: string;
  worstDiff: Record<string, number>;
  boxesEqual: Record<string, boolean>;
  rectErr: number;
  leaked: number;
  rotateWithOffsetBox: number[];
  oursBox: number[];
}

/** Runs in the page. */
async function run(): Promise<Outcome> {
  const path = "/src/augment/index.ts";
  const aug = await import(/* @vite-ignore */ path);
  const tf = window.tf;
  type Img = { width: number; height: number; data: Uint8ClampedArray };
  const noise = (h: number, w: number, seed: number): Img => {
    const data = new Uint8ClampedArray(h * w * 4);
    let s = seed >>> 0;
    for (let i = 0; i < data.length; i++) {
      s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
      data[i] = i % 4 === 3 ? 255 : s >>> 24;
    }
    return { width: w, height: h, data };
  };
  const rect = (h: number, w: number, b: number[]): Img => {
    const data = new Uint8ClampedArray(h * w * 4);
    for (let r = 0; r < h; r++)
      for (let c = 0; c < w; c++) {
        const i = (r * w + c) * 4;
        const v = r >= b[0] && r <= b[2] && c >= b[1] && c <= b[3] ? 255 : 0;
        data[i] = data[i + 1] = data[i + 2] = v;
        data[i + 3] = 255;
      }
    return { width: w, height: h, data };
  };
  const pixelBox = (im: Img): number[] => {
    let [t, l, b, r] = [1e9, 1e9, -1, -1];
    for (let y = 0; y < im.height; y++)
      for (let x = 0; x < im.width; x++)
        if (im.data[(y * im.width + x) * 4] > 127) {
          t = Math.min(t, y);
          b = Math.max(b, y);
          l = Math.min(l, x);
          r = Math.max(r, x);
        }
    return [t, l, b, r];
  };
  // (await data(), not dataSync(): on WebGPU here dataSync() of a fresh GPU result read back zeros)
  // biome-ignore lint/suspicious/noExplicitAny: a tfjs tensor from the page's module
  const slice = async (t: any, i: number): Promise<Img> => {
    const [, h, w] = t.shape;
    const x = tf.tidy(() => tf.reshape(tf.slice(t, [i, 0, 0, 0], [1, h, w, 3]), [h * w * 3]));
    const v = Float32Array.from((await x.data()) as Float32Array);
    x.dispose();
    return aug.floatToRgba({ h, w, data: v });
  };
  const diff = (a: Img, b: Img) => {
    let m = 0;
    for (let i = 0; i < a.data.length; i++) if (i % 4 !== 3) m = Math.max(m, Math.abs(a.data[i] - b.data[i]));
    return m;
  };

  const before = tf.memory().numTensors;
  const worstDiff: Record<string, number> = {};
  const boxesEqual: Record<string, boolean> = {};
  const pipelines: Record<string, unknown> = {
    training: aug.trainingPipeline(40),
    demo30: aug.tfmsFromModel(40, aug.demoAugs30(), { crop: "random" }),
  };
  const imgs = [1, 2, 3].map((s) => noise(48, 64, s));
  const boxes = [[[5, 5, 30, 40]], [], [[10, 20, 40, 60]]];
  const x = aug.imagesToTensor(imgs);
  for (const [name, p] of Object.entries(pipelines)) {
    const out = aug.augmentBatch(x, boxes, p, 9);
    worstDiff[name] = 0;
    boxesEqual[name] = true;
    for (let i = 0; i < imgs.length; i++) {
      const one = aug.augmentSample(imgs[i], boxes[i], p, aug.sampleSeed(9, i));
      worstDiff[name] = Math.max(worstDiff[name], diff(await slice(out.images, i), one.image));
      boxesEqual[name] &&= JSON.stringify(one.boxes) === JSON.stringify(out.boxes[i]);
    }
    out.images.dispose();
  }
  x.dispose();

  const r = [15, 20, 35, 45];
  const rects = aug.imagesToTensor([rect(56, 72, r), rect(56, 72, r)]);
  const out = aug.augmentBatch(
    rects,
    [[r], [r]],
    [aug.RandomFlip({ p: 1 }), aug.RandomRotate(30, 1)],
    [4, 5],
  );
  let rectErr = 0;
  for (let i = 0; i < 2; i++) {
    const m = pixelBox(await slice(out.images, i));
    out.boxes[i][0].forEach((v: number, k: number) => {
      rectErr = Math.max(rectErr, Math.abs(v - m[k]));
    });
  }
  out.images.dispose();
  rects.dispose();

  // rotateWithOffset on this backend: positive radians turn a dot right of the centre upwards, as ours does
  const dot = rect(21, 31, [10, 25, 10, 25]);
  const d = aug.imagesToTensor([dot]);
  const rot = tf.image.rotateWithOffset(d, Math.PI / 2, 0, [15 / 31, 10 / 21]);
  const rotateWithOffsetBox = pixelBox(await slice(rot, 0));
  rot.dispose();
  d.dispose();
  const oursBox = pixelBox(
    aug.floatToRgba(
      aug.warpAffine(aug.rgbaToFloat(dot), aug.rotateAffine({ h: 21, w: 31 }, 90), { h: 21, w: 31 }),
    ),
  );
  return {
    backend: tf.getBackend(),
    worstDiff,
    boxesEqual,
    rectErr,
    leaked: tf.memory().numTensors - before,
    rotateWithOffsetBox,
    oursBox,
  };
}

test("augmentBatch on the accelerator = augmentSample on the same seeds; boxes follow the pixels", async ({
  page,
}) => {
  await openHarness(page);
  const o = await page.evaluate(run);
  expect(o.backend).toBe(projectBackend());
  for (const name of Object.keys(o.worstDiff)) {
    expect(o.boxesEqual[name], `${name}: boxes`).toBe(true);
    expect(o.worstDiff[name], `${name}: worst pixel difference (of 255)`).toBeLessThanOrEqual(2);
  }
  expect(o.rectErr).toBeLessThanOrEqual(2);
  expect(o.leaked).toBe(0);
  expect(o.oursBox).toEqual([0, 15, 0, 15]);
  expect(o.rotateWithOffsetBox).toEqual(o.oursBox);
});
