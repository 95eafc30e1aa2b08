// The box maths of the augmentations: the shared reference vectors, the lesson's derived numbers (§4.6),
// and properties of the affine maps.
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ops } from "../../../scripts/vectors/ops-augment";
import {
  type Affine,
  applyAffine,
  composeAffine,
  coordFlip,
  coordRotate,
  coordSquish,
  invertAffine,
  mapBox,
  rotateAffine,
} from "../../../src/augment/affine";
import { mapBoxes, planSample } from "../../../src/augment/plan";
import { validationPipeline } from "../../../src/augment/presets";
import type { Box } from "../../../src/ssd/types";
import { expectNear } from "./helpers";

interface Case {
  id: string;
  op: string;
  args: Record<string, unknown>;
  expect: number[];
  tol?: { rtol: number; atol: number };
}
const vectors = JSON.parse(
  readFileSync(new URL("../../../../shared/reference/vectors.json", import.meta.url), "utf8"),
);
const coordCases: Case[] = vectors.cases.filter((c: Case) => c.op.startsWith("coord_"));

describe("reference vectors coord_flip / coord_rotate / coord_squish", () => {
  it("has cases of all three ops", () => {
    expect(new Set(coordCases.map((c) => c.op))).toEqual(
      new Set(["coord_flip", "coord_rotate", "coord_squish"]),
    );
  });
  for (const c of coordCases) {
    it(c.id, () => {
      const got = ops[c.op as keyof typeof ops](c.args);
      const tol = c.tol ?? vectors.tolerance;
      got.forEach((v, i) => {
        expect(Math.abs(v - c.expect[i])).toBeLessThanOrEqual(tol.atol + tol.rtol * Math.abs(c.expect[i]));
      });
    });
  }
  it("bad arguments give a clear error naming the op and the argument", () => {
    expect(() => ops.coord_flip({ box: [1, 2, 3], size: [10, 10] })).toThrow(
      /coord_flip: box must be 4 numbers/,
    );
    expect(() => ops.coord_rotate({ box: [1, 2, 3, 4], size: [10, 10] })).toThrow(/coord_rotate: deg/);
    expect(() => ops.coord_squish({ box: [1, 2, 3, 4], from: [0, 10], sz: 224 })).toThrow(
      /coord_squish: from/,
    );
  });
});

const within = (got: Box, want: number[], px: number) => expectNear(got, want, px);

describe("the lesson's derived numbers (reference §4.6, measured with a mask)", () => {
  const s224 = { h: 224, w: 224 };
  const box: Box = [50, 60, 170, 180];
  it("analytic: no pixel lost at the bottom/right where the mask lost one", () => {
    expect(coordRotate(box, s224, 0)).toEqual(box); // the lesson's mask gives [50, 60, 169, 179]
    within(coordRotate(box, s224, 0), [50, 60, 169, 179], 1);
  });
  it("flip: c -> 223 - c", () => {
    expect(coordFlip(box, s224)).toEqual([50, 43, 170, 163]);
    within(coordFlip(box, s224), [50, 44, 169, 163], 1);
  });
  it("rotations of 3°, -3°, 10°, 30° land within 2 px of the mask's", () => {
    within(coordRotate(box, s224, 3), [47, 57, 172, 182], 2);
    within(coordRotate(box, s224, -3), [47, 57, 172, 182], 2);
    within(coordRotate(box, s224, 10), [39, 50, 177, 188], 2);
    within(coordRotate(box, s224, 30), [25, 36, 187, 199], 2);
  });
  it("the validation pipeline Scale(224) → NoCrop(224) on three VOC images", () => {
    const cases: [number, number, Box[], [number, number], number[][]][] = [
      [333, 500, [[96, 155, 269, 350]], [224, 336], [[65, 70, 179, 156]]],
      [
        364,
        480,
        [
          [61, 184, 198, 278],
          [77, 89, 335, 402],
        ],
        [224, 295],
        [
          [38, 87, 120, 129],
          [48, 42, 205, 187],
        ],
      ],
      [500, 334, [[1, 2, 461, 242]], [335, 224], [[1, 2, 205, 161]]],
    ];
    for (const [h, w, boxes, mid, want] of cases) {
      const plan = planSample(validationPipeline(224), { h, w }, 0);
      expect(plan.steps[0].kind === "geometry" && plan.steps[0].size).toEqual({ h: mid[0], w: mid[1] });
      expect(plan.size).toEqual({ h: 224, w: 224 });
      mapBoxes(boxes, plan).forEach((b, i) => {
        within(b, want[i], 2);
      });
      // and the two steps together are one squish
      mapBoxes(boxes, plan).forEach((b, i) => {
        expectNear(b, coordSquish(boxes[i], { h, w }, 224), 1e-9);
      });
    }
  });
});

describe("affine maps", () => {
  const arbAffine = fc
    .tuple(
      fc.double({ min: -3, max: 3, noNaN: true }),
      fc.double({ min: -3, max: 3, noNaN: true }),
      fc.double({ min: -50, max: 50, noNaN: true }),
      fc.double({ min: -3, max: 3, noNaN: true }),
      fc.double({ min: -3, max: 3, noNaN: true }),
      fc.double({ min: -50, max: 50, noNaN: true }),
    )
    .filter(([a, b, , d, e]) => Math.abs(a * e - b * d) > 0.1) as fc.Arbitrary<Affine>;
  const pt = fc.double({ min: -100, max: 100, noNaN: true });

  it("invert undoes, compose chains", () => {
    fc.assert(
      fc.property(arbAffine, arbAffine, pt, pt, (m, n, x, y) => {
        const [u, v] = applyAffine(invertAffine(m), ...applyAffine(m, x, y));
        expect(u).toBeCloseTo(x, 6);
        expect(v).toBeCloseTo(y, 6);
        const [p, q] = applyAffine(composeAffine(m, n), x, y);
        const [r, s] = applyAffine(n, ...applyAffine(m, x, y));
        expect(p).toBeCloseTo(r, 6);
        expect(q).toBeCloseTo(s, 6);
      }),
    );
  });

  it("a singular matrix is refused with its numbers in the message", () => {
    expect(() => invertAffine([0, 0, 0, 0, 0, 0])).toThrow(/singular/);
  });

  it("rotation is counter-clockwise as displayed: a point right of the centre goes up", () => {
    const [x, y] = applyAffine(rotateAffine({ h: 11, w: 11 }, 90), 10, 5);
    expect(x).toBeCloseTo(5, 9);
    expect(y).toBeCloseTo(0, 9);
  });

  it("flipping twice gives the box back; a flip keeps its size", () => {
    const arbBox = fc
      .tuple(fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 149 }), fc.nat(99), fc.nat(149))
      .map(([a, b, c, d]) => [Math.min(a, c), Math.min(b, d), Math.max(a, c), Math.max(b, d)] as Box);
    fc.assert(
      fc.property(arbBox, (b) => {
        const size = { h: 100, w: 150 };
        expect(coordFlip(coordFlip(b, size), size)).toEqual(b);
        const f = coordFlip(b, size);
        expect(f[3] - f[1]).toBe(b[3] - b[1]);
      }),
    );
  });

  it("a rotated box contains the box it came from when turned back, and stays inside the image", () => {
    const size = { h: 120, w: 160 };
    fc.assert(
      fc.property(fc.double({ min: -30, max: 30, noNaN: true }), (deg) => {
        const b: Box = [40, 50, 80, 110];
        const r = coordRotate(b, size, deg);
        expect(r[0]).toBeGreaterThanOrEqual(0);
        expect(r[2]).toBeLessThanOrEqual(size.h - 1);
        const back = mapBox(r, rotateAffine(size, -deg), size);
        expect(back[0]).toBeLessThanOrEqual(b[0] + 1e-9);
        expect(back[1]).toBeLessThanOrEqual(b[1] + 1e-9);
        expect(back[2]).toBeGreaterThanOrEqual(b[2] - 1e-9);
        expect(back[3]).toBeGreaterThanOrEqual(b[3] - 1e-9);
      }),
    );
  });

  it("a box turned wholly out of the image becomes the empty box [0,0,0,0]", () => {
    expect(mapBox([0, 0, 5, 5], [1, 0, -50, 0, 1, 0], { h: 20, w: 20 })).toEqual([0, 0, 0, 0]);
    expect(mapBox([0, 0, 5, 5], [1, 0, -3, 0, 1, 0], { h: 20, w: 20 })).toEqual([0, 0, 5, 2]);
  });
});
