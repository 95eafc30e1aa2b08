// How a training cell starts: the shared dataset → a DataSpec, the cell's TrainConfig capped by `?steps=N`
// (then a handful of images and batches of 2, so a test run finishes in seconds), the pretrained frozen
// backbone, and a LiveTrainer whose worker is released when the cell is re-run or left.

import { type BackendName, isBackendName, TRAIN_ORDER } from "../../compute/backends";
import { rgbToRgba } from "../../data/pixels";
import type { RgbaImage } from "../../data/types";
import type { BackboneSpec } from "../../model/backbone";
import type { PreviewItem, PreviewOptions } from "../../train/preview";
import type { TrainConfig } from "../../train/protocol";
import type { RunContext } from "../types";
import { getDataset, namedError } from "./dataset";
import { LiveTrainer } from "./liveTrainer";
import { type DataLimits, QUICK_LIMITS, trainDataSpec } from "./trainData";

export interface StartOptions {
  config: TrainConfig;
  previewCount?: number;
  previewOptions?: PreviewOptions;
  backbone?: BackboneSpec;
  /** new scenes of the built-in sample's kind to draw for training (built-in data only) */
  synth?: number;
  /** fewer images for a full run (a trainable body's steps are slow on a CPU); `?steps=N` runs use QUICK_LIMITS */
  limits?: DataLimits;
}

/** The run's TrainConfig: the cell's, with `?steps=N` as the step cap and small batches for such runs. */
export function cappedConfig(config: TrainConfig, maxSteps: number | null): TrainConfig {
  const full = { seed: 42, ...config };
  if (maxSteps === null) return { ...full, maxSteps: null };
  return { ...full, maxSteps, batchSize: Math.min(config.batchSize, 2) };
}

/** Set up the worker for a cell (data, backbone, head); the trainer is disposed when ctx.signal aborts. */
export async function startTraining(ctx: RunContext, opts: StartOptions): Promise<LiveTrainer> {
  const ds = await getDataset();
  const skipped: string[] = [];
  // a quick run keeps QUICK_LIMITS.train training images in all, the drawn ones among them (one epoch = 2 steps)
  const synth = ctx.maxSteps !== null ? Math.min(opts.synth ?? 0, QUICK_LIMITS.train - 2) : (opts.synth ?? 0);
  const limits =
    ctx.maxSteps !== null ? { ...QUICK_LIMITS, train: QUICK_LIMITS.train - synth } : (opts.limits ?? {});
  const data = await trainDataSpec(ds, limits, (file, e) => skipped.push(namedError(file, e)));
  if (data.kind === "dataset" && synth > 0) data.synth = synth;
  if (ctx.signal.aborted) throw new Error("cancelled");
  const quick = ctx.maxSteps !== null;
  const trainer = new LiveTrainer(
    {
      config: cappedConfig(opts.config, ctx.maxSteps),
      backbone: opts.backbone ?? { kind: "centernet" },
      data,
      backends: backendOrder(ctx.backend, ctx.forcedBackend),
    },
    {
      previewCount: quick ? Math.min(2, opts.previewCount ?? 0) : opts.previewCount,
      previewOptions: opts.previewOptions,
      previewOnReady: !quick,
      skipped,
    },
  );
  ctx.signal.addEventListener("abort", () => trainer.dispose(), { once: true });
  return trainer;
}

/** A preview item's S×S RGB bytes as an RGBA image to draw. */
export function rgbaOf(item: PreviewItem): RgbaImage {
  return rgbToRgba(item.pixels, item.size);
}

/**
 * A box as fractions → [top, left, bottom, right] in pixels of an S×S image. A prediction's corners are
 * independent numbers, so an untrained model may put "bottom" above "top": draw the box they span.
 */
export function toSquarePixels(box: readonly number[], size: number): [number, number, number, number] {
  const [r0, c0, r1, c1] = box.map((v) => v * size);
  return [Math.min(r0, r1), Math.min(c0, c1), Math.max(r0, r1), Math.max(c0, c1)];
}

/**
 * The training worker's backend order: TRAIN_ORDER, without WebGPU when the page could not get it, and
 * `?backend=X` first when the URL forces one (tests train on their project's backend).
 */
export function backendOrder(pageBackend: string, forced: string | null = null): BackendName[] {
  const auto = TRAIN_ORDER.filter((b) => b !== "webgpu" || pageBackend === "webgpu");
  return isBackendName(forced) ? [forced, ...auto.filter((b) => b !== forced)] : auto;
}
