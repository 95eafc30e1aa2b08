// PyTorch rows: the same training step in Debian's PyTorch (bench/pytorch_step.py), when /usr/bin/python3
// (or $BENCH_PYTHON) can import torch; otherwise the rows are skipped with the reason.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Row, Skipped } from "./results";

const SCRIPT = fileURLToPath(new URL("./pytorch_step.py", import.meta.url));

export function findTorchPython(): { python: string; torch: string } | { reason: string } {
  const candidates = [process.env.BENCH_PYTHON, "/usr/bin/python3", "python3"].filter(
    (p): p is string => !!p,
  );
  for (const python of candidates) {
    if (python.startsWith("/") && !existsSync(python)) continue;
    const r = spawnSync(python, ["-c", "import torch; print(torch.__version__)"], { encoding: "utf8" });
    if (r.status === 0) return { python, torch: r.stdout.trim() };
  }
  return {
    reason: `no python3 with torch (tried ${candidates.join(", ")}; Debian: apt-get install python3-torch)`,
  };
}

/** One run of pytorch_step.py: a row per loss variant ("lesson" per-image loop, "batched"). */
export function pytorchSsdStep(
  python: string,
  shape: string,
  channels: number,
  batch: number,
  runs: number,
  threads?: number,
): (Row | Skipped)[] {
  const args = [SCRIPT, `channels=${channels}`, `batch=${batch}`, `runs=${runs}`];
  if (threads) args.push(`threads=${threads}`);
  const r = spawnSync(python, args, { encoding: "utf8", timeout: 600_000 });
  if (r.status !== 0) {
    return [
      {
        name: "ssd_head_step",
        engine: "pytorch",
        shape,
        where: "python",
        reason: (r.stderr || r.error?.message || "failed").trim().split("\n").pop() ?? "failed",
      },
    ];
  }
  return r.stdout
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line))
    .map((j) => ({
      name: "ssd_head_step",
      engine: "pytorch" as const,
      shape,
      batch,
      median_ms: j.median_ms,
      cpu_ms: j.cpu_ms,
      runs: j.runs,
      where: "python",
      note: `torch ${j.torch}, ${j.threads} thread${j.threads === 1 ? "" : "s"}, ${j.variant === "lesson" ? "lesson's per-image ssd_loss" : "batched loss"}`,
    }));
}
