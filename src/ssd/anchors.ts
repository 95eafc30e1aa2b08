// Anchor boxes from {grids, zooms, ratios} in the lesson's order: grid by grid, cells row-major, then the
// k = zooms x ratios shapes of a cell (zooms outer, ratios inner). Lesson: anc_grids/anc_zooms/anc_ratios.
import * as tf from "@tensorflow/tfjs-core";
import type { AnchorSpec, Anchors } from "./types";

/** The k anchor shapes of a cell, (zoom*ratio[0], zoom*ratio[1]). Lesson: `anchor_scales`. */
export function anchorScales(spec: AnchorSpec): [number, number][] {
  return spec.zooms.flatMap((z) => spec.ratios.map(([i, j]) => [z * i, z * j] as [number, number]));
}

/** Anchors as plain float64 arrays: [ctrR, ctrC, h, w], 1/grid per anchor, and corners. */
export function makeAnchors(spec: AnchorSpec): Anchors {
  checkSpec(spec);
  const scales = anchorScales(spec);
  const anchors: number[][] = [];
  const gridSizes: number[] = [];
  const corners: number[][] = [];
  for (const ag of spec.grids) {
    const offset = 1 / (ag * 2);
    // np.linspace(offset, 1 - offset, ag): centres of the cells
    const lin = Array.from({ length: ag }, (_, i) =>
      ag === 1 ? offset : offset + ((1 - 2 * offset) * i) / (ag - 1),
    );
    for (let r = 0; r < ag; r++) {
      for (let c = 0; c < ag; c++) {
        for (const [o, p] of scales) {
          const a = [lin[r], lin[c], o / ag, p / ag];
          anchors.push(a);
          gridSizes.push(1 / ag);
          corners.push([a[0] - a[2] / 2, a[1] - a[3] / 2, a[0] + a[2] / 2, a[1] + a[3] / 2]);
        }
      }
    }
  }
  return { anchors, gridSizes, corners, k: scales.length };
}

export interface AnchorTensors {
  /** [A, 4] = [ctrR, ctrC, h, w] */
  anchors: tf.Tensor2D;
  /** [A, 1] = 1/grid, shaped to broadcast against [A, 2] like the lesson's `grid_sizes` */
  gridSizes: tf.Tensor2D;
  /** [A, 4] corners [r0, c0, r1, c1]. Lesson: `anchor_cnr`. */
  corners: tf.Tensor2D;
}

/** The same anchors as tensors (the caller disposes them, e.g. with disposeAnchorTensors). */
export function anchorTensors(spec: AnchorSpec): AnchorTensors {
  const a = makeAnchors(spec);
  return {
    anchors: tf.tensor2d(a.anchors, [a.anchors.length, 4]),
    gridSizes: tf.tensor2d(a.gridSizes, [a.gridSizes.length, 1]),
    corners: tf.tensor2d(a.corners, [a.corners.length, 4]),
  };
}

export function disposeAnchorTensors(t: AnchorTensors): void {
  tf.dispose([t.anchors, t.gridSizes, t.corners]);
}

/** Number of anchors a spec makes: sum(grid^2) * k. */
export function anchorCount(spec: AnchorSpec): number {
  return spec.grids.reduce((s, g) => s + g * g, 0) * spec.zooms.length * spec.ratios.length;
}

function checkSpec(spec: AnchorSpec): void {
  const ok =
    spec &&
    Array.isArray(spec.grids) &&
    spec.grids.length > 0 &&
    spec.grids.every((g) => Number.isInteger(g) && g > 0) &&
    Array.isArray(spec.zooms) &&
    spec.zooms.length > 0 &&
    spec.zooms.every((z) => typeof z === "number" && z > 0) &&
    Array.isArray(spec.ratios) &&
    spec.ratios.length > 0 &&
    spec.ratios.every(
      (r) => Array.isArray(r) && r.length === 2 && r.every((v) => typeof v === "number" && v > 0),
    );
  if (!ok) {
    throw new Error(
      `anchor spec needs grids (positive integers), zooms (positive numbers) and ratios ([h, w] pairs), got ${JSON.stringify(spec)}`,
    );
  }
}
