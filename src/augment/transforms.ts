// The lesson's transforms as plain data (so a pipeline can go into a URL or a worker message), and what
// each one does to an image of a given size once its random parameters are drawn (the lesson's set_state).
// Each transform says what it does to the boxes (the dependent variable) with `tfmY`:
//   "coord" — the boxes move with the image (fastai's tfm_y=TfmType.COORD);
//   "none"  — the boxes stay where they were (fastai's default TfmType.NO): the lesson's wrong picture.
import {
  type Affine,
  cropAffine,
  flipAffine,
  IDENTITY,
  resizeAffine,
  rotateAffine,
  type Size,
} from "./affine";
import { cropZoomAffine, drawCropWindow } from "./crop-zoom";
import { type Rng, rand0 } from "./random";

export type TfmY = "coord" | "none";

export type Transform =
  | { kind: "flip"; p: number; tfmY: TfmY }
  | { kind: "rotate"; deg: number; p: number; tfmY: TfmY }
  | { kind: "lighting"; b: number; c: number; tfmY: TfmY }
  | { kind: "scale"; sz: number; tfmY: TfmY }
  | { kind: "noCrop"; sz: number; tfmY: TfmY }
  | { kind: "centerCrop"; sz: number; tfmY: TfmY }
  | { kind: "randomCrop"; sz: number; tfmY: TfmY }
  | { kind: "cropZoom"; sz: number; minScale: number; minVisible: number; tfmY: TfmY };

/** Transforms applied in order (the lesson's `compose`). */
export type Pipeline = readonly Transform[];

/** One transform with its parameters drawn, for one image: a geometric map, or a change of pixel values. */
export type Step =
  | { kind: "geometry"; transform: Transform["kind"]; tfmY: TfmY; m: Affine; size: Size; params: Params }
  | { kind: "lighting"; transform: "lighting"; tfmY: TfmY; b: number; c: number; params: Params };

/** The drawn random parameters, for display ("rotated 2.1°, flipped"). */
export type Params = Record<string, number | boolean>;

interface Opts {
  tfmY?: TfmY;
}

/** Lesson: `RandomFlip(tfm_y, p=0.5)`: a horizontal flip half the time. */
export function RandomFlip(opts: Opts & { p?: number } = {}): Transform {
  return { kind: "flip", p: opts.p ?? 0.5, tfmY: opts.tfmY ?? "coord" };
}

/** Lesson: `RandomRotate(deg, p=0.75)`: with probability p, an angle uniform in [-deg, deg] (CCW positive). */
export function RandomRotate(deg: number, p = 0.75, opts: Opts = {}): Transform {
  return { kind: "rotate", deg, p, tfmY: opts.tfmY ?? "coord" };
}

/** Lesson: `RandomLighting(b, c)`: brightness + U[-b, b], contrast from U[-c, c]. Never moves boxes. */
export function RandomLighting(b: number, c: number, opts: Opts = {}): Transform {
  return { kind: "lighting", b, c, tfmY: opts.tfmY ?? "coord" };
}

/** Lesson: `Scale(sz)`: the shorter side to sz, the aspect kept (`scale_min`). */
export function Scale(sz: number, opts: Opts = {}): Transform {
  return { kind: "scale", sz, tfmY: opts.tfmY ?? "coord" };
}

/** Lesson: `NoCrop(sz)` (`CropType.NO`): resize to sz × sz, no crop — the "squish". */
export function NoCrop(sz: number, opts: Opts = {}): Transform {
  return { kind: "noCrop", sz, tfmY: opts.tfmY ?? "coord" };
}

/** Lesson: `CenterCrop(sz)`: the middle sz × sz. */
export function CenterCrop(sz: number, opts: Opts = {}): Transform {
  return { kind: "centerCrop", sz, tfmY: opts.tfmY ?? "coord" };
}

/** Lesson: `RandomCrop(sz)`: an sz × sz window at a random place. */
export function RandomCrop(sz: number, opts: Opts = {}): Transform {
  return { kind: "randomCrop", sz, tfmY: opts.tfmY ?? "coord" };
}

/**
 * Random crop + zoom (not in the lesson: it squishes with NoCrop): a window of each side × U[minScale, 1] at a
 * random place, zoomed to sz × sz; boxes cut by it are clipped, and dropped when under `minVisible` of the
 * box is left (see crop-zoom.ts for the rule).
 */
export function RandomCropZoom(
  sz: number,
  opts: Opts & { minScale?: number; minVisible?: number } = {},
): Transform {
  return {
    kind: "cropZoom",
    sz,
    minScale: opts.minScale ?? 0.5,
    minVisible: opts.minVisible ?? 0.3,
    tfmY: opts.tfmY ?? "coord",
  };
}

/** The same transforms with every `tfmY` set to one value (fastai passes one `tfm_y` to all of them). */
export function withTfmY(pipeline: Pipeline, tfmY: TfmY): Transform[] {
  return pipeline.map((t) => ({ ...t, tfmY }));
}

/** Lesson: `scale_to(x, ratio, targ) = max(floor(x*ratio), targ)`; the size after `Scale(sz)`. */
export function scaleSize(size: Size, sz: number): Size {
  const ratio = sz / Math.min(size.h, size.w);
  const to = (x: number) => Math.max(Math.floor(x * ratio), sz); // the same doubles as Python: same sizes
  return { h: to(size.h), w: to(size.w) };
}

const KINDS: readonly string[] = [
  "flip",
  "rotate",
  "lighting",
  "scale",
  "noCrop",
  "centerCrop",
  "randomCrop",
  "cropZoom",
];

/** Check a transform's numbers; a clear message names the transform and the problem. */
export function checkTransform(t: Transform, where = "pipeline"): void {
  const bad = (what: string) => {
    throw new Error(`${where}: ${t.kind} transform: ${what} (got ${JSON.stringify(t)})`);
  };
  if (!t || !KINDS.includes(t.kind)) throw new Error(`${where}: unknown transform ${JSON.stringify(t)}`);
  if (t.tfmY !== "coord" && t.tfmY !== "none") bad(`tfmY must be "coord" or "none"`);
  const finite = (v: unknown) => typeof v === "number" && Number.isFinite(v);
  switch (t.kind) {
    case "flip":
    case "rotate":
      if (!finite(t.p) || t.p < 0 || t.p > 1) bad("p must be a probability in [0, 1]");
      if (t.kind === "rotate" && (!finite(t.deg) || t.deg < 0)) bad("deg must be a number >= 0");
      return;
    case "lighting":
      if (!finite(t.b) || !finite(t.c) || t.b < 0 || t.c < 0) bad("b and c must be numbers >= 0");
      return;
    case "scale":
    case "noCrop":
    case "centerCrop":
    case "randomCrop":
      if (!Number.isInteger(t.sz) || t.sz < 1) bad("sz must be a positive integer");
      return;
    case "cropZoom":
      if (!Number.isInteger(t.sz) || t.sz < 1) bad("sz must be a positive integer");
      if (!finite(t.minScale) || t.minScale <= 0 || t.minScale > 1) bad("minScale must be in (0, 1]");
      if (!finite(t.minVisible) || t.minVisible < 0 || t.minVisible > 1) bad("minVisible must be in [0, 1]");
      return;
    default:
      throw new Error(`${where}: unknown transform ${JSON.stringify(t)}`);
  }
}

/** Draw one transform's parameters for one image of `size` (lesson: `set_state`) and say what it does. */
export function drawStep(t: Transform, size: Size, rng: Rng): Step {
  const geometry = (m: Affine, out: Size, params: Params): Step => ({
    kind: "geometry",
    transform: t.kind,
    tfmY: t.tfmY,
    m,
    size: out,
    params,
  });
  switch (t.kind) {
    case "flip": {
      const flipped = rng() < t.p;
      return geometry(flipped ? flipAffine(size) : IDENTITY, size, { flipped });
    }
    case "rotate": {
      const deg = rand0(rng, t.deg); // both drawn every time, as the lesson's set_state does
      const rotated = rng() < t.p;
      return geometry(rotated ? rotateAffine(size, deg) : IDENTITY, size, {
        rotated,
        deg: rotated ? deg : 0,
      });
    }
    case "lighting": {
      const b = rand0(rng, t.b);
      const cRand = rand0(rng, t.c);
      const c = cRand < 0 ? -1 / (cRand - 1) : cRand + 1;
      return {
        kind: "lighting",
        transform: "lighting",
        tfmY: t.tfmY,
        b,
        c,
        params: { brightness: b, contrast: c },
      };
    }
    case "scale": {
      const out = scaleSize(size, t.sz);
      return geometry(resizeAffine(size, out), out, { h: out.h, w: out.w });
    }
    case "noCrop": {
      const out = { h: t.sz, w: t.sz };
      return geometry(resizeAffine(size, out), out, { h: t.sz, w: t.sz });
    }
    case "centerCrop":
    case "randomCrop": {
      const sz = Math.min(t.sz, size.h, size.w);
      // lesson: center_crop's ceil((r-sz)/2); RandomCrop's floor(U[0,1)*(r-sz))
      const top = t.kind === "centerCrop" ? Math.ceil((size.h - sz) / 2) : Math.floor(rng() * (size.h - sz));
      const left = t.kind === "centerCrop" ? Math.ceil((size.w - sz) / 2) : Math.floor(rng() * (size.w - sz));
      return geometry(cropAffine(top, left), { h: sz, w: sz }, { top, left });
    }
    case "cropZoom": {
      const win = drawCropWindow(size, rng, t.minScale);
      return geometry(cropZoomAffine(win, t.sz), { h: t.sz, w: t.sz }, { ...win, minVisible: t.minVisible });
    }
  }
}
