// The shape of bench/results.json and the table `npm run bench` prints (and writes as bench/README.md's table).
import type { Engine } from "./timing";

export interface Row {
  name: string;
  engine: Engine;
  /** "lesson" (7×7×512) or "backbone" (7×7×480) for ssd_head_step; a short description otherwise */
  shape: string;
  batch: number;
  median_ms: number;
  runs: number;
  /** median CPU time per run of the measuring process (Node, Python), ms */
  cpu_ms?: number;
  /** where it ran: node, chromium (headless), python */
  where: string;
  samples?: number[];
  note?: string;
}

/** How fast training gets somewhere: seconds until validation mAP@0.5 first reached each level, mAP at 1/3/5 min. */
export interface TimeToMapRow {
  name: "time_to_map";
  engine: Engine | string;
  where: string;
  seconds_to: { "0.2": number | null; "0.3": number | null; "0.4": number | null; "0.5": number | null };
  map_at: { "60": number | null; "180": number | null; "300": number | null };
  /** (seconds since start, mAP) at each epoch's end */
  points?: [number, number][];
  note?: string;
  /** what the run said about itself (backend, images, …) */
  detail?: string;
}

export function isTimeToMap(r: Row | TimeToMapRow): r is TimeToMapRow {
  return r.name === "time_to_map";
}

export interface Skipped {
  name: string;
  engine: Engine | string;
  shape?: string;
  where: string;
  reason: string;
}

export interface Results {
  machine: Record<string, unknown>;
  results: (Row | TimeToMapRow)[];
  skipped: Skipped[];
}

const fmt = (ms: number) => (ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2));

/** The fastest PyTorch time for the same row name and shape (the baseline a ratio is taken against). */
export function pytorchBaseline(rows: Row[], name: string, shape: string): Row | undefined {
  return rows
    .filter((r) => r.engine === "pytorch" && r.name === name && r.shape === shape)
    .sort((a, b) => a.median_ms - b.median_ms)[0];
}

const num = (v: number | null, d: number) => (v === null ? "—" : v.toFixed(d));

/** The time_to_map rows as their own small table (seconds to each mAP level, mAP at 1/3/5 minutes). */
export function timeToMapTable(rows: TimeToMapRow[]): string {
  const lines = [
    "| time_to_map | where | s to mAP 0.2 | 0.3 | 0.4 | 0.5 | mAP at 1 min | 3 min | 5 min |",
    "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
  ];
  for (const r of rows) {
    const s = r.seconds_to;
    const m = r.map_at;
    lines.push(
      `| ${r.engine} | ${r.where} | ${num(s["0.2"], 0)} | ${num(s["0.3"], 0)} | ${num(s["0.4"], 0)} | ${num(s["0.5"], 0)} | ${num(m["60"], 3)} | ${num(m["180"], 3)} | ${num(m["300"], 3)} |`,
    );
  }
  return lines.join("\n");
}

/** A Markdown table: one line per row, with the ratio to PyTorch where there is one. */
export function markdownTable(res: Results): string {
  const lines = [
    "| benchmark | engine | where | shape | batch | median ms | CPU ms | runs | × PyTorch |",
    "| --- | --- | --- | --- | ---: | ---: | ---: | ---: | ---: |",
  ];
  const steps = res.results.filter((r): r is Row => !isTimeToMap(r));
  const times = res.results.filter(isTimeToMap);
  for (const r of steps) {
    const base = r.engine === "pytorch" ? undefined : pytorchBaseline(steps, r.name, r.shape);
    // wall-time ratio; where both sides have CPU times (Node vs Python, one thread each) that one too
    const cpuRatio = base?.cpu_ms && r.cpu_ms ? ` (CPU ${(r.cpu_ms / base.cpu_ms).toFixed(2)})` : "";
    const ratio = base ? `${(r.median_ms / base.median_ms).toFixed(2)}${cpuRatio}` : "";
    const note = r.note ? ` (${r.note})` : "";
    lines.push(
      `| ${r.name} | ${r.engine}${note} | ${r.where} | ${r.shape} | ${r.batch} | ${fmt(r.median_ms)} | ${r.cpu_ms === undefined ? "" : fmt(r.cpu_ms)} | ${r.runs} | ${ratio} |`,
    );
  }
  for (const s of res.skipped) {
    lines.push(`| ${s.name} | ${s.engine} | ${s.where} | ${s.shape ?? ""} | | skipped: ${s.reason} | | | |`);
  }
  return times.length ? `${lines.join("\n")}\n\n${timeToMapTable(times)}` : lines.join("\n");
}
