// Shared types of the lesson's maths. Conventions are the lesson's (see ../shared/reference/VECTORS.md):
// a box is [top, left, bottom, right] = [r0, c0, r1, c1], row first; an anchor is [ctrR, ctrC, h, w].

/** [top, left, bottom, right]; fractions 0..1 inside the maths, pixels at the edges. */
export type Box = [number, number, number, number];

/** The anchor configuration: grids (cells per side), zooms and aspect ratios (the lesson's anc_grids, anc_zooms, anc_ratios). */
export interface AnchorSpec {
  grids: number[];
  zooms: number[];
  ratios: [number, number][];
}

/** Anchors as plain arrays (what cells draw); tensors are made from these where needed. */
export interface Anchors {
  /** [n][4] = [ctrR, ctrC, h, w] */
  anchors: number[][];
  /** [n] = 1/grid of the anchor's grid */
  gridSizes: number[];
  /** [n][4] corners [r0, c0, r1, c1] */
  corners: number[][];
  /** anchors per grid cell = zooms.length * ratios.length */
  k: number;
}

/** The lesson's presets. */
export const ANCHORS_4x4: AnchorSpec = { grids: [4], zooms: [1], ratios: [[1, 1]] };
export const ANCHORS_MULTI: AnchorSpec = {
  grids: [4, 2, 1],
  zooms: [0.7, 1, 1.3],
  ratios: [
    [1, 1],
    [1, 0.5],
    [0.5, 1],
  ],
};
