// What the fast CPU path runs on (for the backend badge and the benchmark).
import * as tf from "@tensorflow/tfjs-core";
import { isWasmFast } from "./register";

export interface WasmFastInfo {
  active: boolean;
  simd: boolean;
  /** WebAssembly threads: only where the page is cross-origin isolated (COOP/COEP headers) */
  threads: boolean;
  /** threads XNNPACK runs on (1 without WebAssembly threads) */
  threadsCount: number;
  /** one line for the backend badge, e.g. "WASM (SIMD, 2 threads) with fast conv gradients" */
  label: string;
}

/** What the fast CPU path runs on right now (call after tf.setBackend("wasm") and enableWasmFast()). */
export async function describeWasmFast(getThreadsCount?: () => number): Promise<WasmFastInfo> {
  const simd = (await tf.env().getAsync("WASM_HAS_SIMD_SUPPORT")) === true;
  const threads = (await tf.env().getAsync("WASM_HAS_MULTITHREAD_SUPPORT")) === true;
  const threadsCount = threads && getThreadsCount ? getThreadsCount() : 1;
  const active = isWasmFast();
  const how = [simd ? "SIMD" : "no SIMD", `${threadsCount} thread${threadsCount === 1 ? "" : "s"}`].join(
    ", ",
  );
  return {
    active,
    simd,
    threads,
    threadsCount,
    label: `WASM (${how})${active ? " with fast conv gradients" : ""}`,
  };
}
