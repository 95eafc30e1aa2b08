// Node rows of the benchmark: tfjs-cpu, plain tfjs-wasm (which cannot train convolutions) and wasm-fast
// (tfjs-wasm + src/compute/wasm-fast), single-threaded SIMD (tfjs-wasm has no threads in Node).
import { fileURLToPath } from "node:url";
import "@tensorflow/tfjs-backend-cpu";
import * as wasm from "@tensorflow/tfjs-backend-wasm";
import * as tf from "@tensorflow/tfjs-core";
import { describeWasmFast, disableWasmFast, enableWasmFast } from "../src/compute/wasm-fast";
import type { Row, Skipped } from "./results";
import { makeSsdStep } from "./ssd-step";
import { type Engine, timeRuns } from "./timing";

wasm.setWasmPaths(
  fileURLToPath(new URL("../node_modules/@tensorflow/tfjs-backend-wasm/dist/", import.meta.url)),
);

export const SHAPES = { lesson: 512, backbone: 480 } as const;
export type ShapeName = keyof typeof SHAPES;

export interface Plan {
  runs: number;
  warmup: number;
  budgetMs: number;
}

async function use(engine: Engine): Promise<void> {
  const backend = engine === "wasm-fast" ? "wasm" : engine;
  if (!(await tf.setBackend(backend))) throw new Error(`tf.setBackend("${backend}") failed`);
  await tf.ready();
  if (engine === "wasm-fast") enableWasmFast();
  else disableWasmFast();
}

/** ssd_head_step in Node on one engine and shape: a Row, or why it could not run. */
export async function nodeSsdStep(
  engine: Engine,
  shape: ShapeName,
  batch: number,
  plan: Plan,
): Promise<Row | Skipped> {
  await use(engine);
  const step = makeSsdStep({ batch, channels: SHAPES[shape] });
  try {
    const t = await timeRuns(() => step.step(), plan);
    const note = engine.startsWith("wasm") ? (await describeWasmFast(wasm.getThreadsCount)).label : undefined;
    return { name: "ssd_head_step", engine, shape, batch, ...t, where: "node", note };
  } catch (e) {
    return {
      name: "ssd_head_step",
      engine,
      shape,
      where: "node",
      reason: e instanceof Error ? e.message : String(e),
    };
  } finally {
    step.dispose();
  }
}
