// Image decoding guards: the JPEG size is read from its header (so the browser decoder can refuse a
// decompression bomb before decoding), and the Node decoder refuses one too.
import { describe, expect, it } from "vitest";
import { jpegSize, looksLikeImage, MAX_PIXELS } from "../../../src/data/decode";
import { nodeDecoder } from "../../../src/data/decode-node";
import { SUMMARY, sampleBytes } from "./helpers";

/** A copy of a JPEG whose SOF header claims another size. */
function withSize(jpeg: Uint8Array, width: number, height: number): Uint8Array {
  const b = jpeg.slice();
  let i = 2;
  for (;;) {
    const m = b[i + 1];
    if (m >= 0xc0 && m <= 0xc3) {
      b.set([height >> 8, height & 255, width >> 8, width & 255], i + 5);
      return b;
    }
    i += 2 + ((b[i + 2] << 8) | b[i + 3]);
  }
}

describe("decode guards", () => {
  it("reads every fixture JPEG's size from its header", () => {
    for (const [id, s] of Object.entries(SUMMARY)) {
      expect(jpegSize(sampleBytes(`VOCdevkit/${s.year}/JPEGImages/${id}.jpg`))).toEqual({
        width: s.width,
        height: s.height,
      });
    }
    expect(jpegSize(new TextEncoder().encode("not a jpeg"))).toBeNull();
  });

  it("refuses a JPEG that claims more than the pixel limit", async () => {
    const bomb = withSize(sampleBytes("VOCdevkit/VOC2007/JPEGImages/000005.jpg"), 60000, 60000);
    expect(jpegSize(bomb)).toEqual({ width: 60000, height: 60000 });
    expect(60000 * 60000).toBeGreaterThan(MAX_PIXELS);
    await expect(nodeDecoder(bomb, "bomb.jpg")).rejects.toThrow(
      /^bomb\.jpg: not a readable JPEG \(.*maxResolutionInMP/,
    );
    expect(looksLikeImage(bomb)).toBe(true);
  });
});
