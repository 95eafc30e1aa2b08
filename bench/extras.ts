// The rows beyond ssd_head_step (full runs only): backbone forward, batched vs per-image SSD loss, the
// longest main-thread task while training, and the app's cold start.
import * as tf from "@tensorflow/tfjs-core";
import { loadCenternetNode } from "../scripts/models-node";
import { disableWasmFast, enableWasmFast } from "../src/compute/wasm-fast";
import type {} from "./browser/page"; // brings in the page's `window.bench` type
import { openEngine } from "./browser-runner";
import { coldStart } from "./cold-start";
import type { Row, Skipped } from "./results";
import type { Engine, Timing } from "./timing";
import { backboneForward, lossTiming, type Plan } from "./workloads";

type Out = Row | Skipped;
const FAST: Plan = { runs: 7, warmup: 1, budgetMs: 20_000 };
const SLOW: Plan = { runs: 2, warmup: 1, budgetMs: 600_000 };
const BACKBONE_BATCH = 8;
const LOSS_BATCH = 64;
const BACKBONE_SHAPE = `224×224, batch ${BACKBONE_BATCH}, ms/image`;
const LOSS_SHAPE = { batched: "batched matching, 189 anchors", loop: "per-image loop, 189 anchors" };

const row = (
  name: string,
  engine: Engine,
  where: string,
  shape: string,
  batch: number,
  t: Timing,
  note?: string,
): Row => ({
  name,
  engine,
  shape,
  batch,
  where,
  ...t,
  note,
});
const skip = (name: string, engine: Engine, where: string, shape: string, e: unknown): Skipped => ({
  name,
  engine,
  shape,
  where,
  reason: (e instanceof Error ? e.message : String(e)).split("\n")[0],
});

async function nodeUse(engine: Engine): Promise<void> {
  await tf.setBackend(engine === "wasm-fast" ? "wasm" : engine);
  await tf.ready();
  if (engine === "wasm-fast") enableWasmFast();
  else disableWasmFast();
}

async function nodeRows(log: (s: string) => void): Promise<Out[]> {
  const out: Out[] = [];
  for (const engine of ["wasm-fast", "cpu"] as Engine[]) {
    await nodeUse(engine);
    log(`node ${engine}: backbone forward, loss batched vs loop…`);
    try {
      const b = await loadCenternetNode();
      out.push(
        row(
          "backbone_forward",
          engine,
          "node",
          BACKBONE_SHAPE,
          BACKBONE_BATCH,
          await backboneForward(b, BACKBONE_BATCH, engine === "cpu" ? SLOW : FAST),
        ),
      );
      b.dispose();
    } catch (e) {
      out.push(skip("backbone_forward", engine, "node", BACKBONE_SHAPE, e));
    }
    for (const kind of ["batched", "loop"] as const) {
      try {
        out.push(
          row(
            "ssd_loss",
            engine,
            "node",
            LOSS_SHAPE[kind],
            LOSS_BATCH,
            await lossTiming(kind, LOSS_BATCH, FAST),
          ),
        );
      } catch (e) {
        out.push(skip("ssd_loss", engine, "node", LOSS_SHAPE[kind], e));
      }
    }
  }
  return out;
}

async function browserRows(log: (s: string) => void): Promise<Out[]> {
  const out: Out[] = [];
  for (const engine of ["wasm-fast", "webgl", "webgpu"] as Engine[]) {
    log(
      `chromium ${engine}: backbone forward, loss batched vs loop${engine === "wasm-fast" ? ", longest main-thread task" : ""}…`,
    );
    let s: Awaited<ReturnType<typeof openEngine>>;
    try {
      s = await openEngine(engine);
    } catch (e) {
      out.push(skip("backbone_forward", engine, "chromium", BACKBONE_SHAPE, e));
      continue;
    }
    const plan = engine === "wasm-fast" ? FAST : SLOW;
    try {
      try {
        const t = await s.page.evaluate((o) => window.bench.backboneForward(o), {
          batch: BACKBONE_BATCH,
          ...plan,
        });
        out.push(row("backbone_forward", engine, "chromium", BACKBONE_SHAPE, BACKBONE_BATCH, t));
      } catch (e) {
        out.push(skip("backbone_forward", engine, "chromium", BACKBONE_SHAPE, e));
      }
      for (const kind of ["batched", "loop"] as const) {
        try {
          const t = await s.page.evaluate((o) => window.bench.lossTiming(o), {
            kind,
            batch: LOSS_BATCH,
            ...plan,
          });
          out.push(row("ssd_loss", engine, "chromium", LOSS_SHAPE[kind], LOSS_BATCH, t));
        } catch (e) {
          out.push(skip("ssd_loss", engine, "chromium", LOSS_SHAPE[kind], e));
        }
      }
      if (engine === "wasm-fast") {
        for (const where of ["worker", "main"] as const) {
          const shape = `training (lesson shapes) ${where === "worker" ? "in a Web Worker" : "on the main thread"}`;
          try {
            const r = await s.page.evaluate((o) => window.bench.longestTask(o), {
              where,
              steps: 5,
              channels: 512,
              batch: 16,
            });
            const note = `${r.long_tasks} long tasks; worst frame gap ${r.worst_frame_gap_ms.toFixed(0)} ms; step ${r.step_ms.toFixed(0)} ms`;
            out.push({
              name: "longest_main_thread_task",
              engine,
              shape,
              batch: 16,
              median_ms: r.longest_task_ms,
              runs: r.steps,
              where: "chromium",
              note,
            });
          } catch (e) {
            out.push(skip("longest_main_thread_task", engine, "chromium", shape, e));
          }
        }
      }
    } finally {
      await s.close();
    }
  }
  return out;
}

export async function runExtras(log: (s: string) => void): Promise<Out[]> {
  const out = [...(await nodeRows(log)), ...(await browserRows(log))];
  log("app cold start (vite build + preview)…");
  out.push(...(await coldStart(log)));
  return out;
}
