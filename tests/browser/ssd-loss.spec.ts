// The lesson's maths on the project's accelerated backend (WebGPU / WebGL) against tfjs CPU in the same page:
// ssdLoss (BCE and focal), its gradients, detnLoss, jaccard, matching and decoding agree within 1e-4.
import { expect, test } from "@playwright/test";
import { openHarness, projectBackend } from "./util";

interface Outputs {
  backend: string;
  values: Record<string, number[]>;
  leaked: number;
}

/** Runs in the page: computes every quantity on the current backend and returns them as flat arrays. */
async function computeAll(): Promise<Outputs> {
  const ssdPath = "/src/ssd/index.ts";
  const ssd = await import(/* @vite-ignore */ ssdPath);
  const tf = window.tf;
  let seed = 12345;
  const rand = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const randn = (n: number) =>
    Array.from({ length: n }, () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(6.2832 * rand()));
  const B = 2;
  const M = 3;
  const C = 20;
  const spec = {
    grids: [4, 2, 1],
    zooms: [0.7, 1, 1.3],
    ratios: [
      [1, 1],
      [1, 0.5],
      [0.5, 1],
    ],
  };
  const A = 189;
  const boxes = [
    [
      [0, 0, 0, 0],
      [152, 109, 222, 140],
      [159, 19, 222, 123],
    ],
    [
      [115, 186, 150, 203],
      [20, 30, 200, 120],
      [0, 0, 0, 0],
    ],
  ];
  const classes = [
    [0, 8, 10],
    [17, 3, 0],
  ];
  const clsData = randn(B * A * (C + 1));
  const bbData = randn(B * A * 4);
  const before = tf.memory().numTensors;
  const values: Record<string, number[]> = {};
  const kept: [string, ReturnType<typeof tf.keep>][] = [];
  const read = (name: string, t: Parameters<typeof tf.keep>[0]) => {
    kept.push([name, tf.keep(t)]);
  };
  const anchors = ssd.anchorTensors(spec);
  tf.tidy(() => {
    const cls = tf.tensor3d(clsData, [B, A, C + 1]);
    const bb = tf.tensor3d(bbData, [B, A, 4]);
    const g = tf.tensor3d(boxes);
    const k = tf.tensor2d(classes, [B, M], "int32");
    for (const loss of ["bce", "focal"]) {
      const opts = { anchors, sz: 224, threshold: 0.4, loss, alpha: 0.25, gamma: 1 };
      const p = ssd.ssdLoss(cls, bb, g, k, opts);
      read(`ssdLoss.${loss}`, tf.stack([p.loc, p.clas, p.total]));
      const grads = tf.grads((c: unknown, b: unknown) => ssd.ssdLoss(c, b, g, k, opts).total)([cls, bb]);
      read(`grad.${loss}.cls`, grads[0]);
      read(`grad.${loss}.bb`, grads[1]);
    }
    const overlaps = ssd.jaccard(tf.div(g, 224), anchors.corners);
    read("jaccard", overlaps);
    const valid = tf.greater(tf.sub(tf.gather(g, 2, 2), tf.gather(g, 0, 2)), 0);
    const m = ssd.mapToGroundTruthBatch(overlaps, valid);
    read("gtOverlap", m.gtOverlap);
    read("gtIdx", m.gtIdx);
    read("actnToBb", ssd.actnToBb(bb, anchors.anchors, anchors.gridSizes));
    const input = tf.tensor2d(randn(3 * 24), [3, 24]);
    const d = ssd.detnLoss(
      input,
      tf.tensor2d([
        [10, 20, 150, 200],
        [0, 0, 224, 224],
        [60, 70, 180, 200],
      ]),
      tf.tensor1d([0, 14, 7], "int32"),
    );
    read("detnLoss", tf.stack([d.loss, d.l1, d.ce]));
  });
  for (const [name, t] of kept) {
    values[name] = Array.from(await t.data()); // async reads: the GPU backends' own path
    t.dispose();
  }
  ssd.disposeAnchorTensors(anchors);
  return { backend: tf.getBackend(), values, leaked: tf.memory().numTensors - before };
}

test("ssd maths on the accelerated backend matches tfjs CPU within 1e-4", async ({ page }) => {
  const backend = projectBackend();
  await openHarness(page, backend);
  const gpu = await page.evaluate(computeAll);
  expect(gpu.backend).toBe(backend);
  expect(gpu.leaked).toBe(0);
  await page.evaluate(async () => {
    const path = "/src/compute/backend.ts";
    const { initBackend } = await import(/* @vite-ignore */ path);
    await initBackend("cpu");
  });
  const cpu = await page.evaluate(computeAll);
  expect(cpu.backend).toBe("cpu");

  const report: string[] = [];
  const failed: string[] = [];
  for (const [name, want] of Object.entries(cpu.values)) {
    const got = gpu.values[name];
    expect(got, name).toHaveLength(want.length);
    if (process.env.SSD_DEBUG)
      console.log(name, JSON.stringify(got.slice(0, 12)), JSON.stringify(want.slice(0, 12)));
    let worst = 0;
    want.forEach((w, i) => {
      const exact = name === "gtIdx";
      const err = exact ? Number(got[i] !== w) : Math.abs(got[i] - w) / Math.max(1, Math.abs(w));
      worst = Math.max(worst, err);
    });
    report.push(`${name}: max |${backend} - cpu| / max(1, |cpu|) = ${worst.toExponential(2)}`);
    if (!(worst <= 1e-4)) failed.push(name);
  }
  console.log(report.join("\n"));
  expect(failed, `differ between ${backend} and cpu`).toEqual([]);
});
