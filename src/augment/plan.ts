// One definition for both paths: draw every transform's random parameters for one image from its seed
// (a plan), move the boxes analytically, and group the plan into the image operations both paths run.
import { isPadding } from "../ssd/boxes";
import type { Box } from "../ssd/types";
import { type Affine, composeAffine, EMPTY_BOX, IDENTITY, isIdentity, mapBox, type Size } from "./affine";
import { fateOf } from "./crop-zoom";
import { mulberry32 } from "./random";
import { checkTransform, drawStep, type Pipeline, type Step } from "./transforms";

/** Everything drawn for one image: the steps in order and the final size. */
export interface SamplePlan {
  seed: number;
  input: Size;
  steps: Step[];
  size: Size;
}

/** What the image goes through: consecutive geometric steps fused into one resampling, or a lighting change. */
export type ImageOp =
  | { kind: "warp"; m: Affine; size: Size; identity: boolean }
  | { kind: "lighting"; b: number; c: number };

/** Draw the plan of one image of `input` size: one seeded stream, transforms drawn in pipeline order. */
export function planSample(pipeline: Pipeline, input: Size, seed: number): SamplePlan {
  checkSize(input, "planSample");
  const rng = mulberry32(seed);
  const steps: Step[] = [];
  let size = input;
  for (const t of pipeline) {
    checkTransform(t, "planSample");
    const step = drawStep(t, size, rng);
    steps.push(step);
    if (step.kind === "geometry") size = step.size;
  }
  return { seed, input, steps, size };
}

/**
 * Move pixel boxes through a plan: each geometric step with tfmY "coord" turns the corners, takes the
 * enclosing box and clips it (see affine.ts; a crop + zoom also drops a box it leaves under minVisible of); tfmY "none" leaves the box exactly where it was; lighting
 * never moves it. Padding rows (r1-r0 <= 0) and boxes that leave the image come out as [0, 0, 0, 0].
 * Lesson: `CoordTransform.transform_coord` for every transform of the pipeline.
 */
export function mapBoxes(boxes: readonly Readonly<Box>[], plan: SamplePlan): Box[] {
  return boxes.map((box, i) => {
    checkBox(box, i);
    if (isPadding(box)) return [...EMPTY_BOX];
    let b: Box = [box[0], box[1], box[2], box[3]];
    for (const step of plan.steps) {
      if (step.kind !== "geometry" || step.tfmY !== "coord") continue;
      if (step.transform === "cropZoom") {
        // a box the window leaves almost nothing of is dropped (crop-zoom.ts)
        const p = step.params as { top: number; left: number; h: number; w: number; minVisible: number };
        if (fateOf(b, p, p.minVisible) === "dropped") return [...EMPTY_BOX];
      }
      b = mapBox(b, step.m, step.size);
      if (isPadding(b)) return [...EMPTY_BOX];
    }
    return b;
  });
}

/**
 * The image operations of a plan: runs of geometric steps composed into one affine map (one resampling,
 * so a rotation then a squish blurs once), lighting where it stands in the pipeline. Plans of one pipeline
 * on images of one size always give the same list shape, so a batch can run it op by op. A warp marked
 * `identity` changes nothing (bilinear sampling at whole pixels is exact) and may be skipped.
 */
export function imageOps(plan: SamplePlan): ImageOp[] {
  const ops: ImageOp[] = [];
  let m: Affine | null = null;
  let size = plan.input;
  let from = plan.input;
  const flush = () => {
    if (m !== null)
      ops.push({ kind: "warp", m, size, identity: isIdentity(m) && size.h === from.h && size.w === from.w });
    m = null;
    from = size;
  };
  for (const step of plan.steps) {
    if (step.kind === "lighting") {
      flush();
      ops.push({ kind: "lighting", b: step.b, c: step.c });
    } else {
      m = composeAffine(m ?? IDENTITY, step.m);
      size = step.size;
    }
  }
  flush();
  return ops;
}

export function checkSize(size: Size, where: string): void {
  if (!Number.isInteger(size.h) || !Number.isInteger(size.w) || size.h < 1 || size.w < 1) {
    throw new Error(`${where}: image size must be positive integers, got ${JSON.stringify(size)}`);
  }
}

function checkBox(box: readonly number[], i: number): void {
  if (
    !Array.isArray(box) ||
    box.length !== 4 ||
    box.some((v) => typeof v !== "number" || !Number.isFinite(v))
  ) {
    throw new Error(
      `mapBoxes: box ${i} must be 4 finite numbers [top, left, bottom, right], got ${JSON.stringify(box)}`,
    );
  }
}
