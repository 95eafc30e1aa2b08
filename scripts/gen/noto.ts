// The emoji bodies the synthetic scenes use, read from @iconify-json/noto (Node: the pack generator, tests, scripts).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { Resvg } from "@resvg/resvg-js";
import { type ArtBodies, EMOJI_NAMES } from "../../src/data/synth/art";
import type { Painter } from "../../src/data/synth/render";

export function notoBodies(): ArtBodies {
  const require = createRequire(import.meta.url);
  const noto = require("@iconify-json/noto/icons.json") as {
    width: number;
    height: number;
    icons: Record<string, { body: string; width?: number; height?: number }>;
  };
  const out: ArtBodies = {};
  for (const name of EMOJI_NAMES) {
    const icon = noto.icons[name];
    if (!icon) throw new Error(`@iconify-json/noto has no icon "${name}"`);
    if ((icon.width ?? noto.width) !== 128 || (icon.height ?? noto.height) !== 128)
      throw new Error(`${name}: not 128x128`);
    out[name] = icon.body;
  }
  return out;
}

/** The Node painter: resvg-js (native) and the emoji bodies from node_modules. */
export function nodePainter(): Painter {
  const bodies = notoBodies();
  return {
    bodies,
    rasterize: (svg) =>
      new Uint8Array(
        new Resvg(svg, { font: { loadSystemFonts: false }, fitTo: { mode: "original" } }).render().pixels,
      ),
  };
}

/**
 * resvg-wasm in Node, with its objects freed after each render: for long runs that draw thousands of scenes
 * (resvg-js keeps ~2 MB of native memory per render until exit). Same renderer version, same boxes.
 */
export async function nodeWasmPainter(): Promise<Painter> {
  const { initWasm } = await import("@resvg/resvg-wasm");
  const { resvgWasmRasterize } = await import("../../src/data/synth/resvg-wasm");
  const require = createRequire(import.meta.url);
  await initWasm(readFileSync(require.resolve("@resvg/resvg-wasm/index_bg.wasm")));
  return {
    bodies: notoBodies(),
    rasterize: resvgWasmRasterize,
  };
}
