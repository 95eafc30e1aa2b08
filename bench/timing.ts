// Timing helpers shared by the Node and browser halves of the benchmark: medians of several runs, after warmups.
export const ENGINES = ["webgpu", "webgl", "cpu", "wasm", "wasm-fast", "pytorch"] as const;
export type Engine = (typeof ENGINES)[number];

export interface Timing {
  median_ms: number;
  runs: number;
  /** every measured run, ms */
  samples: number[];
  /** median CPU time of this process per run, ms (Node only): steadier than wall time on a shared machine */
  cpu_ms?: number;
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * Run `f` `warmup` times untimed, then up to `runs` timed runs, stopping early once `budgetMs` is spent
 * (at least one timed run). Slow engines (SwiftShader WebGL/WebGPU) thus get 1-2 runs, fast ones several.
 */
export async function timeRuns(
  f: () => Promise<unknown>,
  o: { runs: number; warmup: number; budgetMs: number },
): Promise<Timing> {
  for (let i = 0; i < o.warmup; i++) await f();
  const samples: number[] = [];
  const cpu: number[] = [];
  const start = performance.now();
  while (samples.length < o.runs) {
    const c0 = cpuMs();
    const t0 = performance.now();
    await f();
    samples.push(performance.now() - t0);
    const c1 = cpuMs();
    if (c0 !== undefined && c1 !== undefined) cpu.push(c1 - c0);
    if (performance.now() - start > o.budgetMs) break;
  }
  const t: Timing = { median_ms: median(samples), runs: samples.length, samples };
  if (cpu.length) t.cpu_ms = median(cpu);
  return t;
}

/** This process's CPU time (user + system), ms, where the runtime tells it (Node); undefined in a browser. */
function cpuMs(): number | undefined {
  const p = (globalThis as { process?: { cpuUsage?: () => { user: number; system: number } } }).process;
  if (!p?.cpuUsage) return undefined;
  const u = p.cpuUsage();
  return (u.user + u.system) / 1000;
}
