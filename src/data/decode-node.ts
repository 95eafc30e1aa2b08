// Node's image decoder (tests, scripts): jpeg-js. Not imported by the app bundle.
import jpeg from "jpeg-js";
import { errorText } from "../errors";
import type { ImageDecoder } from "./decode";

/** Decode a JPEG with jpeg-js to RGBA; refuses images over 50 megapixels (decompression bombs). */
export const nodeDecoder: ImageDecoder = async (bytes, file) => {
  if (bytes.length === 0) throw new Error(`${file}: empty file (0 bytes)`);
  try {
    const img = jpeg.decode(bytes, {
      useTArray: true,
      formatAsRGBA: true,
      maxResolutionInMP: 50,
      maxMemoryUsageInMB: 512,
    });
    return {
      width: img.width,
      height: img.height,
      data: new Uint8ClampedArray(img.data.buffer, img.data.byteOffset, img.data.length),
    };
  } catch (e) {
    throw new Error(`${file}: not a readable JPEG (${errorText(e)})`);
  }
};
