// Settings several cells declare (declared once, so one URL key means one thing everywhere).
import { defineSetting } from "../settings";

export const SEED = defineSetting({
  kind: "int",
  name: "seed",
  label: "Random seed",
  default: 42,
  min: 0,
  max: 9999,
});
/** Images are numbered from 1, as people count (image 1 of 750); cells subtract 1 to index. */
export const IMAGE = defineSetting({
  kind: "int",
  name: "image",
  label: "Image #",
  default: 1,
  min: 1,
  max: 9999,
});
export const THRESHOLD = defineSetting({
  kind: "float",
  name: "thresh",
  label: "Match threshold (IoU)",
  default: 0.4,
  min: 0.1,
  max: 0.9,
  step: 0.05,
});
export const SCORE = defineSetting({
  kind: "float",
  name: "score",
  label: "Confidence threshold (class score)",
  default: 0.25,
  min: 0.05,
  max: 0.95,
  step: 0.05,
});
