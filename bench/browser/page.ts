// The browser half of `npm run bench`: ?engine=webgpu|webgl|cpu|wasm|wasm-fast picks the tfjs backend (and the
// fast conv gradients for wasm-fast); scripts/bench.ts then calls window.bench.* through Playwright.
import * as tf from "@tensorflow/tfjs-core";
import {
  describeWasmFast,
  enableWasmFast,
  wasmThreadsFor,
  withWasmThreadPool,
} from "../../src/model/wasm-fast";
import { makeSsdStep } from "../ssd-step";
import { type Engine, timeRuns } from "../timing";

const WASM_DIR = "/node_modules/@tensorflow/tfjs-backend-wasm/dist/";

async function setup(engine: Engine): Promise<Record<string, unknown>> {
  if (engine === "wasm" || engine === "wasm-fast") {
    const wasm = await import("@tensorflow/tfjs-backend-wasm");
    wasm.setWasmPaths(WASM_DIR);
    const asked = new URLSearchParams(location.search).get("threads");
    const threads = asked ? Number(asked) : wasmThreadsFor();
    wasm.setThreadsCount(threads);
    await withWasmThreadPool(threads, async () => {
      if (!(await tf.setBackend("wasm"))) throw new Error("tf.setBackend('wasm') failed");
      await tf.ready();
    });
    if (engine === "wasm-fast") enableWasmFast();
    const info = await describeWasmFast(wasm.getThreadsCount);
    return { ...info, crossOriginIsolated: globalThis.crossOriginIsolated === true };
  }
  if (engine === "webgpu") await import("@tensorflow/tfjs-backend-webgpu");
  else if (engine === "webgl") await import("@tensorflow/tfjs-backend-webgl");
  else await import("@tensorflow/tfjs-backend-cpu");
  if (!(await tf.setBackend(engine))) throw new Error(`tf.setBackend('${engine}') failed`);
  await tf.ready();
  return { backend: tf.getBackend() };
}

const engine = new URLSearchParams(location.search).get("engine") as Engine;
const status = document.getElementById("status") as HTMLElement;

const api = {
  ready: false,
  error: undefined as string | undefined,
  info: {} as Record<string, unknown>,
  /** ssd_head_step: ms per training step (warmups excluded) */
  async ssdHeadStep(o: { batch: number; channels: number; runs: number; warmup: number; budgetMs: number }) {
    const s = makeSsdStep({ batch: o.batch, channels: o.channels });
    try {
      return await timeRuns(() => s.step(), o);
    } finally {
      s.dispose();
    }
  },
  memory: () => tf.memory(),
};
declare global {
  interface Window {
    bench: typeof api;
  }
}
window.bench = api;

setup(engine)
  .then((info) => {
    api.info = { engine, backend: tf.getBackend(), ...info };
    status.textContent = `ready: ${JSON.stringify(api.info)}`;
    api.ready = true;
  })
  .catch((e: unknown) => {
    api.error = e instanceof Error ? e.message : String(e);
    status.textContent = `error: ${api.error}`;
    api.ready = true;
  });
