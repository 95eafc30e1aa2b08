// Run all's overall progress: which cell of how many is running, and roughly how long the rest will take.
// The time left weighs each remaining cell by its expected cost (CellDef.cost, seconds on the reference
// machine), scaled by how fast the cells so far went compared with their own estimates.
import { useEffect, useState } from "react";
import type { CellDef } from "../lessons/types";

/** a cell that declares no cost: a cheap one */
const DEFAULT_COST_S = 3;

export interface RunAllProgress {
  /** 0-based index of the running cell */
  k: number;
  total: number;
  title: string;
  /** seconds left at the current pace, or null before a cell has finished */
  estimate: () => number | null;
}

export function runAllPlan(cells: readonly Pick<CellDef, "title" | "cost">[], now = () => performance.now()) {
  const costs = cells.map((c) => c.cost ?? DEFAULT_COST_S);
  const started = now();
  let cellStart = started;
  let doneCost = 0;
  let doneTime = 0;
  return {
    at(k: number): RunAllProgress {
      cellStart = now();
      return {
        k,
        total: cells.length,
        title: cells[k].title,
        estimate: () => {
          if (doneCost === 0) return null;
          const pace = doneTime / doneCost; // real seconds per estimated second
          const inCell = Math.max(0, costs[k] * pace - (now() - cellStart) / 1000);
          const rest = costs.slice(k + 1).reduce((a, b) => a + b, 0) * pace;
          return inCell + rest;
        },
      };
    },
    finished(k: number) {
      doneCost += costs[k];
      doneTime += (now() - cellStart) / 1000;
    },
  };
}

function clock(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const m = Math.floor(s / 60);
  return `${m}:${String(s % 60).padStart(2, "0")}`;
}

export function RunAllStatus({ p }: { p: RunAllProgress }) {
  const [, tick] = useState(0);
  useEffect(() => {
    const id = setInterval(() => tick((t) => t + 1), 1000);
    return () => clearInterval(id);
  }, []);
  const left = p.estimate();
  const label = `Run all: cell ${p.k + 1} of ${p.total}`;
  return (
    <div
      className="run-all-status"
      data-role="run-all-progress"
      data-k={p.k + 1}
      data-total={p.total}
      role="status"
    >
      <progress value={p.k} max={p.total} aria-label={label} />
      <span>
        <b>{label}</b> — {p.title}
        {left !== null && (
          <>
            {" "}
            · <span data-role="run-all-left">about {clock(left)} left</span>
          </>
        )}
      </span>
    </div>
  );
}
