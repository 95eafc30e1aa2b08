// The lesson's precompute=True: with a frozen backbone, each image's features (and those of K augmented views)
// are computed once and the head trains on them. Stored as Float32Arrays, so no GPU memory is held between steps.
import * as tf from "@tensorflow/tfjs-core";
import type { Backbone } from "../model/backbone";
import { imageBatch, type Prepared } from "./examples";

export type AugmentFn = (p: Prepared, seed: number) => Prepared;

export interface CachedView {
  features: Float32Array;
  /** boxes/classes of this (possibly augmented) view */
  item: Prepared;
}

export class FeatureCache {
  private readonly views = new Map<string, CachedView>();
  constructor(readonly backbone: Backbone) {}

  get size(): number {
    return this.views.size;
  }

  static key(id: string, view: number): string {
    return `${id}#${view}`;
  }

  has(id: string, view: number): boolean {
    return this.views.has(FeatureCache.key(id, view));
  }

  get(id: string, view: number): CachedView {
    const v = this.views.get(FeatureCache.key(id, view));
    if (!v) throw new Error(`feature cache has no view ${view} of ${id}`);
    return v;
  }

  /** Compute and store features for items (already augmented per view), `batch` images at a time. */
  async fill(
    items: { item: Prepared; view: number }[],
    batch = 8,
    onProgress?: (done: number, total: number) => void,
  ): Promise<void> {
    const todo = items.filter((x) => !this.has(x.item.id, x.view));
    for (let i = 0; i < todo.length; i += batch) {
      const chunk = todo.slice(i, i + batch);
      const feats = tf.tidy(() => {
        const images = imageBatch(chunk.map((c) => c.item));
        return this.backbone.features(images);
      });
      const data = (await feats.data()) as Float32Array;
      feats.dispose();
      const per = data.length / chunk.length;
      chunk.forEach((c, j) => {
        this.views.set(FeatureCache.key(c.item.id, c.view), {
          features: data.slice(j * per, (j + 1) * per),
          item: c.item,
        });
      });
      onProgress?.(Math.min(i + batch, todo.length), todo.length);
      await new Promise((r) => setTimeout(r, 0));
    }
  }

  /** A batch of cached features [B, h, w, c]. */
  batch(keys: { id: string; view: number }[]): { features: tf.Tensor4D; items: Prepared[] } {
    const [h, w, c] = this.backbone.featureShape;
    const per = h * w * c;
    const flat = new Float32Array(keys.length * per);
    const items: Prepared[] = [];
    keys.forEach((k, i) => {
      const v = this.get(k.id, k.view);
      flat.set(v.features, i * per);
      items.push(v.item);
    });
    return { features: tf.tensor4d(flat, [keys.length, h, w, c]), items };
  }

  clear(): void {
    this.views.clear();
  }
}
