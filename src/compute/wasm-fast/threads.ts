// tfjs-wasm sizes its XNNPACK thread pool once, when its module starts, as min(asked, hardwareConcurrency / 2)
// ("x86 has 2 threads per core"): a 2-core laptop gets 1 thread whatever setThreadsCount says. To use every
// core we present twice the wanted count while the module starts, then put navigator back as it was.

/** How many threads to give tfjs-wasm: every core (1..8; 8 is the pool tfjs-wasm pre-creates). */
export function wasmThreadsFor(cores = globalThis.navigator?.hardwareConcurrency ?? 1): number {
  return Math.max(1, Math.min(8, Math.floor(cores)));
}

/**
 * Run `start` (which must call tf.setBackend("wasm") and await tf.ready()) while navigator reports
 * 2 × `threads` logical cores, so tfjs-wasm's pool may reach `threads`. Restores navigator afterwards.
 * Pair it with the backend's setThreadsCount(threads). Without threads (no cross-origin isolation) it is harmless.
 */
export async function withWasmThreadPool<T>(threads: number, start: () => Promise<T>): Promise<T> {
  const nav = globalThis.navigator as (Navigator & { hardwareConcurrency: number }) | undefined;
  const own = nav ? Object.getOwnPropertyDescriptor(nav, "hardwareConcurrency") : undefined;
  let patched = false;
  if (nav) {
    try {
      Object.defineProperty(nav, "hardwareConcurrency", { configurable: true, get: () => 2 * threads });
      patched = true;
    } catch {
      // a locked-down navigator: tfjs-wasm keeps its own default
    }
  }
  try {
    return await start();
  } finally {
    if (patched && nav) {
      if (own) Object.defineProperty(nav, "hardwareConcurrency", own);
      else delete (nav as { hardwareConcurrency?: number }).hardwareConcurrency;
    }
  }
}
