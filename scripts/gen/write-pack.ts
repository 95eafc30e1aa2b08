// Write a sample pack: a VOCdevkit-style folder (Annotations/, JPEGImages/, ImageSets/Main/) plus manifest.json.
// Shared by `npm run data:builtin` and `npm run data:voc`.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { PackImage, PackManifest, PackObject } from "../../src/data/pack";

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** A VOC annotation file in the devkit's layout. */
export function vocXml(
  folder: string,
  filename: string,
  width: number,
  height: number,
  objects: readonly PackObject[],
  database: string,
): string {
  const objs = objects
    .map(
      (o) =>
        `\t<object>\n\t\t<name>${esc(o.name)}</name>\n\t\t<pose>Unspecified</pose>\n\t\t<truncated>${o.truncated}</truncated>\n` +
        `\t\t<difficult>${o.difficult}</difficult>\n\t\t<bndbox>\n\t\t\t<xmin>${o.xmin}</xmin>\n\t\t\t<ymin>${o.ymin}</ymin>\n` +
        `\t\t\t<xmax>${o.xmax}</xmax>\n\t\t\t<ymax>${o.ymax}</ymax>\n\t\t</bndbox>\n\t</object>\n`,
    )
    .join("");
  return (
    `<annotation>\n\t<folder>${esc(folder)}</folder>\n\t<filename>${esc(filename)}</filename>\n` +
    `\t<source>\n\t\t<database>${esc(database)}</database>\n\t</source>\n` +
    `\t<size>\n\t\t<width>${width}</width>\n\t\t<height>${height}</height>\n\t\t<depth>3</depth>\n\t</size>\n` +
    `\t<segmented>0</segmented>\n${objs}</annotation>\n`
  );
}

export interface PackFile {
  image: PackImage;
  jpeg: Uint8Array;
  xml: string;
}

/** Replace `outDir` with the pack; returns the bytes written. */
export function writePack(
  outDir: string,
  manifest: PackManifest,
  files: readonly PackFile[],
  extra: Record<string, string> = {},
): number {
  rmSync(outDir, { recursive: true, force: true });
  let bytes = 0;
  const put = (rel: string, data: string | Uint8Array) => {
    const p = join(outDir, rel);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, data);
    bytes += typeof data === "string" ? Buffer.byteLength(data) : data.length;
  };
  for (const f of files) {
    put(f.image.file, f.jpeg);
    put(f.image.annotation, f.xml);
  }
  for (const [split, ids] of Object.entries(manifest.splits))
    put(`ImageSets/Main/${split}.txt`, ids.map((id) => `${id}\n`).join(""));
  put("manifest.json", `${JSON.stringify(manifest)}\n`);
  for (const [name, text] of Object.entries(extra)) put(name, text);
  return bytes;
}
