// `npm run bench [-- --quick] [-- --only=engine,…,extras] [-- --append]`: the benchmark suite (Node, headless
// Chromium, PyTorch when present). Prints a table, writes bench/results.json and the table in bench/README.md. --quick runs only
// the ssd_head_step rows (in under 5 minutes on the 2-core reference machine). Numbers are medians of runs.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import { fileURLToPath } from "node:url";
import { browserSsdSteps, startBenchServer } from "../bench/browser-runner";
import { runExtras } from "../bench/extras";
import { nodeSsdStep, type Plan, SHAPES, type ShapeName } from "../bench/node-engines";
import { findTorchPython, pytorchSsdStep } from "../bench/pytorch";
import { markdownTable, type Results, type Row, type Skipped, type TimeToMapRow } from "../bench/results";
import { browserTimeToMap } from "../bench/time-to-map";
import { torchTimeToMap } from "../bench/time-to-map-torch";
import type { Engine } from "../bench/timing";

const args = process.argv.slice(2);
const quick = args.includes("--quick");
const only = args
  .find((a) => a.startsWith("--only="))
  ?.slice(7)
  .split(",");
/** --append: keep bench/results.json's rows, replacing only those this run measures again */
const append = args.includes("--append");
const want = (e: string) => !only || only.includes(e);
const BATCH = 16;
const SHAPE_NAMES = Object.keys(SHAPES) as ShapeName[];

const results: Results = { machine: {}, results: [], skipped: [] };
const t0 = Date.now();
const log = (s: string) => console.error(`[${((Date.now() - t0) / 1000).toFixed(0).padStart(4)} s] ${s}`);
function add(r: Row | Skipped | TimeToMapRow): void {
  if ("seconds_to" in r) {
    results.results.push(r);
    log(
      `  time_to_map ${r.engine} (${r.where}): ${JSON.stringify(r.seconds_to)} ${JSON.stringify(r.map_at)}`,
    );
  } else if ("reason" in r) {
    results.skipped.push(r);
    log(`  skipped ${r.name} ${r.engine} ${r.shape ?? ""}: ${r.reason}`);
  } else {
    results.results.push(r);
    log(`  ${r.name} ${r.engine} (${r.where}) ${r.shape}: ${r.median_ms.toFixed(1)} ms, ${r.runs} runs`);
  }
}

/** Fast engines: several runs after warm-ups. */
const FAST: Plan = quick
  ? { runs: 5, warmup: 1, budgetMs: 12_000 }
  : { runs: 7, warmup: 2, budgetMs: 30_000 };
/** WebGL/WebGPU on SwiftShader (tens of seconds a step): one warm-up (shader compilation) and 1-2 runs. */
const SLOW: Plan = { runs: quick ? 1 : 2, warmup: 1, budgetMs: 600_000 };
/** tfjs-cpu (minutes a step at these shapes: its Conv2DBackpropFilter is a plain JS loop): one run, full bench only. */
const CPU: Plan = { runs: 1, warmup: 0, budgetMs: 1 };
/** Slow engines run only the lesson's shape in --quick (to stay within 5 minutes). */
const slowShapes: ShapeName[] = quick ? ["lesson"] : SHAPE_NAMES;

/** --append: earlier rows stay unless this run measured the same (name, engine, where, shape, note). */
function mergeInto(old: Results): void {
  const key = (r: Row | Skipped | TimeToMapRow) =>
    [r.name, r.engine, r.where, "shape" in r ? r.shape : "", "note" in r ? r.note : ""].join("|");
  const fresh = new Set([...results.results, ...results.skipped].map(key));
  results.results = [...old.results.filter((r) => !fresh.has(key(r))), ...results.results];
  results.skipped = [...(old.skipped ?? []).filter((r) => !fresh.has(key(r))), ...results.skipped];
  const earlier = (old.machine.runs as unknown[]) ?? [{ ...old.machine }];
  const { runs: _, ...now } = results.machine;
  results.machine = { ...now, runs: [...earlier, now] };
}

async function main(): Promise<void> {
  const cpus = os.cpus();
  results.machine = {
    cpu: cpus[0]?.model ?? "unknown",
    cores: cpus.length,
    memory_gb: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    date: new Date().toISOString(),
    loadavg_start: os.loadavg().map((x) => +x.toFixed(2)),
    mode: quick ? "quick" : "full",
  };
  log(`machine: ${JSON.stringify(results.machine)}`);

  if (want("pytorch")) {
    const py = findTorchPython();
    if ("reason" in py)
      for (const shape of SHAPE_NAMES)
        add({ name: "ssd_head_step", engine: "pytorch", shape, where: "python", reason: py.reason });
    else {
      results.machine.torch = py.torch;
      for (const shape of SHAPE_NAMES) {
        log(`pytorch ${shape}…`);
        for (const r of pytorchSsdStep(py.python, shape, SHAPES[shape], BATCH, quick ? 5 : 9)) add(r);
        if (!quick && os.cpus().length > 1)
          for (const r of pytorchSsdStep(py.python, shape, SHAPES[shape], BATCH, 9, os.cpus().length)) add(r);
      }
    }
  }

  for (const engine of ["wasm-fast", "wasm", "cpu"] as Engine[]) {
    if (!want(engine)) continue;
    for (const shape of SHAPE_NAMES) {
      if (engine === "cpu" && quick) {
        add({
          name: "ssd_head_step",
          engine,
          shape,
          where: "node",
          reason: "tfjs-cpu takes minutes per step: full bench only",
        });
        continue;
      }
      log(`node ${engine} ${shape}…`);
      add(await nodeSsdStep(engine, shape, BATCH, engine === "cpu" ? CPU : FAST));
    }
  }

  const browserEngines = (["wasm-fast", "webgl", "webgpu"] as Engine[]).filter(want);
  const extras = !quick && want("extras");
  if (browserEngines.length || extras) {
    log("starting the bench page server…");
    const server = await startBenchServer();
    try {
      for (const engine of browserEngines) {
        const fast = engine === "wasm-fast";
        const shapes = (fast ? SHAPE_NAMES : slowShapes).map((s) => [s, SHAPES[s]] as [string, number]);
        // wasm-fast: with one thread, and with every core (the app's choice; needs cross-origin isolation)
        const queries = fast ? ["&threads=1", ""] : [""];
        for (const q of queries) {
          log(`chromium ${engine}${q}…`);
          for (const r of await browserSsdSteps(engine, shapes, BATCH, fast ? FAST : SLOW, log, q)) add(r);
        }
      }
      if (extras) for (const r of await runExtras(log)) add(r);
    } finally {
      await server.close();
    }
  }

  // time_to_map: the train-ssd cell's defaults from a cold start on the CPU path (--quick too: up to ~6 min)
  if (want("time_to_map")) {
    log("time_to_map: train-ssd defaults in Chromium, CPU path, 5 minutes…");
    try {
      add(await browserTimeToMap(log));
    } catch (e) {
      add({ name: "time_to_map", engine: "wasm-fast", where: "chromium", reason: String(e).split("\n")[0] });
    }
    // the same recipe in PyTorch-CPU on the same cached features (prepared once in Node, then reused)
    const py = findTorchPython();
    if ("reason" in py) add({ name: "time_to_map", engine: "pytorch", where: "python", reason: py.reason });
    else {
      log("time_to_map: the same recipe in PyTorch on the cached features, 5 minutes…");
      try {
        add(await torchTimeToMap(py.python, log));
      } catch (e) {
        add({ name: "time_to_map", engine: "pytorch", where: "python", reason: String(e).split("\n")[0] });
      }
    }
  }

  results.machine.loadavg_end = os.loadavg().map((x) => +x.toFixed(2));
  results.machine.seconds = Math.round((Date.now() - t0) / 1000);
  const dir = fileURLToPath(new URL("../bench/", import.meta.url));
  if (append && existsSync(`${dir}results.json`))
    mergeInto(JSON.parse(readFileSync(`${dir}results.json`, "utf8")));
  const table = markdownTable(results);
  console.log(table);
  writeFileSync(`${dir}results.json`, `${JSON.stringify(results, null, 2)}\n`);
  const begin = "<!-- bench:table:begin -->";
  const end = "<!-- bench:table:end -->";
  const machine = `Machine: ${results.machine.cpu}, ${results.machine.cores} cores, ${results.machine.memory_gb} GB, ${results.machine.os}, Node ${results.machine.node}${results.machine.torch ? `, torch ${results.machine.torch}` : ""}; load average ${JSON.stringify(results.machine.loadavg_start)} → ${JSON.stringify(results.machine.loadavg_end)}; ${results.machine.date} (${results.machine.mode} run, ${results.machine.seconds} s).`;
  // the table lives in bench/README.md and in the project README's performance section
  const written: string[] = [];
  for (const name of ["bench/README.md", "README.md"]) {
    const readme = fileURLToPath(new URL(`../${name}`, import.meta.url));
    const text = readFileSync(readme, "utf8");
    if (!text.includes(begin) || !text.includes(end)) continue;
    const updated = `${text.slice(0, text.indexOf(begin) + begin.length)}\n${machine}\n\n${table}\n${text.slice(text.indexOf(end))}`;
    writeFileSync(readme, updated);
    written.push(name);
  }
  log(`wrote bench/results.json${written.length ? ` and the table in ${written.join(" and ")}` : ""}`);
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
