// `npm run vectors` ops for the augmentation maths (see ../shared/reference/VECTORS.md):
// coord_flip, coord_rotate, coord_squish — the same functions the app uses (src/augment/affine.ts).
import { coordFlip, coordRotate, coordSquish, type Size } from "../../src/augment/affine";
import type { Box } from "../../src/ssd/types";

type Args = Record<string, unknown>;

function box(args: Args, op: string): Box {
  const b = args.box;
  if (!Array.isArray(b) || b.length !== 4 || b.some((v) => typeof v !== "number" || !Number.isFinite(v))) {
    throw new Error(`${op}: box must be 4 numbers [top, left, bottom, right], got ${JSON.stringify(b)}`);
  }
  return [b[0], b[1], b[2], b[3]];
}

function size(args: Args, key: string, op: string): Size {
  const s = args[key];
  if (!Array.isArray(s) || s.length !== 2 || s.some((v) => !Number.isInteger(v) || v < 1)) {
    throw new Error(`${op}: ${key} must be [h, w], two positive integers, got ${JSON.stringify(s)}`);
  }
  return { h: s[0], w: s[1] };
}

function num(args: Args, key: string, op: string): number {
  const v = args[key];
  if (typeof v !== "number" || !Number.isFinite(v))
    throw new Error(`${op}: ${key} must be a number, got ${JSON.stringify(v)}`);
  return v;
}

export const ops = {
  coord_flip: (args: Args): Box => coordFlip(box(args, "coord_flip"), size(args, "size", "coord_flip")),
  coord_rotate: (args: Args): Box =>
    coordRotate(
      box(args, "coord_rotate"),
      size(args, "size", "coord_rotate"),
      num(args, "deg", "coord_rotate"),
    ),
  coord_squish: (args: Args): Box => {
    const sz = num(args, "sz", "coord_squish");
    if (!Number.isInteger(sz) || sz < 1)
      throw new Error(`coord_squish: sz must be a positive integer, got ${sz}`);
    return coordSquish(box(args, "coord_squish"), size(args, "from", "coord_squish"), sz);
  },
};
