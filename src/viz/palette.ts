// A colour-blind-safe palette for the 20 VOC classes: Paul Tol's bright, vibrant and muted schemes
// (designed to stay distinct under the common colour-vision deficiencies), never red/green alone.
export const CLASS_COLORS = [
  "#4477AA",
  "#EE6677",
  "#228833",
  "#CCBB44",
  "#66CCEE",
  "#AA3377",
  "#EE7733",
  "#0077BB",
  "#33BBEE",
  "#009988",
  "#CC3311",
  "#EE3377",
  "#882255",
  "#44AA99",
  "#117733",
  "#999933",
  "#DDCC77",
  "#88CCEE",
  "#332288",
  "#AA4499",
] as const;

export const BACKGROUND_COLOR = "#BBBBBB";

export function classColor(cls: number): string {
  return cls >= 0 && cls < CLASS_COLORS.length ? CLASS_COLORS[cls] : BACKGROUND_COLOR;
}

/** Line colours for charts (Okabe–Ito), distinct for colour-blind viewers. */
export const SERIES_COLORS = [
  "#0072B2",
  "#E69F00",
  "#009E73",
  "#CC79A7",
  "#56B4E9",
  "#D55E00",
  "#000000",
] as const;
