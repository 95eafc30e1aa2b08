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

export interface Skipped {
  name: string;
  engine: Engine | string;
  shape?: string;
  where: string;
  reason: string;
}

export interface Results {
  machine: Record<string, unknown>;
  results: Row[];
  skipped: Skipped[];
}

const fmt = (ms: number) => (ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2));

/** The fastest PyTorch time for the same row name and shape (the baseline a ratio is taken against). */
export function pytorchBaseline(rows: Row[], name: string, shape: string): Row | undefined {
  return rows
    .filter((r) => r.engine === "pytorch" && r.name === name && r.shape === shape)
    .sort((a, b) => a.median_ms - b.median_ms)[0];
}

/** A Markdown table: one line per row, with the ratio to PyTorch where there is one. */
export function markdownTable(res: Results): string {
  const lines = [
    "| benchmark | engine | where | shape | batch | median ms | CPU ms | runs | × PyTorch |",
    "| --- | --- | --- | --- | ---: | ---: | ---: | ---: | ---: |",
  ];
  for (const r of res.results) {
    const base = r.engine === "pytorch" ? undefined : pytorchBaseline(res.results, r.name, r.shape);
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
  return lines.join("\n");
}
