// The unit tests that compare tfjs-wasm with tfjs-cpu share this: tfjs-wasm's binaries from node_modules, the
// switch to it (our wasm-fast kernels on or off) and the way back to the CPU backend the other tests expect.
import { fileURLToPath } from "node:url";
import { setWasmPaths } from "@tensorflow/tfjs-backend-wasm";
import * as tf from "@tensorflow/tfjs-core";
import { afterAll, beforeAll, expect } from "vitest";
import { disableWasmFast, enableWasmFast } from "../../src/compute/wasm-fast/register";

setWasmPaths(
  fileURLToPath(new URL("../../node_modules/@tensorflow/tfjs-backend-wasm/dist/", import.meta.url)),
);

/** Switch to tfjs-wasm; with `fast`, our kernels too (src/compute/wasm-fast). */
export async function toWasm({ fast }: { fast: boolean }): Promise<void> {
  expect(await tf.setBackend("wasm")).toBe(true);
  if (fast) enableWasmFast();
}

/** Back to tfjs-cpu, our wasm kernels off. */
export async function backToCpu(): Promise<void> {
  disableWasmFast();
  await tf.setBackend("cpu");
}

/** Inside a describe: compute the CPU references first (`refs`), then run its tests on tfjs-wasm; back to CPU after. */
export function onWasm(refs: () => void, opts: { fast: boolean }): void {
  beforeAll(async () => {
    refs();
    await toWasm(opts);
  });
  afterAll(backToCpu);
}
