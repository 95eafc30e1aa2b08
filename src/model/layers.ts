// The few layers the lesson's heads need, on plain tfjs variables (so every backend that can run
// conv2d/matMul gradients, WASM included, can train them). PyTorch conventions: NHWC tensors here,
// PyTorch's default init (uniform ±1/√fan_in), BatchNorm momentum 0.1, eps 1e-5, explicit padding 1.
import * as tf from "@tensorflow/tfjs-core";

/** One named weight: a stable key (used in checkpoints), its variable, and its layer group (0 = earliest). */
export interface Param {
  key: string;
  variable: tf.Variable;
  group: number;
  /** false for BatchNorm running statistics: saved, never handed to the optimizer */
  trainable: boolean;
}

let storeCounter = 0;

/** The weights of one model part. tfjs variable names are global, so each store prefixes its own id. */
export class ParamStore {
  readonly params: Param[] = [];
  private readonly prefix = `m${storeCounter++}`;
  private seed: number;
  constructor(seed = 1) {
    this.seed = seed;
  }
  add(key: string, init: tf.Tensor, group: number, trainable = true): tf.Variable {
    if (this.params.some((p) => p.key === key)) throw new Error(`duplicate parameter "${key}"`);
    const variable = tf.variable(init, trainable, `${this.prefix}/${key}`);
    init.dispose();
    this.params.push({ key, variable, group, trainable });
    return variable;
  }
  /** PyTorch's default init for conv and linear layers: U(-1/√fan_in, 1/√fan_in). */
  uniform(shape: number[], fanIn: number): tf.Tensor {
    const bound = 1 / Math.sqrt(fanIn);
    return tf.randomUniform(shape, -bound, bound, "float32", this.seed++);
  }
  get(key: string): Param | undefined {
    return this.params.find((p) => p.key === key);
  }
  trainable(groups?: Set<number>): Param[] {
    return this.params.filter((p) => p.trainable && (!groups || groups.has(p.group)));
  }
  count(): number {
    return this.params.reduce((n, p) => n + (p.trainable ? p.variable.size : 0), 0);
  }
  dispose(): void {
    for (const p of this.params) p.variable.dispose();
    this.params.length = 0;
  }
}

/** What one forward pass needs to know, and what it leaves behind. */
export interface ForwardCtx {
  training: boolean;
  /** BatchNorm running-statistics updates, applied by the caller after the gradient step */
  updates: { variable: tf.Variable; value: tf.Tensor }[];
  /** called with every layer's output (for summaries and the narrated step) */
  trace?: (name: string, kind: string, out: tf.Tensor, params: number) => void;
  /** base seed for dropout masks (varied per step by the caller) */
  seed?: number;
}

export function evalCtx(): ForwardCtx {
  return { training: false, updates: [] };
}

export type LayerFn = (x: tf.Tensor, ctx: ForwardCtx) => tf.Tensor;

function traced(name: string, kind: string, params: number, f: LayerFn): LayerFn {
  return (x, ctx) => {
    const y = f(x, ctx);
    ctx.trace?.(name, kind, y, params);
    return y;
  };
}

/** nn.Conv2d(nin, nout, k, stride, padding) on NHWC input; the bias may start at a constant (OutConv's class bias). */
export function conv2d(
  store: ParamStore,
  name: string,
  nin: number,
  nout: number,
  opts: { k?: number; stride?: number; pad?: number; group: number; biasInit?: number },
): LayerFn {
  const k = opts.k ?? 3;
  const stride = opts.stride ?? 1;
  const pad = opts.pad ?? Math.floor(k / 2);
  const fanIn = nin * k * k;
  const kernel = store.add(`${name}/kernel`, store.uniform([k, k, nin, nout], fanIn), opts.group);
  const bias = store.add(
    `${name}/bias`,
    opts.biasInit === undefined ? store.uniform([nout], fanIn) : tf.fill([nout], opts.biasInit),
    opts.group,
  );
  return traced(name, "Conv2d", kernel.size + bias.size, (x) => {
    const padded =
      pad > 0
        ? tf.pad(x as tf.Tensor4D, [
            [0, 0],
            [pad, pad],
            [pad, pad],
            [0, 0],
          ])
        : (x as tf.Tensor4D);
    return tf.add(tf.conv2d(padded, kernel as tf.Tensor4D, stride, "valid"), bias);
  });
}

/** nn.Linear(nin, nout). */
export function dense(store: ParamStore, name: string, nin: number, nout: number, group: number): LayerFn {
  const kernel = store.add(`${name}/kernel`, store.uniform([nin, nout], nin), group);
  const bias = store.add(`${name}/bias`, store.uniform([nout], nin), group);
  return traced(name, "Linear", kernel.size + bias.size, (x) =>
    tf.add(tf.matMul(x as tf.Tensor2D, kernel as tf.Tensor2D), bias),
  );
}

/** nn.BatchNorm1d / nn.BatchNorm2d over the last axis: batch statistics while training, running ones in eval. */
export function batchNorm(store: ParamStore, name: string, n: number, group: number): LayerFn {
  const gamma = store.add(`${name}/gamma`, tf.ones([n]), group);
  const beta = store.add(`${name}/beta`, tf.zeros([n]), group);
  const runMean = store.add(`${name}/running_mean`, tf.zeros([n]), group, false);
  const runVar = store.add(`${name}/running_var`, tf.ones([n]), group, false);
  const momentum = 0.1;
  const eps = 1e-5;
  return traced(name, "BatchNorm", 2 * n, (x, ctx) => {
    if (!ctx.training) return tf.batchNorm(x, runMean, runVar, beta, gamma, eps);
    const axes = x.shape.slice(0, -1).map((_, i) => i);
    const { mean, variance } = tf.moments(x, axes);
    // PyTorch keeps the unbiased variance in its running estimate (not part of the loss: no gradient flows).
    const count = x.size / n;
    const unbiased = tf.mul(variance, count / Math.max(count - 1, 1));
    const newMean = tf.add(tf.mul(runMean, 1 - momentum), tf.mul(mean, momentum));
    const newVar = tf.add(tf.mul(runVar, 1 - momentum), tf.mul(unbiased, momentum));
    ctx.updates.push(
      { variable: runMean, value: tf.keep(newMean) },
      { variable: runVar, value: tf.keep(newVar) },
    );
    return tf.batchNorm(x, mean, variance, beta, gamma, eps);
  });
}

/** nn.Dropout(p): only while training. */
export function dropout(name: string, p: number): LayerFn {
  return traced(name, "Dropout", 0, (x, ctx) => {
    if (!ctx.training || p <= 0) return x;
    ctx.seed = (ctx.seed ?? 0) + 1;
    return tf.dropout(x, p, undefined, ctx.seed);
  });
}

export function relu(name: string): LayerFn {
  return traced(name, "ReLU", 0, (x) => tf.relu(x));
}

/** Flatten(): [B, ...] → [B, n]. */
export function flatten(name: string): LayerFn {
  return traced(name, "Flatten", 0, (x) => tf.reshape(x, [x.shape[0], -1]));
}

export function sequential(...layers: LayerFn[]): LayerFn {
  return (x, ctx) => layers.reduce((h, f) => f(h, ctx), x);
}

/** Apply the running-statistics updates a training forward pass collected, and free them. */
export function applyUpdates(ctx: ForwardCtx): void {
  for (const u of ctx.updates) {
    u.variable.assign(u.value);
    u.value.dispose();
  }
  ctx.updates.length = 0;
}
