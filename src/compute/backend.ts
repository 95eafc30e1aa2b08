// Choosing the tfjs compute backend: WebGPU, then WebGL, then CPU — and checking what we really got,
// because tfjs falls back silently. Backends are imported lazily so tfjs arrives after the first paint.
import * as tf from "@tensorflow/tfjs-core";
import { errorText } from "../errors";

import { type BackendName, PAGE_ORDER } from "./backends";

export interface BackendAttempt {
  name: BackendName;
  ok: boolean;
  error?: string;
}

export interface BackendInfo {
  /** what tf.getBackend() reports after initialisation */
  name: BackendName;
  attempts: BackendAttempt[];
}

const registrars: Record<BackendName, () => Promise<unknown>> = {
  webgpu: () => import("@tensorflow/tfjs-backend-webgpu"),
  webgl: () => import("@tensorflow/tfjs-backend-webgl"),
  wasm: async () => {
    const wasm = await import("@tensorflow/tfjs-backend-wasm");
    // The fast CPU training path (src/compute/wasm-fast): conv gradients wasm lacks, and threads on every core.
    const { startWasmFast } = await import("./wasm-fast");
    return startWasmFast(wasm, { wasmPath: await wasmPaths() });
  },
  cpu: () => import("@tensorflow/tfjs-backend-cpu"),
};

/** Where the WASM binaries are served from: our own origin (emitted with the build), never a CDN. */
export async function wasmPaths(): Promise<Record<string, string>> {
  return (await import("./wasm-files")).WASM_FILES;
}

async function tryBackend(name: BackendName): Promise<BackendAttempt> {
  try {
    if (name === "webgpu" && !("gpu" in globalThis.navigator)) {
      return {
        name,
        ok: false,
        error: "navigator.gpu is not available (WebGPU off or not a secure context)",
      };
    }
    if (name === "webgpu" && !(await navigator.gpu.requestAdapter())) {
      return {
        name,
        ok: false,
        error: "the browser offers WebGPU but no adapter (GPU blocklisted or disabled)",
      };
    }
    await registrars[name]();
    const ok = await tf.setBackend(name);
    await tf.ready();
    if (!ok || tf.getBackend() !== name) {
      return { name, ok: false, error: `tf.setBackend("${name}") failed; tfjs reports "${tf.getBackend()}"` };
    }
    return { name, ok: true };
  } catch (e) {
    return { name, ok: false, error: errorText(e) };
  }
}

/** How long a backend may take to start before the next one is tried (a stuck start must not hang the page). */
export const START_TIMEOUT_MS = 30_000;

export interface InitOptions {
  /** give up on a backend that has not started after this long (default START_TIMEOUT_MS) */
  timeoutMs?: number;
  /** how one backend is tried (tests swap it) */
  attempt?: (name: BackendName) => Promise<BackendAttempt>;
}

/** The backends to try: a forced one first, then the usual order without it. */
export function candidates(
  forced: BackendName | null | undefined,
  order: readonly BackendName[],
): BackendName[] {
  return forced ? [forced, ...order.filter((n) => n !== forced)] : [...order];
}

function withTimeout(name: BackendName, p: Promise<BackendAttempt>, ms: number): Promise<BackendAttempt> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<BackendAttempt>((resolve) => {
    timer = setTimeout(
      () => resolve({ name, ok: false, error: `did not start within ${Math.round(ms / 1000)} s` }),
      ms,
    );
  });
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}

/**
 * Initialise tfjs on the first backend that works, in `order`; a forced one (`?backend=`) is tried first and,
 * if it cannot start (missing, failing or stuck past the timeout), the others follow in order, and the
 * attempts say why. Resolves with the backend tfjs really uses; rejects only if nothing works at all.
 */
export async function initBackend(
  forced?: BackendName | null,
  order: readonly BackendName[] = PAGE_ORDER,
  { timeoutMs = START_TIMEOUT_MS, attempt = tryBackend }: InitOptions = {},
): Promise<BackendInfo> {
  const attempts: BackendAttempt[] = [];
  let chosen: BackendName | null = null;
  for (const name of candidates(forced, order)) {
    const started = attempt(name);
    const a = await withTimeout(name, started, timeoutMs);
    attempts.push(a);
    if (a.error?.startsWith("did not start")) {
      // a backend that finishes starting after we gave up on it would become tfjs's engine (setBackend sets
      // the instance when its init resolves, whatever was chosen since): put the chosen one back
      void started.then(() => {
        if (chosen) void tf.setBackend(chosen);
      });
    }
    if (a.ok) {
      chosen = name;
      return { name, attempts };
    }
  }
  throw new Error(`No tfjs backend could start: ${attempts.map((a) => `${a.name}: ${a.error}`).join("; ")}`);
}
