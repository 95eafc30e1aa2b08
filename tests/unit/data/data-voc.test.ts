// `npm run data:voc`: a hosted pack built from a VOCdevkit folder, a VOC tar, or a URL (served here on
// 127.0.0.1), then loaded back through loadPack; every box must still match SUMMARY.json.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { packTar } from "modern-tar";
import { afterAll, describe, expect, it } from "vitest";
import { buildPack } from "../../../scripts/data-voc";
import { nodeDecoder } from "../../../src/data/decode-node";
import { loadPack } from "../../../src/data/pack";
import { fileFetch, SAMPLES, SUMMARY, sampleBytes, walk } from "./helpers";

const tmp = mkdtempSync(join(tmpdir(), "data-voc-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function checkPack(out: string, count: number) {
  const ds = await loadPack(pathToFileURL(join(out, "manifest.json")).href, {
    fetch: fileFetch,
    decoder: nodeDecoder,
  });
  expect(ds.report).toEqual([]);
  expect(ds.images).toHaveLength(count);
  expect(ds.synthetic).toBe(false);
  for (const im of ds.images) {
    const s = SUMMARY[im.id];
    expect(im.objects.map((o) => o.box)).toEqual(
      s.objects.map((o) => [o.ymin - 1, o.xmin - 1, o.ymax - 1, o.xmax - 1]),
    );
    // JPEGs are copied byte for byte
    expect(
      Buffer.compare(
        readFileSync(join(out, im.file)),
        sampleBytes(`VOCdevkit/${s.year}/JPEGImages/${im.id}.jpg`),
      ),
    ).toBe(0);
  }
  expect(ds.splits.train.length + ds.splits.val.length).toBe(count);
  const px = await ds.loadImage(ds.images[0]);
  expect(px.width).toBe(ds.images[0].width);
}

describe("data:voc", () => {
  it("from an extracted VOCdevkit", async () => {
    const out = join(tmp, "dir");
    const r = await buildPack({ from: SAMPLES, count: 8, out, log: () => {} });
    expect(r).toMatchObject({ images: 8, problems: 0 });
    await checkPack(out, 8);
  });

  it("from a VOC tar, and from a URL (downloaded first)", async () => {
    const paths = walk(SAMPLES).filter((p) => p.startsWith("VOCdevkit/VOC2007/"));
    const tar = await packTar(
      paths.map((p) => ({
        header: { name: p, size: sampleBytes(p).length, type: "file" as const },
        body: sampleBytes(p),
      })),
    );
    const tarFile = join(tmp, "VOCtrainval_06-Nov-2007.tar");
    writeFileSync(tarFile, tar);
    const out = join(tmp, "tar");
    expect(await buildPack({ from: tarFile, count: 100, out, log: () => {} })).toMatchObject({
      images: 20,
      problems: 0,
    });
    await checkPack(out, 20);

    const server = createServer((req, res) => {
      if (req.url === "/VOCtrainval_06-Nov-2007.tar") res.end(tar);
      else res.writeHead(404).end();
    });
    await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
    const { port } = server.address() as AddressInfo;
    try {
      const outUrl = join(tmp, "url");
      const r = await buildPack({
        from: `http://127.0.0.1:${port}/VOCtrainval_06-Nov-2007.tar`,
        count: 5,
        out: outUrl,
        log: () => {},
      });
      expect(r).toMatchObject({ images: 5, problems: 0 });
      await checkPack(outUrl, 5);
      await expect(
        buildPack({ from: `http://127.0.0.1:${port}/nope.tar`, count: 5, out: outUrl, log: () => {} }),
      ).rejects.toThrow(/HTTP 404/);
    } finally {
      server.close();
    }
  });
});
