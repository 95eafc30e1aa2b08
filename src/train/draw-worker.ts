// A scene-drawing worker: new training scenes of the built-in pack's kind (src/data/synth, resvg-wasm) drawn off
// the training worker. resvg draws on one core, and drawing was most of a cold start, so `drawScenes` (./draw.ts)
// runs a few of these at once.
import * as Comlink from "comlink";
import { type SynthExample, synthExample } from "../data/synth";
import type { Painter } from "../data/synth/render";
import { wasmPainter } from "../data/synth/wasm-painter";

let painter: { url: string; ready: Promise<Painter> } | null = null;

const api = {
  /** Scenes `from` … `to - 1` of the stream `seed`, drawn at `size`×`size` with the art at `artUrl`. */
  async draw(artUrl: string, seed: number, from: number, to: number, size: number): Promise<SynthExample[]> {
    if (painter?.url !== artUrl) painter = { url: artUrl, ready: wasmPainter(artUrl) };
    const p = await painter.ready;
    const out: SynthExample[] = [];
    for (let i = from; i < to; i++) out.push(synthExample(seed, i, p, size));
    return Comlink.transfer(
      out,
      out.map((s) => s.image.data.buffer as ArrayBuffer),
    );
  },
};

export type DrawWorkerApi = typeof api;
Comlink.expose(api);
