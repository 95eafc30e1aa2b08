import * as tf from "@tensorflow/tfjs-core";
import { describe, expect, it } from "vitest";
import { ANCHORS_4x4, ANCHORS_MULTI, actnToBb, anchorTensors, disposeAnchorTensors } from "../../../src/ssd";
import { expectNoLeak, randn, rng } from "./helpers";

describe("actnToBb", () => {
  it("zero activations give the anchor corners", () => {
    const a = anchorTensors(ANCHORS_MULTI);
    const got = tf.tidy(() => actnToBb(tf.zeros([189, 4]), a.anchors, a.gridSizes).arraySync() as number[][]);
    const want = a.corners.arraySync();
    got.forEach((r, i) => {
      r.forEach((v, j) => {
        expect(v).toBeCloseTo(want[i][j], 6);
      });
    });
    disposeAnchorTensors(a);
  });

  it("reproduces §4.3: activations [0.5, -0.5, 1, -1] on the 4x4 anchors", () => {
    const a = anchorTensors(ANCHORS_4x4);
    const got = tf.tidy(
      () =>
        actnToBb(
          tf.tile(tf.tensor2d([[0.5, -0.5, 1, -1]]), [16, 1]),
          a.anchors,
          a.gridSizes,
        ).arraySync() as number[][],
    );
    [0.0102, -0.0102, 0.3554, 0.1446].forEach((v, j) => {
      expect(got[0][j]).toBeCloseTo(v, 4);
    });
    [0.7602, 0.7398, 1.1054, 0.8946].forEach((v, j) => {
      expect(got[15][j]).toBeCloseTo(v, 4);
    });
    disposeAnchorTensors(a);
  });

  it("a batch [B, A, 4] decodes like each image alone; gridSizes may be [A] or [A, 1]", () => {
    const r = rng(4);
    const a = anchorTensors(ANCHORS_MULTI);
    const acts = randn(r, 2, 189, 4) as number[][][];
    const [batched, singles] = tf.tidy(() => {
      const g1 = tf.reshape(a.gridSizes, [189]);
      return [
        actnToBb(tf.tensor3d(acts), a.anchors, g1).arraySync() as number[][][],
        acts.map((x) => actnToBb(tf.tensor2d(x), a.anchors, a.gridSizes).arraySync() as number[][]),
      ];
    });
    expect(batched).toEqual(singles);
    disposeAnchorTensors(a);
  });

  it("names bad shapes and does not leak", () => {
    const a = anchorTensors(ANCHORS_4x4);
    const bad = tf.zeros([15, 4]);
    expect(() => actnToBb(bad, a.anchors, a.gridSizes)).toThrow(/actnToBb: expected actn \[..., 16, 4\]/);
    const x = tf.zeros([2, 16, 4]);
    expectNoLeak(() => actnToBb(x, a.anchors, a.gridSizes));
    tf.dispose([bad, x]);
    disposeAnchorTensors(a);
  });
});
