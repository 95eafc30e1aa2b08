// The one list of tfjs backends the app knows: their names, how they are shown, and the orders they are tried in.
// The page and the training worker read it; nothing else names a backend.

export const BACKENDS = ["webgpu", "webgl", "wasm", "cpu"] as const;
export type BackendName = (typeof BACKENDS)[number];

/** How each backend is named on screen (the header badge, the training status line). */
export const BACKEND_LABEL: Record<BackendName, string> = {
  webgpu: "WebGPU",
  webgl: "WebGL",
  wasm: "WASM",
  cpu: "CPU",
};

/** Why the training worker runs on a backend when nothing forced it (shown beside its name). */
export const TRAIN_NOTE: Partial<Record<BackendName, string>> = {
  wasm: "the fast CPU path: no WebGPU here, so WASM with our convolution gradients",
};

/** The page: WebGPU, then WebGL, then CPU. */
export const PAGE_ORDER: readonly BackendName[] = ["webgpu", "webgl", "cpu"];

/**
 * The training worker: WebGPU, else the fast CPU path — WASM with our own convolution gradients
 * (src/compute/wasm-fast), ~30× faster than WebGL on a machine without a usable GPU — then WebGL, CPU.
 */
export const TRAIN_ORDER: readonly BackendName[] = ["webgpu", "wasm", "webgl", "cpu"];

export function isBackendName(s: unknown): s is BackendName {
  return typeof s === "string" && (BACKENDS as readonly string[]).includes(s);
}
