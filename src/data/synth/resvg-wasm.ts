// SVG → RGBA with resvg compiled to WebAssembly (@resvg/resvg-wasm), freeing its objects after each render:
// the rasterizer of the training worker and of Node's long training runs. Call initWasm once per realm first.
import { Resvg } from "@resvg/resvg-wasm";
import type { Rasterize } from "./render";

export const resvgWasmRasterize: Rasterize = (svg) => {
  const r = new Resvg(svg, { font: { loadSystemFonts: false }, fitTo: { mode: "original" } });
  const img = r.render();
  const px = img.pixels.slice();
  img.free();
  r.free();
  return px;
};
