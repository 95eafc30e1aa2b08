// Pixel layouts: what the model sees (RGB bytes, 3 per pixel) and what a canvas draws (RGBA, 4 per pixel, opaque).
import type { RgbaImage } from "./types";

/** width×height RGB bytes → an opaque RGBA image. */
export function rgbToRgba(rgb: Uint8Array, width: number, height = width): RgbaImage {
  const n = width * height;
  if (rgb.length !== n * 3) throw new Error(`rgbToRgba: ${rgb.length} bytes for ${width}×${height}×3`);
  const data = new Uint8ClampedArray(n * 4);
  for (let i = 0; i < n; i++) {
    data[i * 4] = rgb[i * 3];
    data[i * 4 + 1] = rgb[i * 3 + 1];
    data[i * 4 + 2] = rgb[i * 3 + 2];
    data[i * 4 + 3] = 255;
  }
  return { width, height, data };
}

/** An RGBA image → its RGB bytes (alpha dropped). */
export function rgbaToRgb(image: RgbaImage): Uint8Array {
  const n = image.width * image.height;
  const rgb = new Uint8Array(n * 3);
  for (let i = 0; i < n; i++) {
    rgb[i * 3] = image.data[i * 4];
    rgb[i * 3 + 1] = image.data[i * 4 + 1];
    rgb[i * 3 + 2] = image.data[i * 4 + 2];
  }
  return rgb;
}
