// Start one engine in a page or a worker: a tfjs backend, plus the fast conv gradients for wasm-fast.
import * as tf from "@tensorflow/tfjs-core";
import { describeWasmFast, startWasmFast } from "../../src/compute/wasm-fast";
import type { Engine } from "../timing";

const WASM_DIR = "/node_modules/@tensorflow/tfjs-backend-wasm/dist/";

/** Set the engine up; `threads` (wasm only) defaults to every core. Returns what it runs on. */
export async function startEngine(engine: Engine, threads?: number): Promise<Record<string, unknown>> {
  if (engine === "wasm-fast") {
    const info = await startWasmFast(await import("@tensorflow/tfjs-backend-wasm"), {
      wasmPath: WASM_DIR,
      threads,
    });
    return { ...info, crossOriginIsolated: globalThis.crossOriginIsolated === true };
  }
  if (engine === "wasm") {
    const wasm = await import("@tensorflow/tfjs-backend-wasm");
    wasm.setWasmPaths(WASM_DIR);
    if (!(await tf.setBackend("wasm"))) throw new Error("tf.setBackend('wasm') failed");
    await tf.ready();
    return {
      ...(await describeWasmFast(wasm.getThreadsCount)),
      crossOriginIsolated: globalThis.crossOriginIsolated === true,
    };
  }
  if (engine === "webgpu") await import("@tensorflow/tfjs-backend-webgpu");
  else if (engine === "webgl") await import("@tensorflow/tfjs-backend-webgl");
  else await import("@tensorflow/tfjs-backend-cpu");
  if (!(await tf.setBackend(engine))) throw new Error(`tf.setBackend('${engine}') failed`);
  await tf.ready();
  return { backend: tf.getBackend() };
}
