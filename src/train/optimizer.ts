// Adam with one learning rate per layer group (the lesson's lrs = [lr/100, lr/10, lr]) and freeze_to:
// one tfjs AdamOptimizer per group, over that group's trainable variables in a fixed order (so its state saves).
import * as tf from "@tensorflow/tfjs-core";
import type { Param } from "../model/layers";

/** tfjs's Adam, with a learning rate the schedule may change between steps. */
class ScheduledAdam extends tf.AdamOptimizer {
  setLearningRate(lr: number): void {
    this.learningRate = lr;
  }
}

export const NUM_GROUPS = 3;

/** tfjs's {name, tensor} pair (not re-exported at tfjs-core's top level). */
export interface NamedTensor {
  name: string;
  tensor: tf.Tensor;
}
export type OptimizerState = { group: number; weights: NamedTensor[] }[];

export class GroupedAdam {
  private readonly optimizers: ScheduledAdam[];
  private readonly groups: Param[][];
  /** groups below this index are frozen (freeze_to) */
  frozenBelow = 0;
  lrs: number[];

  constructor(
    params: Param[],
    lrs: number[],
    readonly betas: [number, number] = [0.9, 0.99],
  ) {
    this.groups = Array.from({ length: NUM_GROUPS }, (_, g) =>
      params.filter((p) => p.trainable && p.group === g),
    );
    this.lrs = [...lrs];
    this.optimizers = this.groups.map((_, g) => new ScheduledAdam(lrs[g], betas[0], betas[1]));
  }

  /** The lesson's learn.freeze_to(n): groups < n keep their weights. Negative n counts from the end. */
  freezeTo(n: number): void {
    this.frozenBelow = n < 0 ? NUM_GROUPS + n : n;
  }

  /** Trainable variables whose gradients a step needs, in a fixed order. */
  trainableVariables(): tf.Variable[] {
    return this.groups.flatMap((ps, g) => (g >= this.frozenBelow ? ps.map((p) => p.variable) : []));
  }

  setLearningRates(lrs: number[]): void {
    this.lrs = [...lrs];
    this.optimizers.forEach((o, g) => {
      o.setLearningRate(lrs[g]);
    });
  }

  /** Apply gradients (keyed by variable name) group by group. */
  apply(grads: tf.NamedTensorMap): void {
    this.groups.forEach((ps, g) => {
      if (g < this.frozenBelow || ps.length === 0) return;
      const named: NamedTensor[] = [];
      for (const p of ps) {
        const grad = grads[p.variable.name];
        if (grad) named.push({ name: p.variable.name, tensor: grad });
      }
      if (named.length === ps.length) this.optimizers[g].applyGradients(named);
    });
  }

  /** Adam's moments and step counts, per group (for checkpoints). Tensors are the optimizer's own: do not dispose. */
  async getState(): Promise<OptimizerState> {
    return Promise.all(this.optimizers.map(async (o, group) => ({ group, weights: await o.getWeights() })));
  }

  async setState(state: OptimizerState): Promise<void> {
    for (const s of state) {
      const o = this.optimizers[s.group];
      if (!o) continue;
      o.dispose();
      const fresh = new ScheduledAdam(this.lrs[s.group], this.betas[0], this.betas[1]);
      await fresh.setWeights(s.weights);
      this.optimizers[s.group] = fresh;
    }
  }

  dispose(): void {
    for (const o of this.optimizers) o.dispose();
  }
}
