import { describe, expect, it } from "vitest";
import { rgbaToRgb, rgbToRgba } from "../../../src/data/pixels";

describe("pixels", () => {
  it("rgbToRgba copies RGB into RGBA with opaque alpha; rgbaToRgb drops alpha", () => {
    const rgb = Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18]);
    const rgba = rgbToRgba(rgb, 3, 2);
    expect([rgba.width, rgba.height]).toEqual([3, 2]);
    expect([...rgba.data.slice(0, 8)]).toEqual([1, 2, 3, 255, 4, 5, 6, 255]);
    expect([
      ...rgbaToRgb({ width: 3, height: 2, data: rgba.data.map((v, i) => (i % 4 === 3 ? 7 : v)) }),
    ]).toEqual([...rgb]);
  });
  it("refuses bytes that do not fit the size", () => {
    expect(() => rgbToRgba(new Uint8Array(11), 2)).toThrow(/11 bytes/);
  });
});
