// Starting the fast CPU path in one call, for the engine (src/compute) and the benchmark page. The wasm
// backend module is passed in, so callers keep importing it lazily.
import * as tf from "@tensorflow/tfjs-core";
import { describeWasmFast, type WasmFastInfo } from "./info";
import { enableWasmFast } from "./register";
import { wasmThreadsFor, withWasmThreadPool } from "./threads";

/** The parts of `@tensorflow/tfjs-backend-wasm` this needs. */
export interface WasmBackendModule {
  setWasmPaths(prefixOrFileMap: string | Record<string, string>): void;
  setThreadsCount(n: number): void;
  getThreadsCount(): number;
}

export interface StartOptions {
  /** folder (URL or path, ending in /) holding tfjs-backend-wasm*.wasm, or a map file name → URL */
  wasmPath: string | Record<string, string>;
  /** threads for XNNPACK (default: every core); used only where the page is cross-origin isolated */
  threads?: number;
}

/**
 * setWasmPaths → thread count → tf.setBackend("wasm") → enableWasmFast(). Resolves with what runs (SIMD,
 * threads, a badge label); rejects if tfjs cannot start wasm. Call before any tensor is made on wasm.
 */
export async function startWasmFast(wasm: WasmBackendModule, o: StartOptions): Promise<WasmFastInfo> {
  wasm.setWasmPaths(o.wasmPath);
  const threads = o.threads ?? wasmThreadsFor();
  wasm.setThreadsCount(threads);
  await withWasmThreadPool(threads, async () => {
    if (!(await tf.setBackend("wasm")) || tf.getBackend() !== "wasm") {
      throw new Error(`tf.setBackend("wasm") failed; tfjs reports "${tf.getBackend()}"`);
    }
    await tf.ready();
  });
  enableWasmFast();
  return describeWasmFast(wasm.getThreadsCount);
}
