// The three tfjs-backend-wasm binaries as URLs on our own origin: Vite emits them with the build (hashed,
// beside the JS, precached by the service worker) and serves them from node_modules in dev. Resolved by
// Vite against the importing chunk, so they are right in the page, in a worker and under any sub-path.
import plainUrl from "@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url";
import simdUrl from "@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url";
import threadedSimdUrl from "@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url";

/** The file map tfjs-wasm's `setWasmPaths` takes (one URL per binary it may pick). */
export const WASM_FILES: Record<string, string> = {
  "tfjs-backend-wasm.wasm": new URL(plainUrl, import.meta.url).href,
  "tfjs-backend-wasm-simd.wasm": new URL(simdUrl, import.meta.url).href,
  "tfjs-backend-wasm-threaded-simd.wasm": new URL(threadedSimdUrl, import.meta.url).href,
};
