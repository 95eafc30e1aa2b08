// The tar index against archives written by an independent library (modern-tar): ustar prefixes, pax long
// names, empty files, small entries kept from the header window and large ones read lazily by offset.
import { packTar } from "modern-tar";
import { describe, expect, it } from "vitest";
import { LoadReport } from "../../../src/data/report";
import { indexTar } from "../../../src/data/tar";

const text = (s: string) => new TextEncoder().encode(s);
const big = new Uint8Array(200_000).map((_, i) => (i * 7919) % 251);

describe("indexTar", () => {
  it("lists every file with its exact bytes, whatever header form its name needs", async () => {
    const prefixed = `${"d".repeat(120)}/Annotations/000001.xml`; // > 100 chars, splits into ustar prefix + name
    const pax = `${"n".repeat(300)}.xml`; // no split possible: a pax header carries the path
    const entries = [
      { header: { name: "VOCdevkit/", type: "directory" as const, size: 0 } },
      { header: { name: "VOCdevkit/a.txt", size: 5 }, body: text("hello") },
      { header: { name: prefixed, size: 3 }, body: text("abc") },
      { header: { name: pax, size: 4 }, body: text("pax!") },
      { header: { name: "empty.jpg", size: 0 }, body: new Uint8Array(0) },
      { header: { name: "big.bin", size: big.length }, body: big },
      { header: { name: "after-big.txt", size: 2 }, body: text("ok") },
    ];
    const tar = await packTar(entries);
    const report = new LoadReport();
    const vfs = await indexTar(new Blob([tar]), "t.tar", report);
    expect(report.messages).toEqual([]);
    expect(vfs.files.map((f) => [f.path, f.size])).toEqual([
      ["VOCdevkit/a.txt", 5],
      [prefixed, 3],
      [pax, 4],
      ["empty.jpg", 0],
      ["big.bin", big.length],
      ["after-big.txt", 2],
    ]);
    const dec = new TextDecoder();
    expect(dec.decode(await vfs.files[0].read())).toBe("hello");
    expect(dec.decode(await vfs.files[1].read())).toBe("abc");
    expect(dec.decode(await vfs.files[2].read())).toBe("pax!");
    expect((await vfs.files[3].read()).length).toBe(0);
    expect(await vfs.files[4].read()).toEqual(big);
    expect(await vfs.files[4].read(3)).toEqual(big.subarray(0, 3));
    expect(vfs.files[4].head).toEqual(big.subarray(0, 16));
    expect(dec.decode(await vfs.files[5].read())).toBe("ok");
  });

  it("refuses bytes that are not a tar", async () => {
    await expect(
      indexTar(new Blob([new Uint8Array(1024).fill(65)]), "x.tar", new LoadReport()),
    ).rejects.toThrow("not a tar archive (the first header's checksum does not match)");
  });

  it("stops at a corrupt header, keeping the files before it", async () => {
    const tar = await packTar([
      { header: { name: "a.txt", size: 1 }, body: text("a") },
      { header: { name: "b.txt", size: 1 }, body: text("b") },
    ]);
    tar[1024 + 10] ^= 0xff; // inside b.txt's header name
    const report = new LoadReport();
    const vfs = await indexTar(new Blob([tar]), "c.tar", report);
    expect(vfs.files.map((f) => f.path)).toEqual(["a.txt"]);
    expect(report.messages).toEqual([
      {
        file: "c.tar",
        severity: "error",
        message: "corrupt tar header at byte 1024: stopped reading, the files before it are kept",
      },
    ]);
  });
});
