// The data layer in a real browser: the built-in pack through loadBuiltin's fetch path, createImageBitmap
// decoding (checked against jpeg-js in Node), a VOCdevkit folder picked with <input webkitdirectory>, the real
// VOC fixtures as a .tar and a .zip File (Blob.slice indexes, unzipit + DecompressionStream), and a tensor
// batch on the project's backend without leaks.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, test } from "@playwright/test";
import { zipSync } from "fflate";
import { packTar } from "modern-tar";
import { nodeDecoder } from "../../src/data/decode-node";
import { openHarness, projectBackend } from "./util";

const SAMPLES = fileURLToPath(new URL("../../../shared/voc-samples", import.meta.url));
const SUMMARY = JSON.parse(readFileSync(join(SAMPLES, "SUMMARY.json"), "utf8")) as Record<
  string,
  { year: string; objects: { xmin: number; ymin: number; xmax: number; ymax: number }[] }
>;
const FIXTURES = Object.entries(SUMMARY).flatMap(([id, s]) => [
  `VOCdevkit/${s.year}/Annotations/${id}.xml`,
  `VOCdevkit/${s.year}/JPEGImages/${id}.jpg`,
]);
const bytes = (p: string) => new Uint8Array(readFileSync(join(SAMPLES, p)));
/** id -> the lesson's boxes [ymin-1, xmin-1, ymax-1, xmax-1] */
const EXPECTED = Object.fromEntries(
  Object.entries(SUMMARY).map(([id, s]) => [
    id,
    s.objects.map((o) => [o.ymin - 1, o.xmin - 1, o.ymax - 1, o.xmax - 1]),
  ]),
);

test("data: built-in pack, browser decoding, folder pick, tar and zip, tensor batch", async ({ page }) => {
  await openHarness(page, projectBackend());

  // 1. the built-in pack as the app loads it, decoded by createImageBitmap + OffscreenCanvas
  const builtin = await page.evaluate(async () => {
    const mod = "/src/data/index.ts";
    const data = (await import(/* @vite-ignore */ mod)) as typeof import("../../src/data/index");
    const ds = await data.loadPack(new URL("/data/builtin/manifest.json", location.href).href);
    const px = await ds.loadImage(ds.images[0]);
    return {
      n: ds.images.length,
      synthetic: ds.synthetic,
      report: ds.report,
      train: ds.splits.train.length,
      val: ds.splits.val.length,
      w: px.width,
      h: px.height,
      data: Array.from(px.data),
    };
  });
  expect(builtin).toMatchObject({ n: 750, synthetic: true, report: [], train: 600, val: 150 });
  const node = await nodeDecoder(
    new Uint8Array(readFileSync("public/data/builtin/JPEGImages/000001.jpg")),
    "000001.jpg",
  );
  expect([builtin.w, builtin.h]).toEqual([node.width, node.height]);
  let diff = 0;
  for (let i = 0; i < node.data.length; i++) diff += Math.abs(node.data[i] - builtin.data[i]);
  expect(diff / node.data.length).toBeLessThan(3); // two JPEG decoders agree to within rounding

  // 2. a VOCdevkit folder picked with <input webkitdirectory> (paths from webkitRelativePath)
  await page.evaluate(() => {
    const input = document.createElement("input");
    input.type = "file";
    input.id = "pick";
    input.webkitdirectory = true;
    document.body.append(input);
  });
  await page.setInputFiles("#pick", join(SAMPLES, "VOCdevkit"));
  const folder = await page.evaluate(async () => {
    const mod = "/src/data/index.ts";
    const data = (await import(/* @vite-ignore */ mod)) as typeof import("../../src/data/index");
    const files = [...(document.getElementById("pick") as HTMLInputElement).files!];
    const ds = await data.loadFromFiles(files);
    const px = await ds.loadImage(ds.images.find((i: { id: string }) => i.id === "000005")!);
    return {
      source: ds.source,
      report: ds.report,
      boxes: Object.fromEntries(
        ds.images.map((i: { id: string; objects: { box: number[] }[] }) => [
          i.id,
          i.objects.map((o) => o.box),
        ]),
      ),
      size: [px.width, px.height],
    };
  });
  expect(folder).toEqual({ source: "folder", report: [], boxes: EXPECTED, size: [500, 375] });

  // 3. the same fixtures as a .tar and a .zip File
  const tar = await packTar(
    FIXTURES.map((p) => ({
      header: { name: p, size: bytes(p).length, type: "file" as const },
      body: bytes(p),
    })),
  );
  const zip = zipSync(Object.fromEntries(FIXTURES.map((p) => [p, bytes(p)])));
  for (const [name, buf] of [
    ["VOCtrainval_06-Nov-2007.tar", tar],
    ["VOC.zip", zip],
  ] as const) {
    const got = await page.evaluate(
      async ({ name, b64 }) => {
        const mod = "/src/data/index.ts";
        const data = (await import(/* @vite-ignore */ mod)) as typeof import("../../src/data/index");
        const raw = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
        const ds = await data.loadFromFiles([new File([raw], name)]);
        const px = await ds.loadImage(ds.images.find((i: { id: string }) => i.id === "2007_000027")!);
        return {
          source: ds.source,
          report: ds.report,
          boxes: Object.fromEntries(
            ds.images.map((i: { id: string; objects: { box: number[] }[] }) => [
              i.id,
              i.objects.map((o) => o.box),
            ]),
          ),
          size: [px.width, px.height],
        };
      },
      { name, b64: Buffer.from(buf).toString("base64") },
    );
    expect(got).toEqual({
      source: name.endsWith(".tar") ? "tar" : "zip",
      report: [],
      boxes: EXPECTED,
      size: [486, 500],
    });
  }

  // 3b. the browser decoder refuses a decompression bomb from its header, and names an unreadable file
  const jpeg = bytes("VOCdevkit/VOC2007/JPEGImages/000005.jpg");
  const bomb = jpeg.slice();
  for (let i = 2; ; i += 2 + ((bomb[i + 2] << 8) | bomb[i + 3])) {
    if (bomb[i + 1] >= 0xc0 && bomb[i + 1] <= 0xc3) {
      bomb.set([0xea, 0x60, 0xea, 0x60], i + 5); // 60000 x 60000
      break;
    }
  }
  const refused = await page.evaluate(async (b64) => {
    const mod = "/src/data/index.ts";
    const data = (await import(/* @vite-ignore */ mod)) as typeof import("../../src/data/index");
    const raw = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const errs: string[] = [];
    for (const [name, b] of [
      ["bomb.jpg", raw],
      ["junk.jpg", new TextEncoder().encode("junk")],
    ] as const) {
      await data.browserDecoder(b, name).catch((e: Error) => errs.push(e.message));
    }
    return errs;
  }, Buffer.from(bomb).toString("base64"));
  expect(refused[0]).toBe("bomb.jpg: 60000x60000 pixels is over the 50 MP limit");
  expect(refused[1]).toMatch(/^junk\.jpg: not a readable image/);

  // 4. a tensor batch on the project's backend, twice, with no tensors left behind
  const batch = await page.evaluate(async () => {
    const tf = window.tf;
    const mod = "/src/data/index.ts";
    const data = (await import(/* @vite-ignore */ mod)) as typeof import("../../src/data/index");
    const bt = "/src/data/batch-tensors.ts";
    const { batchTensors } = (await import(
      /* @vite-ignore */ bt
    )) as typeof import("../../src/data/batch-tensors");
    const ds = await data.loadPack(new URL("/data/builtin/manifest.json", location.href).href);
    const before = tf.memory().numTensors;
    let shapes: number[][] = [];
    let max = 0;
    for (let k = 0; k < 2; k++) {
      const b = await batchTensors(ds, ds.images.slice(0, 4), { sz: 32, maxObjects: 6 });
      shapes = [b.x.shape, b.boxes.shape, b.classes.shape];
      const m = tf.max(b.x);
      max = (await m.data())[0];
      m.dispose();
      tf.dispose([b.x, b.boxes, b.classes]);
    }
    return { shapes, max, leaked: tf.memory().numTensors - before, backend: tf.getBackend() };
  });
  expect(batch.shapes).toEqual([
    [4, 32, 32, 3],
    [4, 6, 4],
    [4, 6],
  ]);
  expect(batch.max).toBeGreaterThan(0.5);
  expect(batch.max).toBeLessThanOrEqual(1);
  expect(batch.leaked).toBe(0);
  expect(batch.backend).toBe(projectBackend());
});
