// The browser half of `npm run bench`: ?engine=webgpu|webgl|cpu|wasm|wasm-fast (&threads=N) picks the tfjs
// backend (and the fast conv gradients for wasm-fast); scripts/bench.ts calls window.bench.* via Playwright.
import * as tf from "@tensorflow/tfjs-core";
import { loadCenternet } from "../../src/model/graph-backbone";
import { makeSsdStep } from "../ssd-step";
import { type Engine, median, timeRuns } from "../timing";
import { backboneForward, lossTiming, type Plan } from "../workloads";
import { startEngine } from "./engine";

const params = new URLSearchParams(location.search);
const engine = params.get("engine") as Engine;
const threads = params.get("threads") ? Number(params.get("threads")) : undefined;
const status = document.getElementById("status") as HTMLElement;

const api = {
  ready: false,
  error: undefined as string | undefined,
  info: {} as Record<string, unknown>,
  /** ssd_head_step: ms per training step (warmups excluded) */
  async ssdHeadStep(o: Plan & { batch: number; channels: number }) {
    const s = makeSsdStep({ batch: o.batch, channels: o.channels });
    try {
      return await timeRuns(() => s.step(), o);
    } finally {
      s.dispose();
    }
  },
  /** backbone_forward: ms per 224×224 image through the CenterNet body (served from public/models/) */
  async backboneForward(o: Plan & { batch: number }) {
    const b = await loadCenternet("/models/centernet.json");
    try {
      return await backboneForward(b, o.batch, o);
    } finally {
      b.dispose();
    }
  },
  lossTiming: (o: Plan & { kind: "batched" | "loop"; batch: number }) => lossTiming(o.kind, o.batch, o),
  /**
   * longest_main_thread_task: train `steps` steps (after one warm-up) in a Web Worker on this engine, or on
   * the main thread, and report the longest main-thread task (PerformanceObserver "longtask", > 50 ms) and
   * the longest gap between animation frames meanwhile.
   */
  async longestTask(o: { where: "worker" | "main"; steps: number; channels: number; batch: number }) {
    const longTasks: number[] = [];
    const obs = new PerformanceObserver((l) => {
      for (const e of l.getEntries()) longTasks.push(e.duration);
    });
    let frames = true;
    let last = performance.now();
    let worstGap = 0;
    const watch = () => {
      const now = performance.now();
      worstGap = Math.max(worstGap, now - last);
      last = now;
      if (frames) requestAnimationFrame(watch);
    };
    const startWatching = () => {
      obs.observe({ type: "longtask" });
      last = performance.now();
      requestAnimationFrame(watch);
    };
    let times: number[];
    if (o.where === "worker") {
      const w = new Worker(new URL("./train-worker.ts", import.meta.url), { type: "module" });
      times = await new Promise<number[]>((resolve, reject) => {
        w.onmessage = (e) => {
          if (e.data.type === "warm") startWatching();
          else if (e.data.type === "done") resolve(e.data.times);
          else reject(new Error(e.data.error));
        };
        w.postMessage({ engine, threads, steps: o.steps, channels: o.channels, batch: o.batch });
      });
      w.terminate();
    } else {
      const s = makeSsdStep({ batch: o.batch, channels: o.channels });
      await s.step();
      startWatching();
      times = [];
      for (let i = 0; i < o.steps; i++) {
        const t0 = performance.now();
        await s.step();
        times.push(performance.now() - t0);
        await new Promise((r) => setTimeout(r, 0)); // let frames run between steps, as a UI loop would
      }
      s.dispose();
    }
    frames = false;
    obs.disconnect();
    return {
      longest_task_ms: Math.max(0, ...longTasks),
      long_tasks: longTasks.length,
      worst_frame_gap_ms: worstGap,
      step_ms: median(times),
      steps: times.length,
    };
  },
  memory: () => tf.memory(),
};
declare global {
  interface Window {
    bench: typeof api;
  }
}
window.bench = api;

startEngine(engine, threads)
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
