// The training loop (the lesson's learn.fit), environment-free: it runs in the Web Worker, and in Node for tests.
// One step: batch (from the feature cache or the images) → forward → task loss → gradients → Adam per layer group.
// Play / pause / step / stop; checkpoints after each epoch and on pause; NaN/Inf loss pauses and explains.
import "./gradients";
import * as tf from "@tensorflow/tfjs-core";
import { permutation } from "../data/split";
import { VOC_CLASSES } from "../data/types";
import { errorText } from "../errors";
import type { Backbone } from "../model/backbone";
import type { Head } from "../model/heads";
import { applyUpdates, evalCtx, type ForwardCtx, type Param } from "../model/layers";
import type { Scoring } from "../model/predict";
import { type AnchorTensors, anchorTensors, disposeAnchorTensors } from "../ssd/anchors";
import {
  type Checkpoint,
  type CheckpointStore,
  makeCheckpoint,
  type Progress,
  restoreCheckpoint,
} from "./checkpoint";
import { imageBatch, makeTargets, type Prepared } from "./examples";
import { type AugmentFn, FeatureCache } from "./feature-cache";
import { narrate } from "./narrate";
import { GroupedAdam } from "./optimizer";
import type { TrainConfig, TrainEvent, TrainState } from "./protocol";
import { groupRates, lrFinderRate, lrFinderShouldStop, scheduleFactor } from "./schedule";
import { MapAccumulator, taskLoss, taskMetrics } from "./task";

export interface EngineOptions {
  emit: (e: TrainEvent) => void;
  store?: CheckpointStore | null;
  augment?: AugmentFn | null;
  backend?: string;
}

export interface StepResult {
  loss: number;
  parts: Record<string, number>;
}

const tick = () => new Promise<void>((r) => setTimeout(r, 0));

/**
 * The divergence guard: training pauses when the loss is NaN/Inf, or when it stays above DIVERGE_FACTOR × its
 * lowest value so far for DIVERGE_STEPS steps in a row (the lesson's "too high a learning rate": the loss
 * explodes long before it overflows), and the last good weights are put back.
 */
export const DIVERGE_FACTOR = 10;
export const DIVERGE_STEPS = 3;

export class Trainer {
  readonly progress: Progress = { epoch: 0, step: 0, history: [] };
  state: TrainState = "idle";
  readonly optimizer: GroupedAdam;
  readonly params: Param[];
  readonly anchors: AnchorTensors | null;
  private readonly cache: FeatureCache | null;
  private readonly cfg: Required<Omit<TrainConfig, "maxSteps" | "checkpointKey">> & {
    maxSteps: number | null;
    checkpointKey: string | null;
  };
  private order: number[] = [];
  private epochLosses: number[] = [];
  private pauseRequested = false;
  /** the divergence guard's lowest loss so far and how many steps in a row were far above it */
  private lossMin = Number.POSITIVE_INFINITY;
  private lossHigh = 0;
  private stopRequested = false;
  private looping: Promise<void> | null = null;

  constructor(
    readonly backbone: Backbone,
    readonly head: Head,
    config: TrainConfig,
    readonly data: { train: Prepared[]; val: Prepared[] },
    private readonly opts: EngineOptions,
  ) {
    this.cfg = {
      headWidth: 256,
      headDropScale: 1,
      classes: VOC_CLASSES,
      loss: "bce",
      lrFactors: [1 / 100, 1 / 10, 1],
      freezeTo: 0,
      schedule: { kind: "onecycle" },
      cache: backbone.frozen,
      views: 1,
      augment: false,
      seed: 42,
      narrate: false,
      narrateDelayMs: 400,
      cacheBatch: 4,
      ...config,
      maxSteps: config.maxSteps ?? null,
      checkpointKey: config.checkpointKey ?? null,
    };
    if (data.train.length < 2) throw new Error(`training needs at least 2 images, got ${data.train.length}`);
    this.params = [...(backbone.store?.params ?? []), ...head.store.params];
    this.optimizer = new GroupedAdam(this.params, this.rates(1));
    this.optimizer.freezeTo(this.cfg.freezeTo);
    this.anchors = head.anchors ? anchorTensors(head.anchors) : null;
    this.cache = this.cfg.cache && backbone.frozen ? new FeatureCache(backbone) : null;
  }

  /** The model identity a checkpoint must match. */
  get modelId(): Record<string, unknown> {
    return {
      head: this.head.kind,
      backbone: this.backbone.name,
      featureShape: this.backbone.featureShape,
      numClasses: this.head.numClasses,
      params: this.params.map((p) => p.variable.shape),
    };
  }

  get batchSize(): number {
    return Math.min(this.cfg.batchSize, this.data.train.length);
  }
  get stepsPerEpoch(): number {
    return Math.max(1, Math.floor(this.data.train.length / this.batchSize));
  }
  get totalSteps(): number {
    return this.cfg.epochs * this.stepsPerEpoch;
  }
  /** the steps this run will take: all epochs, or `?steps=N` when that is fewer */
  get plannedSteps(): number {
    return this.cfg.maxSteps !== null ? Math.min(this.totalSteps, this.cfg.maxSteps) : this.totalSteps;
  }
  get cacheOn(): boolean {
    return this.cache !== null;
  }
  /** the feature cache (precompute), for previews of cached images; null when off */
  get featureCache(): FeatureCache | null {
    return this.cache;
  }

  private rates(factor: number): number[] {
    return groupRates(this.cfg.lr * factor, this.cfg.lrFactors);
  }

  private status(message?: string): void {
    this.opts.emit({
      type: "status",
      state: this.state,
      backend: this.opts.backend ?? tf.getBackend(),
      cache: this.cacheOn,
      backbone: this.backbone.name,
      message,
      step: this.progress.step,
      epoch: this.progress.epoch,
    });
  }

  /** Turn the narrated slow mode on or off for the steps that follow (a cell's "narrate one step"). */
  setNarrate(on: boolean, delayMs?: number): void {
    this.cfg.narrate = on;
    if (delayMs !== undefined) this.cfg.narrateDelayMs = delayMs;
  }

  /** learn.freeze_to(n) / learn.unfreeze(). */
  freezeTo(n: number): void {
    this.optimizer.freezeTo(n);
  }

  /** Fill the feature cache: K views of every training image, the plain view of every validation image. */
  async ensureCache(): Promise<void> {
    if (!this.cache) return;
    const k = Math.max(1, this.cfg.views);
    const cache = this.cache;
    // only the missing views are augmented: this runs before every step, and augmenting is pixel work in JS
    const want: { item: Prepared; view: number }[] = [];
    for (const p of this.data.train) {
      for (let v = 0; v < k; v++) if (!cache.has(p.id, v)) want.push({ item: this.view(p, v), view: v });
    }
    for (const p of this.data.val) if (!cache.has(p.id, 0)) want.push({ item: p, view: 0 });
    if (want.length === 0) return;
    const prev = this.state;
    this.state = "caching";
    this.status("computing backbone features once per image (precompute=True)");
    await cache.fill(want, this.cfg.cacheBatch, (done, total) =>
      this.opts.emit({ type: "cache", done, total }),
    );
    this.state = prev;
  }

  /** View v of an image: v = 0 is the image itself, others are seeded augmentations. */
  private view(p: Prepared, v: number): Prepared {
    if (v === 0 || !this.cfg.augment || !this.opts.augment) return p;
    return this.opts.augment(p, this.cfg.seed * 1000 + v);
  }

  private nextBatch(): { indices: number[]; view: number } {
    const bs = this.batchSize;
    const spe = this.stepsPerEpoch;
    const inEpoch = this.progress.step % spe;
    if (inEpoch === 0 || this.order.length === 0)
      this.order = permutation(this.data.train.length, this.cfg.seed + this.progress.epoch);
    const views = Math.max(1, this.cfg.views);
    return { indices: this.order.slice(inEpoch * bs, inEpoch * bs + bs), view: this.progress.epoch % views };
  }

  /** Inputs of a batch: cached features, or images through the backbone (the latter inside the tape if it trains). */
  private batchInputs(indices: number[], view: number, seed: number) {
    if (this.cache) {
      const { features, items } = this.cache.batch(indices.map((i) => ({ id: this.data.train[i].id, view })));
      return { features, images: null, items };
    }
    const items = indices.map((i) => {
      const p = this.data.train[i];
      return this.cfg.augment && this.opts.augment ? this.opts.augment(p, seed + i) : p;
    });
    const images = imageBatch(items);
    if (!this.backbone.frozen) return { features: null, images, items };
    const features = tf.tidy(() => this.backbone.features(images));
    images.dispose();
    return { features, images: null, items };
  }

  /** How predictions score classes: softmax for a head trained with softmax over C+1, else a sigmoid per class. */
  get scoring(): Scoring {
    return this.cfg.loss === "softmax" ? "softmax" : "sigmoid";
  }

  /** One optimizer step at the given per-group rates. Returns the loss (already read back) and its parts. */
  async trainStep(lrs: number[], narrateStep = false): Promise<StepResult> {
    const { indices, view } = this.nextBatch();
    const seed = this.cfg.seed * 7919 + this.progress.step;
    const inputs = this.batchInputs(indices, view, seed);
    const targets = makeTargets(this.head.kind, inputs.items, this.head.numClasses);
    this.optimizer.setLearningRates(lrs);
    const ctx: ForwardCtx = { training: true, updates: [], seed };
    const vars = this.optimizer.trainableVariables();
    const kept: Record<string, tf.Scalar> = {};
    const held: { out: Out | null } = { out: null };
    const { value, grads } = tf.variableGrads(() => {
      const feats = inputs.features ?? this.backbone.features(inputs.images as tf.Tensor4D, ctx);
      const o = this.head.apply(feats, ctx);
      if (narrateStep) held.out = keepOutput(o);
      const l = taskLoss(o, targets, this.anchors, this.cfg.loss);
      for (const [k, v] of Object.entries(l.parts)) kept[k] = tf.keep(v);
      return l.total;
    }, vars);
    const normsT = narrateStep ? groupNorms(grads, this.params) : null;
    this.optimizer.apply(grads);
    applyUpdates(ctx);
    tf.dispose([inputs.features, inputs.images].filter((t): t is tf.Tensor4D => t !== null));
    tf.dispose(Object.values(grads));
    const loss = (await value.data())[0];
    value.dispose();
    const gradNorms = normsT ? Array.from(await normsT.data()) : [];
    normsT?.dispose();
    const parts: Record<string, number> = {};
    for (const [k, v] of Object.entries(kept)) {
      parts[k] = (await v.data())[0];
      v.dispose();
    }
    if (held.out) {
      await narrate(
        this.progress.step,
        inputs.items[0],
        targets,
        held.out,
        this.anchors,
        { loss, parts, lrs, gradNorms },
        this.opts.emit,
        this.cfg.narrateDelayMs,
      );
    }
    return { loss, parts };
  }

  /** One step of training (the loop's body and the "step one batch" button). */
  async step(): Promise<StepResult | null> {
    if (this.cfg.maxSteps !== null && this.progress.step >= this.cfg.maxSteps) return null;
    if (this.progress.epoch >= this.cfg.epochs) return null;
    await this.ensureCache();
    // the divergence guard needs weights to go back to, even before the first checkpoint
    if (!this.lastGood) {
      this.lastGood = await makeCheckpoint(this.params, this.optimizer, this.progress, this.modelId);
    }
    const lrs = this.rates(scheduleFactor(this.cfg.schedule, this.progress.step, this.totalSteps));
    let r: StepResult;
    try {
      r = await this.trainStep(lrs, this.cfg.narrate);
    } catch (e) {
      this.state = "paused";
      this.opts.emit({
        type: "error",
        message: `training step ${this.progress.step} failed: ${errorText(e)}`,
        code: "internal",
      });
      throw e;
    }
    if (!Number.isFinite(r.loss)) {
      await this.diverged(r.loss, lrs, null);
      return r;
    }
    if (r.loss > DIVERGE_FACTOR * this.lossMin) this.lossHigh++;
    else this.lossHigh = 0;
    this.lossMin = Math.min(this.lossMin, r.loss);
    if (this.lossHigh >= DIVERGE_STEPS) {
      const min = this.lossMin;
      this.lossHigh = 0;
      this.progress.step++; // the step ran; its batch is shown, then the weights go back
      this.emitBatch(r, lrs);
      await this.diverged(r.loss, lrs, min);
      return r;
    }
    this.progress.step++;
    this.epochLosses.push(r.loss);
    this.emitBatch(r, lrs);
    if (this.progress.step % this.stepsPerEpoch === 0) await this.endEpoch();
    return r;
  }

  /** The step just counted, as the charts see it. */
  private emitBatch(r: StepResult, lrs: number[]): void {
    this.opts.emit({
      type: "batch",
      step: this.progress.step,
      epoch: this.progress.epoch,
      lrs,
      loss: r.loss,
      parts: r.parts,
    });
  }

  private lastGood: Checkpoint | null = null;

  /**
   * NaN/Inf (`min` null), or a loss far above its lowest value `min` for several steps: put back the last good
   * weights, pause, and say why.
   */
  private async diverged(loss: number, lrs: number[], min: number | null): Promise<void> {
    if (this.lastGood) await restoreCheckpoint(this.lastGood, this.params, this.optimizer, this.modelId);
    this.state = "diverged";
    this.pauseRequested = true;
    const rates = lrs.map((l) => l.toPrecision(2)).join(", ");
    const what =
      min === null
        ? `The loss became ${loss} at step ${this.progress.step} (learning rates ${rates}): the updates overshot and the weights blew up.`
        : `The loss exploded: ${loss.toPrecision(4)} at step ${this.progress.step}, more than ${DIVERGE_FACTOR}× its lowest value so far (${min.toPrecision(4)}) for ${DIVERGE_STEPS} steps in a row (learning rates ${rates}). Each update overshoots the minimum it aims at, by more every step.`;
    this.opts.emit({
      type: "diverged",
      step: this.progress.step,
      loss,
      lrs,
      message:
        `${what} Training is paused` +
        (this.lastGood ? " and the weights are back at the last good ones. " : ". ") +
        "Lower the learning rate (the LR finder shows where the loss starts to climb) and resume.",
    });
    this.status("diverged");
  }

  /** Validation loss and the task's metrics, in eval mode (no dropout, running BatchNorm statistics). */
  async validate(): Promise<{ valLoss: number; metrics: Record<string, number> }> {
    const val = this.data.val;
    if (val.length === 0) return { valLoss: Number.NaN, metrics: {} };
    const bs = this.batchSize;
    let lossSum = 0;
    let batches = 0;
    const sums: Record<string, number> = {};
    const map = this.anchors
      ? new MapAccumulator(this.cfg.classes, { thresh: 0.01, overlap: 0.4, topK: 50, scoring: this.scoring })
      : null;
    for (let i = 0; i < val.length; i += bs) {
      const items = val.slice(i, i + bs);
      const targets = makeTargets(this.head.kind, items, this.head.numClasses);
      const feats = this.cache
        ? this.cache.batch(items.map((p) => ({ id: p.id, view: 0 }))).features
        : tf.tidy(() => this.backbone.features(imageBatch(items), evalCtx()));
      const out = tf.tidy(() => keepOutput(this.head.apply(feats, evalCtx())));
      const { total, ...parts } = tf.tidy((): Record<string, tf.Scalar> => {
        const r = taskLoss(out, targets, this.anchors, this.cfg.loss);
        return { total: r.total, ...r.parts };
      });
      lossSum += (await total.data())[0];
      batches++;
      for (const [k, v] of Object.entries(parts)) sums[k] = (sums[k] ?? 0) + (await v.data())[0];
      for (const [k, v] of Object.entries(await taskMetrics(out, targets))) sums[k] = (sums[k] ?? 0) + v;
      if (map && this.anchors) await map.add(out, targets, this.anchors);
      tf.dispose([total, feats, ...outputTensors(out), ...Object.values(parts)]);
      await tick();
    }
    const metrics: Record<string, number> = {};
    for (const [k, v] of Object.entries(sums)) metrics[k] = v / batches;
    if (map) metrics.mAP = map.mAP();
    return { valLoss: lossSum / batches, metrics };
  }

  private async endEpoch(): Promise<void> {
    const trainLoss = this.epochLosses.reduce((a, b) => a + b, 0) / Math.max(1, this.epochLosses.length);
    this.epochLosses = [];
    const { valLoss, metrics } = await this.validate();
    const epoch = this.progress.epoch;
    this.progress.epoch++;
    this.progress.history.push({ epoch, trainLoss, valLoss, metrics });
    this.opts.emit({ type: "epoch", epoch, trainLoss, valLoss, metrics });
    // while the guard sees the loss far above its minimum, these weights may be blowing up: keep the last
    // good checkpoint rather than overwrite it with them
    if (this.lossHigh === 0) await this.saveCheckpoint("epoch");
  }

  /** Snapshot (kept for the divergence guard) and, with a key, save to the store. */
  async saveCheckpoint(reason: "epoch" | "pause" | "manual"): Promise<Checkpoint> {
    const ckpt = await makeCheckpoint(this.params, this.optimizer, this.progress, this.modelId);
    this.lastGood = ckpt;
    const key = this.cfg.checkpointKey;
    if (key && this.opts.store) {
      await this.opts.store.set(key, ckpt);
      this.opts.emit({
        type: "checkpoint",
        key,
        epoch: this.progress.epoch,
        step: this.progress.step,
        bytes: ckpt.data.byteLength,
        reason,
      });
    }
    return ckpt;
  }

  /** Load weights, Adam state and progress. */
  async loadCheckpoint(ckpt: Checkpoint): Promise<void> {
    const p = await restoreCheckpoint(ckpt, this.params, this.optimizer, this.modelId);
    Object.assign(this.progress, p);
    this.lastGood = ckpt;
    this.order = [];
    this.lossMin = Number.POSITIVE_INFINITY;
    this.lossHigh = 0;
  }

  /** Run until paused, stopped, done or maxSteps. */
  play(): Promise<void> {
    if (this.looping) return this.looping;
    this.pauseRequested = false;
    this.stopRequested = false;
    this.state = "running";
    this.status();
    this.looping = (async () => {
      try {
        while (!this.pauseRequested && !this.stopRequested) {
          const r = await this.step();
          if (r === null) {
            this.state = "done";
            break;
          }
          await tick();
        }
        if (this.state === "running") this.state = this.stopRequested ? "stopped" : "paused";
        if (this.state === "paused") await this.saveCheckpoint("pause");
        // a run cut short by ?steps=N ends mid-epoch: keep its weights too (the prediction cells use them)
        if (this.state === "done" && this.lastGood?.header.progress.step !== this.progress.step)
          await this.saveCheckpoint("pause");
      } catch (e) {
        this.state = "paused";
        this.opts.emit({ type: "error", message: errorText(e), code: "internal" });
      } finally {
        this.looping = null;
        this.status();
      }
    })();
    return this.looping;
  }

  pause(): Promise<void> {
    this.pauseRequested = true;
    return this.looping ?? Promise.resolve();
  }

  stop(): Promise<void> {
    this.stopRequested = true;
    const wait = this.looping ?? Promise.resolve();
    return wait.then(() => {
      this.state = "stopped";
      this.status();
    });
  }

  /**
   * The LR finder (learn.lr_find): sweep the rate exponentially from start to end, one batch each, record the
   * smoothed loss, stop when it explodes; then put the weights and Adam state back as they were.
   */
  async lrFind(start = 1e-5, end = 10, steps = 100): Promise<{ lrs: number[]; losses: number[] }> {
    await this.ensureCache();
    const saved = await makeCheckpoint(this.params, this.optimizer, this.progress, this.modelId);
    const progress = structuredClone(this.progress);
    const lrs: number[] = [];
    const losses: number[] = [];
    let avg = 0;
    let best = Number.POSITIVE_INFINITY;
    const n = this.cfg.maxSteps !== null ? Math.min(steps, this.cfg.maxSteps) : steps;
    for (let i = 0; i < n; i++) {
      const lr = lrFinderRate(i, n, start, end);
      const r = await this.trainStep(groupRates(lr, this.cfg.lrFactors));
      this.progress.step++;
      avg = 0.98 * avg + 0.02 * r.loss; // fastai's smoothed loss, debiased
      const smooth = avg / (1 - 0.98 ** (i + 1));
      lrs.push(lr);
      losses.push(smooth);
      this.opts.emit({ type: "lrfind", lrs: [...lrs], losses: [...losses], done: false });
      if (lrFinderShouldStop(smooth, best)) break;
      best = Math.min(best, smooth);
      await tick();
    }
    await restoreCheckpoint(saved, this.params, this.optimizer, this.modelId);
    Object.assign(this.progress, progress);
    this.order = [];
    this.opts.emit({ type: "lrfind", lrs, losses, done: true });
    return { lrs, losses };
  }

  dispose(): void {
    this.optimizer.dispose();
    if (this.anchors) disposeAnchorTensors(this.anchors);
    this.cache?.clear();
  }
}

type Out = ReturnType<Head["apply"]>;

function keepOutput(o: Out): Out {
  for (const t of outputTensors(o)) tf.keep(t);
  return o;
}

function outputTensors(o: Out): tf.Tensor[] {
  return o.kind === "ssd" ? [o.cls, o.bb] : o.kind === "single" ? [o.out] : [o.logits];
}

/** L2 norm of the gradients of each layer group (what the update phase shows), as a [3] tensor read with await. */
function groupNorms(grads: tf.NamedTensorMap, params: Param[]): tf.Tensor1D {
  return tf.tidy(() =>
    tf.stack(
      [0, 1, 2].map((g) => {
        const gs = params
          .filter((p) => p.group === g && grads[p.variable.name])
          .map((p) => tf.sum(tf.square(grads[p.variable.name])));
        return gs.length ? tf.sqrt(tf.addN(gs)) : tf.scalar(0);
      }),
    ),
  ) as tf.Tensor1D;
}
