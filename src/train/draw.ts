// Draw `count` new scenes of the built-in pack's kind for training, on every core: a few draw workers
// (./draw-worker.ts) take chunks of scenes from one queue; where workers cannot start (Node, tests in a page
// without them) this thread draws them itself. Scene i is the same whoever draws it (src/data/synth is seeded).
import * as Comlink from "comlink";
import { type Painter, type SynthExample, synthExample } from "../data/synth";
import type { DrawWorkerApi } from "./draw-worker";
import { type Prepared, prepareAtSize } from "./examples";

/** Scenes a draw worker draws per request: progress arrives this often, and the queue stays balanced. */
const CHUNK = 20;

/** How many draw workers: one per core (the training worker waits meanwhile), at most 4. */
export function drawWorkerCount(cores = globalThis.navigator?.hardwareConcurrency ?? 1): number {
  return Math.max(1, Math.min(4, cores));
}

/** Draw scenes 0 … count - 1 of stream `seed` at size×size, prepared for training, in order; `onDrawn(done)` as chunks arrive. */
export async function drawScenes(
  count: number,
  seed: number,
  artUrl: string,
  size: number,
  onDrawn: (done: number) => void,
  /** where workers cannot run: the painter this thread draws with (Node passes its own); resvg-wasm is loaded
   * only then, not with every training worker */
  painter: () => Promise<Painter> = async () =>
    (await import("../data/synth/wasm-painter")).wasmPainter(artUrl),
): Promise<Prepared[]> {
  // each scene is kept as the model's RGB bytes as it arrives (its RGBA is dropped)
  const out: Prepared[] = new Array(count);
  const queue: [number, number][] = [];
  for (let from = 0; from < count; from += CHUNK) queue.push([from, Math.min(count, from + CHUNK)]);
  let done = 0;
  const place = (from: number, scenes: SynthExample[]) => {
    scenes.forEach((s, k) => {
      out[from + k] = prepareAtSize(s);
    });
    done += scenes.length;
    onDrawn(done);
  };
  const drawHere = async () => {
    const p = await painter();
    for (let r = queue.shift(); r; r = queue.shift()) {
      const scenes: SynthExample[] = [];
      for (let i = r[0]; i < r[1]; i++) scenes.push(synthExample(seed, i, p, size));
      place(r[0], scenes);
      await new Promise((res) => setTimeout(res, 0));
    }
  };
  if (typeof Worker === "undefined") {
    await drawHere();
    return out;
  }
  const lane = async () => {
    const worker = new Worker(new URL("./draw-worker.ts", import.meta.url), { type: "module" });
    const failed = new Promise<never>((_, reject) => {
      worker.addEventListener("error", (e) =>
        reject(new Error(`draw worker: ${e.message || "failed to start"}`)),
      );
    });
    const remote = Comlink.wrap<DrawWorkerApi>(worker);
    let r = queue.shift();
    try {
      for (; r; r = queue.shift())
        place(r[0], await Promise.race([remote.draw(artUrl, seed, r[0], r[1], size), failed]));
    } catch {
      // this lane's chunk goes back to the queue, for the other lanes (or this thread) to draw
      if (r) queue.unshift(r);
    } finally {
      remote[Comlink.releaseProxy]();
      worker.terminate();
    }
  };
  await Promise.all(Array.from({ length: drawWorkerCount() }, lane));
  if (done < count) await drawHere();
  return out;
}
