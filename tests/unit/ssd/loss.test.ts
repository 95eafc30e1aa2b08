import "@tensorflow/tfjs-core/dist/register_all_gradients";
import * as tf from "@tensorflow/tfjs-core";
import { describe, expect, it } from "vitest";
import {
  ANCHORS_4x4,
  ANCHORS_MULTI,
  anchorCount,
  anchorTensors,
  bceLoss,
  disposeAnchorTensors,
  focalLoss,
  type SsdLossOptions,
  ssd1Loss,
  ssdLoss,
  ssdLossPerImage,
} from "../../../src/ssd";
import { expectNoLeak, randn, randomTargets, rng } from "./helpers";

const LN2 = Math.log(2);
const WORKED_GT = [
  [152, 109, 222, 140],
  [159, 19, 222, 123],
  [115, 186, 150, 203],
];
const WORKED_CLS = [8, 10, 17];

function scalar(f: () => tf.Scalar): number {
  const t = f();
  const v = t.dataSync()[0];
  t.dispose();
  return v;
}

/** Plain float64 BCE/focal reference, straight from the lesson's formulas. */
function refClassLoss(
  logits: number[][],
  targets: number[],
  c: number,
  focal?: { alpha: number; gamma: number },
) {
  let s = 0;
  logits.forEach((row, i) => {
    for (let j = 0; j < c; j++) {
      const x = row[j];
      const t = targets[i] === j ? 1 : 0;
      const bce = Math.max(x, 0) - x * t + Math.log1p(Math.exp(-Math.abs(x)));
      const p = 1 / (1 + Math.exp(-x));
      const pt = p * t + (1 - p) * (1 - t);
      const w = focal ? (focal.alpha * t + (1 - focal.alpha) * (1 - t)) * (1 - pt) ** focal.gamma : 1;
      s += w * bce;
    }
  });
  return s / c;
}

describe("class losses (BCE without background, focal)", () => {
  const cls = (logit: number, n: number) => Array.from({ length: n }, () => new Array(21).fill(logit));
  const workedTargets = [...new Array(11).fill(20), 17, 20, 10, 8, 20];
  const loss = (logits: number[][], targets: number[], focal?: { alpha: number; gamma: number }) =>
    scalar(() =>
      tf.tidy(() => {
        const x = tf.tensor2d(logits);
        const t = tf.tensor1d(targets, "int32");
        return focal ? focalLoss(x, t, 20, focal) : bceLoss(x, t, 20);
      }),
    );

  it("reproduces the reference numbers of §4.3", () => {
    expect(loss(cls(0, 16), workedTargets)).toBeCloseTo((320 * LN2) / 20, 5);
    expect(loss(cls(0, 16), workedTargets, { alpha: 0.25, gamma: 1 })).toBeCloseTo(4.13289, 5);
    expect(loss(cls(0, 16), workedTargets, { alpha: 0.25, gamma: 2 })).toBeCloseTo(2.066445, 5);
    expect(loss(cls(-3, 16), workedTargets)).toBeCloseTo(1.227398, 5);
    expect(loss(cls(-3, 16), workedTargets, { alpha: 0.25, gamma: 1 })).toBeCloseTo(0.136293, 5);
    expect(loss(cls(-3, 16), workedTargets, { alpha: 0.25, gamma: 2 })).toBeCloseTo(0.105035, 5);
    expect(loss(cls(-4, 16), workedTargets)).toBeCloseTo(0.890399, 5);
    expect(loss(cls(-4, 189), new Array(189).fill(20))).toBeCloseTo(3.430336, 5);
    expect(loss(cls(-4, 189), new Array(189).fill(20), { alpha: 0.25, gamma: 1 })).toBeCloseTo(0.046274, 5);
  });

  it("matches a float64 reference, and stays finite for large logits", () => {
    const r = rng(3);
    for (const scale of [1, 5, 40]) {
      const logits = (randn(r, 25, 21) as number[][]).map((row) => row.map((v) => v * scale));
      const targets = Array.from({ length: 25 }, () => Math.floor(r() * 21));
      for (const focal of [undefined, { alpha: 0.25, gamma: 1 }, { alpha: 0.25, gamma: 2 }]) {
        const got = loss(logits, targets, focal);
        const want = refClassLoss(logits, targets, 20, focal);
        expect(Number.isFinite(got)).toBe(true);
        expect(Math.abs(got - want)).toBeLessThanOrEqual(1e-5 + 1e-5 * Math.abs(want));
      }
    }
  });

  it("does not leak tensors", () => {
    const x = tf.randomNormal([6, 21]);
    const t = tf.tensor1d([0, 20, 3, 20, 19, 1], "int32");
    expectNoLeak(() => bceLoss(x, t, 20));
    expectNoLeak(() => focalLoss(x, t, 20, { gamma: 2 }));
    tf.dispose([x, t]);
  });

  it("names the problem on bad shapes", () => {
    const x = tf.zeros([4, 20]);
    const t = tf.zeros([4], "int32");
    expect(() => bceLoss(x, t, 20)).toThrow(/logits need 21 columns/);
    tf.dispose([x, t]);
  });
});

describe("ssdLoss", () => {
  it("the worked example with zero activations: loc 0.0625 exactly, clas = 320 ln2 / 20 (§4.3)", () => {
    const parts = tf.tidy(() => {
      const p = ssdLoss(
        tf.zeros([1, 16, 21]) as tf.Tensor3D,
        tf.zeros([1, 16, 4]) as tf.Tensor3D,
        tf.tensor3d([[[0, 0, 0, 0], ...WORKED_GT]]), // pre-padded, as the lesson's loader does
        tf.tensor2d([[0, ...WORKED_CLS]], [1, 4], "int32"),
        { anchors: ANCHORS_4x4, sz: 224, threshold: 0.4 },
      );
      return [p.loc, p.clas, p.total].map((t) => t.dataSync()[0]);
    });
    expect(parts[0]).toBeCloseTo(0.0625, 6);
    expect(parts[1]).toBeCloseTo((320 * LN2) / 20, 5);
    expect(parts[2]).toBeCloseTo(0.0625 + (320 * LN2) / 20, 5);
  });

  for (const [name, spec, loss] of [
    ["4x4, BCE", ANCHORS_4x4, "bce"],
    ["189 anchors, BCE", ANCHORS_MULTI, "bce"],
    ["189 anchors, focal", ANCHORS_MULTI, "focal"],
  ] as const) {
    it(`vectorised batch loss equals the per-image sum on random batches (${name})`, () => {
      const r = rng(11 + name.length);
      const a = anchorCount(spec);
      const anchors = anchorTensors(spec);
      for (let trial = 0; trial < 4; trial++) {
        const counts = [0, 1, 3, 2].map((n) => (trial === 0 ? n : Math.floor(r() * 5)));
        const b = counts.length;
        const { boxes, classes } = randomTargets(r, counts, 5, 20);
        const cls = randn(r, b, a, 21) as number[][][];
        const bb = randn(r, b, a, 4) as number[][][];
        const opts: SsdLossOptions = { anchors, sz: 224, threshold: 0.4, loss, gamma: trial % 2 ? 2 : 1 };
        const [batched, perImage] = tf.tidy(() => {
          const c = tf.tensor3d(cls);
          const bt = tf.tensor3d(bb);
          const p1 = ssdLoss(c, bt, tf.tensor3d(boxes), tf.tensor2d(classes, undefined, "int32"), opts);
          const p2 = ssdLossPerImage(c, bt, boxes, classes, opts);
          return [p1, p2].map((p) => [p.loc, p.clas, p.total].map((t) => t.dataSync()[0]));
        });
        batched.forEach((v, i) => {
          expect(Math.abs(v - perImage[i])).toBeLessThanOrEqual(1e-5 + 1e-5 * Math.abs(perImage[i]));
        });
        expect(batched[0]).toBeGreaterThan(0);
      }
      disposeAnchorTensors(anchors);
    });
  }

  it("pixel boxes with sz equal fraction boxes with the default sz = 1", () => {
    const r = rng(5);
    const { boxes, classes } = randomTargets(r, [2, 3], 3, 20);
    const cls = randn(r, 2, 16, 21) as number[][][];
    const bb = randn(r, 2, 16, 4) as number[][][];
    const [px, fr] = tf.tidy(() =>
      [224, 1].map((sz) => {
        const bx = sz === 1 ? boxes.map((i) => i.map((b) => b.map((v) => v / 224))) : boxes;
        const p = ssdLoss(
          tf.tensor3d(cls),
          tf.tensor3d(bb),
          tf.tensor3d(bx),
          tf.tensor2d(classes, undefined, "int32"),
          {
            anchors: ANCHORS_4x4,
            sz,
          },
        );
        return p.total.dataSync()[0];
      }),
    );
    expect(px).toBeCloseTo(fr, 4);
  });

  it("an image without objects adds loc 0 and an all-background class loss", () => {
    const r = rng(9);
    const cls = randn(r, 1, 16, 21) as number[][][];
    const [loc, clas, bgOnly] = tf.tidy(() => {
      const c = tf.tensor3d(cls);
      const p = ssdLoss(
        c,
        tf.zeros([1, 16, 4]) as tf.Tensor3D,
        tf.zeros([1, 2, 4]) as tf.Tensor3D,
        tf.zeros([1, 2], "int32") as tf.Tensor2D,
        {
          anchors: ANCHORS_4x4,
        },
      );
      const bg = bceLoss(tf.squeeze(c, [0]), tf.fill([16], 20, "int32"), 20);
      return [p.loc, p.clas, bg].map((t) => t.dataSync()[0]);
    });
    expect(loc).toBe(0);
    expect(clas).toBeCloseTo(bgOnly, 5);
  });

  it("rejects activations that do not match the anchors", () => {
    const c = tf.zeros([1, 15, 21]) as tf.Tensor3D;
    const b = tf.zeros([1, 15, 4]) as tf.Tensor3D;
    const g = tf.zeros([1, 1, 4]) as tf.Tensor3D;
    const k = tf.zeros([1, 1], "int32") as tf.Tensor2D;
    expect(() => ssdLoss(c, b, g, k, { anchors: ANCHORS_4x4 })).toThrow(/must cover 16 anchors/);
    tf.dispose([c, b, g, k]);
  });

  it("does not leak tensors (batched, per image, with spec or precomputed anchors)", () => {
    const r = rng(1);
    const { boxes, classes } = randomTargets(r, [2, 0], 3, 20);
    const c = tf.tensor3d(randn(r, 2, 16, 21) as number[][][]);
    const b = tf.tensor3d(randn(r, 2, 16, 4) as number[][][]);
    const g = tf.tensor3d(boxes);
    const k = tf.tensor2d(classes, undefined, "int32");
    const anchors = anchorTensors(ANCHORS_4x4);
    for (const a of [ANCHORS_4x4, anchors]) {
      for (const loss of ["bce", "focal"] as const) {
        const opts = { anchors: a, sz: 224, loss };
        expectNoLeak(() => ssdLoss(c, b, g, k, opts));
        expectNoLeak(() => ssdLossPerImage(c, b, boxes, classes, opts));
        expectNoLeak(() =>
          tf.tidy(() => {
            const p = ssd1Loss(
              tf.squeeze(tf.slice(c, 0, 1), [0]),
              tf.squeeze(tf.slice(b, 0, 1), [0]),
              boxes[0],
              classes[0],
              opts,
            );
            return tf.keep(tf.add(p.loc, p.clas));
          }),
        );
      }
    }
    disposeAnchorTensors(anchors);
    tf.dispose([c, b, g, k]);
  });

  it("trains: an optimizer step inside tf.variableGrads lowers the loss and leaks nothing", () => {
    const r = rng(21);
    const { boxes, classes } = randomTargets(r, [2, 1], 2, 20);
    const cls = tf.variable(tf.tensor3d(randn(r, 2, 16, 21) as number[][][]));
    const bb = tf.variable(tf.tensor3d(randn(r, 2, 16, 4) as number[][][]));
    const g = tf.tensor3d(boxes);
    const k = tf.tensor2d(classes, undefined, "int32");
    const anchors = anchorTensors(ANCHORS_4x4);
    const opt = tf.train.adam(0.05);
    const step = () =>
      opt.minimize(() => ssdLoss(cls, bb, g, k, { anchors, sz: 224 }).total, true, [cls, bb]) as tf.Scalar;
    const first = step();
    const l0 = first.dataSync()[0];
    first.dispose();
    const before = tf.memory().numTensors;
    let last = 0;
    for (let i = 0; i < 20; i++) {
      const l = step();
      last = l.dataSync()[0];
      l.dispose();
    }
    expect(tf.memory().numTensors).toBe(before);
    expect(last).toBeLessThan(l0 * 0.8);
    opt.dispose();
    disposeAnchorTensors(anchors);
    tf.dispose([cls, bb, g, k]);
  });
});
