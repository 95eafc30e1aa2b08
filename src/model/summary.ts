// learn.summary(): one row per layer with its output shape and parameter count, from a real forward pass.
import * as tf from "@tensorflow/tfjs-core";
import type { Backbone } from "./backbone";
import type { Head, HeadOutput } from "./heads";
import { evalCtx, type ForwardCtx } from "./layers";

export interface SummaryRow {
  layer: string;
  kind: string;
  /** output shape without the batch axis */
  outputShape: number[];
  params: number;
  trainable: boolean;
}

export interface Model {
  backbone: Backbone;
  head: Head;
}

/** Run one image through backbone and head (eval mode) and record every layer. */
export function modelSummary(model: Model): SummaryRow[] {
  const rows: SummaryRow[] = [];
  const { backbone, head } = model;
  tf.tidy(() => {
    const s = backbone.inputSize;
    const ctx: ForwardCtx = {
      ...evalCtx(),
      trace: (layer, kind, out, params) =>
        rows.push({ layer, kind, outputShape: out.shape.slice(1), params, trainable: !backbone.frozen }),
    };
    const feats = backbone.features(tf.zeros([1, s, s, 3]), ctx);
    if (backbone.frozen) {
      rows.push({
        layer: backbone.name,
        kind: "Backbone (frozen)",
        outputShape: feats.shape.slice(1),
        params: 0,
        trainable: false,
      });
    }
    const start = rows.length;
    ctx.trace = (layer, kind, out, params) =>
      rows.push({ layer: `head/${layer}`, kind, outputShape: out.shape.slice(1), params, trainable: true });
    const out: HeadOutput = head.apply(feats, ctx);
    if (out.kind === "ssd") {
      rows.push({
        layer: "head/cls",
        kind: "Output",
        outputShape: out.cls.shape.slice(1),
        params: 0,
        trainable: true,
      });
      rows.push({
        layer: "head/bb",
        kind: "Output",
        outputShape: out.bb.shape.slice(1),
        params: 0,
        trainable: true,
      });
    }
    return rows.length - start;
  });
  return rows;
}

/** Total trainable parameters of a summary. */
export function totalParams(rows: SummaryRow[]): number {
  return rows.reduce((n, r) => n + (r.trainable ? r.params : 0), 0);
}
