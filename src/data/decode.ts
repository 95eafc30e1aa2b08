// Image decoding, injectable so one reader code path runs in the browser, in a worker and in Node.
// Browser/worker: createImageBitmap + OffscreenCanvas. Node: see decode-node.ts (jpeg-js).

import { errorText } from "../errors";
import type { RgbaImage } from "./types";

/** Decode the bytes of an image file (`file` names it in errors) to RGBA pixels. */
export type ImageDecoder = (bytes: Uint8Array, file: string) => Promise<RgbaImage>;

/** The JPEG/PNG start bytes; a file without them is not an image we can read. */
export function looksLikeImage(head: Uint8Array): boolean {
  const jpeg = head.length >= 3 && head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff;
  const png =
    head.length >= 4 && head[0] === 0x89 && head[1] === 0x50 && head[2] === 0x4e && head[3] === 0x47;
  return jpeg || png;
}

/** Decoding refuses images over this many pixels (decompression bombs), in the browser as jpeg-js does in Node. */
export const MAX_PIXELS = 50_000_000;

/** Width and height from a JPEG's SOF marker without decoding it; null when none is found. */
export function jpegSize(b: Uint8Array): { width: number; height: number } | null {
  if (b[0] !== 0xff || b[1] !== 0xd8) return null;
  let i = 2;
  while (i + 9 < b.length) {
    if (b[i] !== 0xff) return null;
    const marker = b[i + 1];
    if (marker === 0xff) {
      i++; // fill byte
      continue;
    }
    const len = (b[i + 2] << 8) | b[i + 3];
    // SOF0..SOF15 except DHT (c4), JPG (c8) and DAC (cc)
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { height: (b[i + 5] << 8) | b[i + 6], width: (b[i + 7] << 8) | b[i + 8] };
    }
    i += 2 + len;
  }
  return null;
}

/** True where createImageBitmap and OffscreenCanvas exist (browsers, workers). */
export function hasBrowserDecoder(): boolean {
  return typeof createImageBitmap === "function" && typeof OffscreenCanvas === "function";
}

/** Decode with the browser's image decoder (works in workers). */
export const browserDecoder: ImageDecoder = async (bytes, file) => {
  if (bytes.length === 0) throw new Error(`${file}: empty file (0 bytes)`);
  const size = jpegSize(bytes);
  if (size && size.width * size.height > MAX_PIXELS) {
    throw new Error(`${file}: ${size.width}x${size.height} pixels is over the ${MAX_PIXELS / 1e6} MP limit`);
  }
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(new Blob([bytes as Uint8Array<ArrayBuffer>]));
  } catch (e) {
    throw new Error(`${file}: not a readable image (${errorText(e)})`);
  }
  try {
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const ctx = canvas.getContext("2d", { willReadFrequently: true });
    if (!ctx) throw new Error(`${file}: no 2D canvas to decode into`);
    ctx.drawImage(bitmap, 0, 0);
    const { width, height, data } = ctx.getImageData(0, 0, bitmap.width, bitmap.height);
    return { width, height, data };
  } finally {
    bitmap.close();
  }
};

/** The browser decoder, or a clear error where there is none (Node: pass `nodeDecoder` from decode-node.ts). */
export function defaultDecoder(): ImageDecoder {
  if (hasBrowserDecoder()) return browserDecoder;
  return async (_bytes, file) => {
    throw new Error(
      `${file}: no image decoder here; in Node pass { decoder: nodeDecoder } from src/data/decode-node`,
    );
  };
}
