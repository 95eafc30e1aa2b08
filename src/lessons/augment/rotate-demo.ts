// Why boxes get loose when the image turns: rotate one image by exactly `deg` (the validation pipeline
// Scale(sz) → rotate → NoCrop(sz), no randomness) and, for each object, compare the turned box (a
// parallelogram: what the object's box really covers now) with the enclosing box that becomes the new label.

import { type Affine, applyAffine, composeAffine, IDENTITY, rotateAffine } from "../../augment/affine";
import type { SamplePlan } from "../../augment/plan";
import { mapBoxes } from "../../augment/plan";
import { floatToRgba, rgbaToFloat, runPlan } from "../../augment/sample";
import { drawStep, NoCrop, Scale, type Step } from "../../augment/transforms";
import type { RgbaImage } from "../../data/types";
import type { Box } from "../../ssd/types";

export interface Loosened {
  /** the image after Scale → rotate(deg) → NoCrop, sz × sz */
  image: RgbaImage;
  /** the new (enclosing) boxes, as tfm_y=COORD gives them */
  boxes: Box[];
  /** each original box's corners after the same map, [x, y] (column, row) in the output's pixels */
  outlines: [number, number][][];
  /** area of the enclosing box ÷ area of the turned box, per object (1 = tight) */
  growth: number[];
}

/** A plan that rotates by exactly `deg` (RandomRotate draws the angle; this demo sets it). */
export function rotatePlan(input: { h: number; w: number }, deg: number, sz = 224): SamplePlan {
  const never = () => 0;
  const scale = drawStep(Scale(sz), input, never);
  const size = scale.kind === "geometry" ? scale.size : input;
  const rotate: Step = {
    kind: "geometry",
    transform: "rotate",
    tfmY: "coord",
    m: rotateAffine(size, deg),
    size,
    params: { rotated: true, deg },
  };
  const crop = drawStep(NoCrop(sz), size, never);
  return { seed: 0, input, steps: [scale, rotate, crop], size: { h: sz, w: sz } };
}

/** The whole geometric map of a plan (input pixels → output pixels). */
export function planAffine(plan: SamplePlan): Affine {
  return plan.steps.reduce<Affine>((m, s) => (s.kind === "geometry" ? composeAffine(m, s.m) : m), IDENTITY);
}

/** Area of a polygon from its corners in order (shoelace). */
export function polygonArea(points: readonly (readonly [number, number])[]): number {
  let a = 0;
  for (let i = 0; i < points.length; i++) {
    const [x0, y0] = points[i];
    const [x1, y1] = points[(i + 1) % points.length];
    a += x0 * y1 - x1 * y0;
  }
  return Math.abs(a) / 2;
}

/** Rotate an image and its boxes by exactly `deg` and measure how much each box loosened. */
export function loosenedBoxes(
  image: RgbaImage,
  boxes: readonly Readonly<Box>[],
  deg: number,
  sz = 224,
): Loosened {
  const plan = rotatePlan({ h: image.height, w: image.width }, deg, sz);
  const m = planAffine(plan);
  const moved = mapBoxes(boxes, plan);
  const outlines = boxes.map(([r0, c0, r1, c1]) =>
    (
      [
        [c0, r0],
        [c1, r0],
        [c1, r1],
        [c0, r1],
      ] as const
    ).map(([x, y]) => applyAffine(m, x, y)),
  );
  const growth = moved.map((b, i) => {
    const turned = polygonArea(outlines[i]);
    return turned > 0 ? ((b[2] - b[0]) * (b[3] - b[1])) / turned : Number.NaN;
  });
  return { image: floatToRgba(runPlan(rgbaToFloat(image), plan)), boxes: moved, outlines, growth };
}

/** For a square object turned by `deg`, the enclosing box's area over the object's: (|cos θ| + |sin θ|)². */
export function squareGrowth(deg: number): number {
  const t = (deg * Math.PI) / 180;
  return (Math.abs(Math.cos(t)) + Math.abs(Math.sin(t))) ** 2;
}
