// The lesson's custom heads, on a backbone's 7×7×c features. Numbers are the lesson's: 256 hidden units,
// StdConv = conv3×3 → ReLU → BatchNorm → Dropout, OutConv = two conv3×3 ((C+1)·k and 4·k channels),
// class bias −3 (4×4) or −4 (multi), dropout 0.25 / 0.4. Heads are layer group 2 (the lesson's lr).
import * as tf from "@tensorflow/tfjs-core";
import { ANCHORS_4x4, ANCHORS_MULTI, type AnchorSpec } from "../ssd/types";
import {
  batchNorm,
  conv2d,
  dense,
  dropout,
  type ForwardCtx,
  flatten,
  type LayerFn,
  ParamStore,
  relu,
  sequential,
} from "./layers";

export type HeadKind = "single" | "multilabel" | "ssd4" | "ssdMulti";
export const HEAD_KINDS: readonly HeadKind[] = ["single", "multilabel", "ssd4", "ssdMulti"];
export const HEAD_GROUP = 2;

export type HeadOutput =
  /** [B, 4 + C]: 4 box activations (sigmoid·224 gives pixels) then C class logits, as the lesson's head_reg4 */
  | { kind: "single"; out: tf.Tensor2D }
  /** [B, C] logits, one per class */
  | { kind: "multilabel"; logits: tf.Tensor2D }
  /** [B, A, C+1] class logits and [B, A, 4] box activations (actnToBb decodes them against the anchors) */
  | { kind: "ssd"; cls: tf.Tensor3D; bb: tf.Tensor3D };

export interface Head {
  kind: HeadKind;
  numClasses: number;
  /** the anchors an SSD head predicts for (absent for the others) */
  anchors?: AnchorSpec;
  /** [h, w, c] of the features it takes */
  inputShape: [number, number, number];
  store: ParamStore;
  apply(features: tf.Tensor4D, ctx: ForwardCtx): HeadOutput;
  dispose(): void;
}

export interface HeadOptions {
  /** [h, w, c] of the backbone's features (7×7×480 for CenterNet) */
  inputShape: [number, number, number];
  /** object classes without background (20 for VOC) */
  numClasses?: number;
  /** hidden width; the lesson's 256 (tests may use fewer) */
  width?: number;
  seed?: number;
  /** multiplies every dropout rate of the head (1 = the lesson's rates, 0 = no dropout) */
  dropScale?: number;
}

/** flatten_conv(x, k): [B, h, w, nf] → [B, h·w·k, nf/k] (NHWC already has the lesson's permute(0,2,3,1)). */
export function flattenConv(x: tf.Tensor, k: number): tf.Tensor3D {
  const [b, h, w, nf] = x.shape;
  return tf.reshape(x, [b, h * w * k, nf / k]);
}

/** StdConv(nin, nout, stride, drop): conv3×3 → ReLU → BatchNorm → Dropout. */
function stdConv(
  store: ParamStore,
  name: string,
  nin: number,
  nout: number,
  stride: number,
  drop: number,
): LayerFn {
  return sequential(
    conv2d(store, `${name}/conv`, nin, nout, { stride, group: HEAD_GROUP }),
    relu(`${name}/relu`),
    batchNorm(store, `${name}/bn`, nout, HEAD_GROUP),
    dropout(`${name}/drop`, drop),
  );
}

/** OutConv(k, nin, bias): class logits ((C+1)·k channels, bias starts at `bias`) and box activations (4·k). */
function outConv(store: ParamStore, name: string, k: number, nin: number, numClasses: number, bias: number) {
  const oconv1 = conv2d(store, `${name}/oconv1`, nin, (numClasses + 1) * k, {
    group: HEAD_GROUP,
    biasInit: bias,
  });
  const oconv2 = conv2d(store, `${name}/oconv2`, nin, 4 * k, { group: HEAD_GROUP });
  return (x: tf.Tensor, ctx: ForwardCtx): [tf.Tensor3D, tf.Tensor3D] => [
    flattenConv(oconv1(x, ctx), k),
    flattenConv(oconv2(x, ctx), k),
  ];
}

/** pascal.ipynb head_reg4: Flatten → ReLU → Dropout(0.5) → Linear(·,256) → ReLU → BatchNorm1d → Dropout(0.5) → Linear(256, 4+C). */
function singleHead(o: Required<HeadOptions>, store: ParamStore) {
  const [h, w, c] = o.inputShape;
  const f = sequential(
    flatten("flatten"),
    relu("relu0"),
    dropout("drop0", 0.5),
    dense(store, "lin1", h * w * c, o.width, HEAD_GROUP),
    relu("relu1"),
    batchNorm(store, "bn1", o.width, HEAD_GROUP),
    dropout("drop1", 0.5),
    dense(store, "lin2", o.width, 4 + o.numClasses, HEAD_GROUP),
  );
  return (x: tf.Tensor4D, ctx: ForwardCtx): HeadOutput => ({ kind: "single", out: f(x, ctx) as tf.Tensor2D });
}

/** The multi-label classifier (fastai's default head): concat(avg, max) pool → BN → Dropout → Linear(·,512) → ReLU → BN → Dropout → Linear(512, C). */
function multilabelHead(o: Required<HeadOptions>, store: ParamStore) {
  const c = o.inputShape[2];
  const hidden = 2 * o.width;
  const f = sequential(
    batchNorm(store, "bn0", 2 * c, HEAD_GROUP),
    dropout("drop0", 0.25),
    dense(store, "lin1", 2 * c, hidden, HEAD_GROUP),
    relu("relu1"),
    batchNorm(store, "bn1", hidden, HEAD_GROUP),
    dropout("drop1", 0.5),
    dense(store, "lin2", hidden, o.numClasses, HEAD_GROUP),
  );
  return (x: tf.Tensor4D, ctx: ForwardCtx): HeadOutput => {
    const pooled = tf.concat([tf.mean(x, [1, 2]), tf.max(x, [1, 2])], 1);
    ctx.trace?.("pool", "AdaptiveConcatPool", pooled, 0);
    return { kind: "multilabel", logits: f(pooled, ctx) as tf.Tensor2D };
  };
}

/** pascal-multi.ipynb SSD_Head(k=1, bias=−3): Dropout(0.25)(ReLU) → StdConv(stride 1) → StdConv(stride 2) → OutConv. */
function ssd4Head(o: Required<HeadOptions>, store: ParamStore) {
  const c = o.inputShape[2];
  const drop = dropout("drop", 0.25 * o.dropScale);
  const sconv0 = stdConv(store, "sconv0", c, o.width, 1, 0.1 * o.dropScale);
  const sconv2 = stdConv(store, "sconv2", o.width, o.width, 2, 0.1 * o.dropScale);
  const out = outConv(store, "out", 1, o.width, o.numClasses, -3);
  return (x: tf.Tensor4D, ctx: ForwardCtx): HeadOutput => {
    const h = sconv2(sconv0(drop(tf.relu(x), ctx), ctx), ctx);
    const [cls, bb] = out(h, ctx);
    return { kind: "ssd", cls, bb };
  };
}

/** SSD_MultiHead(k=9, bias=−4), drop 0.4: StdConv chain 7→7→4→2→1 with an OutConv at 4×4, 2×2 and 1×1 (189 anchors). */
function ssdMultiHead(o: Required<HeadOptions>, store: ParamStore, k: number) {
  const c = o.inputShape[2];
  const drop = 0.4 * o.dropScale;
  const d = dropout("drop", drop);
  const sconv0 = stdConv(store, "sconv0", c, o.width, 1, drop);
  const sconv1 = stdConv(store, "sconv1", o.width, o.width, 2, drop);
  const sconv2 = stdConv(store, "sconv2", o.width, o.width, 2, drop);
  const sconv3 = stdConv(store, "sconv3", o.width, o.width, 2, drop);
  const out1 = outConv(store, "out1", k, o.width, o.numClasses, -4);
  const out2 = outConv(store, "out2", k, o.width, o.numClasses, -4);
  const out3 = outConv(store, "out3", k, o.width, o.numClasses, -4);
  return (x: tf.Tensor4D, ctx: ForwardCtx): HeadOutput => {
    let h = sconv1(sconv0(d(tf.relu(x), ctx), ctx), ctx);
    const [o1c, o1l] = out1(h, ctx);
    h = sconv2(h, ctx);
    const [o2c, o2l] = out2(h, ctx);
    h = sconv3(h, ctx);
    const [o3c, o3l] = out3(h, ctx);
    return { kind: "ssd", cls: tf.concat([o1c, o2c, o3c], 1), bb: tf.concat([o1l, o2l, o3l], 1) };
  };
}

/** Build one of the lesson's heads for features of `inputShape`. */
export function buildHead(kind: HeadKind, opts: HeadOptions): Head {
  // undefined fields (e.g. a config without headWidth) keep the defaults instead of replacing them
  const given = Object.fromEntries(Object.entries(opts).filter(([, v]) => v !== undefined));
  const o: Required<HeadOptions> = {
    numClasses: 20,
    width: 256,
    seed: 1,
    dropScale: 1,
    ...given,
  } as Required<HeadOptions>;
  const store = new ParamStore(o.seed);
  let apply: (x: tf.Tensor4D, ctx: ForwardCtx) => HeadOutput;
  let anchors: AnchorSpec | undefined;
  switch (kind) {
    case "single":
      apply = singleHead(o, store);
      break;
    case "multilabel":
      apply = multilabelHead(o, store);
      break;
    case "ssd4":
      anchors = ANCHORS_4x4;
      apply = ssd4Head(o, store);
      break;
    case "ssdMulti":
      anchors = ANCHORS_MULTI;
      apply = ssdMultiHead(o, store, ANCHORS_MULTI.zooms.length * ANCHORS_MULTI.ratios.length);
      break;
    default:
      throw new Error(`unknown head kind "${kind as string}"; expected one of ${HEAD_KINDS.join(", ")}`);
  }
  return {
    kind,
    numClasses: o.numClasses,
    anchors,
    inputShape: o.inputShape,
    store,
    apply,
    dispose: () => store.dispose(),
  };
}
