// A small CNN trained from scratch, for comparison with the pretrained body: five stride-2 conv blocks
// (conv3×3 → ReLU → BatchNorm, the lesson's StdConv order) take 224×224 to the same 7×7 grid.
import * as tf from "@tensorflow/tfjs-core";
import type { Backbone } from "./backbone";
import { batchNorm, conv2d, evalCtx, type ForwardCtx, ParamStore, relu, sequential } from "./layers";

export const SCRATCH_WIDTHS = [16, 32, 64, 128, 256];

/** Five stride-2 blocks: 224 → 112 → 56 → 28 → 14 → 7. Blocks 1–3 are layer group 0, blocks 4–5 group 1. */
export function createScratchBackbone(
  opts: { inputSize?: number; seed?: number; widths?: number[] } = {},
): Backbone {
  const widths = opts.widths ?? SCRATCH_WIDTHS;
  const inputSize = opts.inputSize ?? 224;
  const store = new ParamStore(opts.seed ?? 7);
  const blocks = widths.map((w, i) => {
    const nin = i === 0 ? 3 : widths[i - 1];
    const group = i < Math.ceil(widths.length / 2) ? 0 : 1;
    return sequential(
      conv2d(store, `conv${i}`, nin, w, { stride: 2, group }),
      relu(`relu${i}`),
      batchNorm(store, `bn${i}`, w, group),
    );
  });
  const body = sequential(...blocks);
  let side = inputSize;
  for (let i = 0; i < widths.length; i++) side = Math.floor((side + 2 - 3) / 2) + 1;
  return {
    name: "scratch-cnn",
    inputSize,
    featureShape: [side, side, widths[widths.length - 1]],
    frozen: false,
    store,
    features: (images: tf.Tensor4D, ctx: ForwardCtx = evalCtx()) =>
      // scale 0..255 to -1..1 so the first layer sees centred inputs
      body(tf.sub(tf.div(images, 127.5), 1), ctx) as tf.Tensor4D,
    dispose: () => store.dispose(),
  };
}
