// The browser's painter for synthetic scenes: resvg compiled to WebAssembly (@resvg/resvg-wasm, MPL-2.0; the same
// renderer `npm run data:builtin` uses natively) and the emoji bodies the built-in pack ships in art.json.
import { initWasm } from "@resvg/resvg-wasm";
import resvgWasmUrl from "@resvg/resvg-wasm/index_bg.wasm?url";
import type { ArtBodies } from "./art";
import type { Painter } from "./render";
import { resvgWasmRasterize } from "./resvg-wasm";

let init: Promise<void> | null = null;

/** Load resvg-wasm once per realm (page or worker). */
function ensureResvg(): Promise<void> {
  init ??= initWasm(fetch(new URL(resvgWasmUrl, import.meta.url).href)).catch((e: unknown) => {
    init = null;
    throw e;
  });
  return init;
}

/** A painter for scenes, with the emoji bodies fetched from `artUrl` (the pack's art.json). */
export async function wasmPainter(artUrl: string): Promise<Painter> {
  const [res] = await Promise.all([fetch(artUrl), ensureResvg()]);
  if (!res.ok)
    throw new Error(`${artUrl}: HTTP ${res.status} ${res.statusText} (the synthetic-scene art is missing)`);
  const bodies = (await res.json()) as ArtBodies;
  return {
    bodies,
    rasterize: resvgWasmRasterize,
  };
}
