// Test helpers: the real VOC fixtures of ../shared/voc-samples as browser-like files (lazy Blobs).
import { openAsBlob, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import type { PathedFile } from "../../../src/data/vfs";

export const SAMPLES = join(__dirname, "../../../../shared/voc-samples");

export interface SummaryObject {
  name: string;
  difficult: number;
  truncated: number;
  xmin: number;
  ymin: number;
  xmax: number;
  ymax: number;
}
export type Summary = Record<
  string,
  { year: string; width: number; height: number; objects: SummaryObject[] }
>;
export const SUMMARY: Summary = JSON.parse(readFileSync(join(SAMPLES, "SUMMARY.json"), "utf8"));

/** Every file under dir, paths relative to `base` ("/"-separated), sorted. */
export function walk(dir: string, base = dir): string[] {
  return readdirSync(dir)
    .flatMap((n) => {
      const p = join(dir, n);
      return statSync(p).isDirectory() ? walk(p, base) : [relative(base, p).split("\\").join("/")];
    })
    .sort();
}

/** The VOCdevkit fixture as picked-folder files: lazy, file-backed Blobs like the browser's File. */
export async function sampleFiles(): Promise<PathedFile[]> {
  return Promise.all(
    walk(SAMPLES)
      .filter((p) => p.startsWith("VOCdevkit/"))
      .map(async (p) => ({ path: p, file: await openAsBlob(join(SAMPLES, p)) })),
  );
}

export function sampleBytes(path: string): Uint8Array {
  return new Uint8Array(readFileSync(join(SAMPLES, path)));
}

/** fetch for file:// URLs (a hosted pack read from disk through loadPack's own code path). */
export async function fileFetch(url: string): Promise<Response> {
  const { readFile } = await import("node:fs/promises");
  const { fileURLToPath } = await import("node:url");
  try {
    return new Response(await readFile(fileURLToPath(url)));
  } catch {
    return new Response(null, { status: 404, statusText: "Not Found" });
  }
}
