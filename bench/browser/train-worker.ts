// A training loop in a Web Worker (as the app trains), so the page can watch its own main thread meanwhile.
import { makeSsdStep } from "../ssd-step";
import type { Engine } from "../timing";
import { startEngine } from "./engine";

self.onmessage = async (
  e: MessageEvent<{ engine: Engine; threads?: number; steps: number; channels: number; batch: number }>,
) => {
  const o = e.data;
  try {
    await startEngine(o.engine, o.threads);
    const s = makeSsdStep({ batch: o.batch, channels: o.channels });
    await s.step(); // warm up before the page starts watching
    self.postMessage({ type: "warm" });
    const times: number[] = [];
    for (let i = 0; i < o.steps; i++) {
      const t0 = performance.now();
      await s.step();
      times.push(performance.now() - t0);
    }
    s.dispose();
    self.postMessage({ type: "done", times });
  } catch (err) {
    self.postMessage({ type: "error", error: err instanceof Error ? err.message : String(err) });
  }
};
