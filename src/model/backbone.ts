// The backbone interface: anything that turns a batch of 224×224 RGB images (0..255) into a 7×7 feature map.
// Three kinds plug in: the pretrained MobileNetV3 body of CenterNet (frozen), a small CNN trained from
// scratch, and any tfjs GraphModel a host names by URL + node (the lesson's `ConvnetBuilder(f_model, …)` cut).
import type * as tf from "@tensorflow/tfjs-core";
import type { ForwardCtx, ParamStore } from "./layers";

export interface Backbone {
  /** e.g. "centernet-mobilenetv3", "scratch-cnn" */
  name: string;
  /** side of the square input it expects (224 in the lesson) */
  inputSize: number;
  /** [h, w, c] of the features for one image, e.g. [7, 7, 480] */
  featureShape: [number, number, number];
  /** frozen backbones have no trainable weights here (a GraphModel's weights are constants) */
  frozen: boolean;
  /** trainable weights (scratch CNN) or null */
  store: ParamStore | null;
  /** images [B, S, S, 3] with values 0..255 → features [B, h, w, c] */
  features(images: tf.Tensor4D, ctx?: ForwardCtx): tf.Tensor4D;
  /** attribution shown in the app (pretrained weights) */
  credit?: string;
  dispose(): void;
}

/** How a host names a backbone: one of ours, or its own tfjs GraphModel (URL of model.json + node to cut at). */
export type BackboneSpec =
  | {
      kind: "centernet";
      url?: string;
      inputSize?: number;
      /** the body's weights as variables (trainable-body.ts), for the lesson's freeze_to(-2) / unfreeze(); no feature cache */
      trainable?: boolean;
    }
  | { kind: "scratch"; inputSize?: number; seed?: number; widths?: number[] }
  | { kind: "graph"; url: string; node: string; inputSize?: number; name?: string; range?: [number, number] };
