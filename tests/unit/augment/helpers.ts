// Test helpers: an image with a solid rectangle, and the box of an image's bright pixels.
import { expect } from "vitest";
import type { RgbaImage } from "../../../src/data/types";
import type { Box } from "../../../src/ssd/types";

/** A black h×w image with a white rectangle over the pixels [r0..r1] × [c0..c1] (inclusive). */
export function rectImage(h: number, w: number, box: Box): RgbaImage {
  const data = new Uint8ClampedArray(h * w * 4);
  for (let r = 0; r < h; r++) {
    for (let c = 0; c < w; c++) {
      const i = (r * w + c) * 4;
      const inside = r >= box[0] && r <= box[2] && c >= box[1] && c <= box[3];
      data[i] = data[i + 1] = data[i + 2] = inside ? 255 : 0;
      data[i + 3] = 255;
    }
  }
  return { width: w, height: h, data };
}

/** [top, left, bottom, right] of the pixels brighter than half (red channel); null if none. */
export function pixelBox(image: RgbaImage): Box | null {
  let top = Number.POSITIVE_INFINITY;
  let left = Number.POSITIVE_INFINITY;
  let bottom = -1;
  let right = -1;
  for (let r = 0; r < image.height; r++) {
    for (let c = 0; c < image.width; c++) {
      if (image.data[(r * image.width + c) * 4] > 127) {
        top = Math.min(top, r);
        bottom = Math.max(bottom, r);
        left = Math.min(left, c);
        right = Math.max(right, c);
      }
    }
  }
  return bottom < 0 ? null : [top, left, bottom, right];
}

/** Largest |a - b| over the RGB channels of two same-size RGBA images. */
export function maxRgbDiff(a: RgbaImage, b: RgbaImage): number {
  if (a.width !== b.width || a.height !== b.height) throw new Error("size mismatch");
  let m = 0;
  for (let i = 0; i < a.data.length; i++) if (i % 4 !== 3) m = Math.max(m, Math.abs(a.data[i] - b.data[i]));
  return m;
}

/** Random-looking but fixed RGB noise, so resampling differences show up. */
export function noiseImage(h: number, w: number, seed = 1): RgbaImage {
  const data = new Uint8ClampedArray(h * w * 4);
  let s = seed >>> 0;
  for (let i = 0; i < data.length; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    data[i] = i % 4 === 3 ? 255 : s >>> 24;
  }
  return { width: w, height: h, data };
}

/** Every coordinate of `got` within `px` of `want`. */
export function expectNear(got: readonly number[], want: readonly number[], px: number, what = ""): void {
  for (let i = 0; i < want.length; i++) {
    expect(Math.abs(got[i] - want[i]), `${what} coord ${i}: ${got} vs ${want}`).toBeLessThanOrEqual(px);
  }
}
