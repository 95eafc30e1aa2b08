// The fast CPU training path: tfjs-wasm has a fast forward Conv2D (XNNPACK, SIMD, threads) but no
// Conv2DBackpropFilter and only a slow scalar Conv2DBackpropInput. We register both gradients on
// "wasm" as forward convolutions (conv-grads.ts), so `tf.conv2d` trains there unchanged; likewise the depthwise
// gradients it lacks entirely (depthwise-grads.ts), so a MobileNet body trains there.
import * as tf from "@tensorflow/tfjs-core";
import { type ConvPad, conv2dBackpropFilterViaConv, conv2dBackpropInputViaConv } from "./conv-grads";
import { depthwiseBackpropFilterViaConv, depthwiseBackpropInputViaConv } from "./depthwise-grads";
import { gatherViaFlatRows } from "./gather";
import { tileViaBroadcast } from "./tile";

const BACKEND = "wasm";
type AnyInfo = tf.TensorInfo | tf.Tensor;

let enabled = false;
/** wasm's own kernels we replace, kept to restore them and as the fallback for what ours don't cover */
const originals = new Map<string, tf.KernelConfig>();

/** A kernel input as a Tensor we may use with ops (a temporary view, disposed by the caller's tidy). */
function asTensor(t: AnyInfo): tf.Tensor {
  return "rank" in t ? t : tf.engine().makeTensorFromTensorInfo(t);
}
const asTensor4D = (t: AnyInfo) => asTensor(t) as tf.Tensor4D;

function nhwcOnly(kernel: string, dataFormat: string | undefined): void {
  if (dataFormat === "NCHW") throw new Error(`wasm-fast ${kernel}: only NHWC (channelsLast) is supported`);
}

/** A gradient kernel of two 4-D inputs (`names`, in order): its attrs checked, then one of our via-conv functions. */
function gradKernel<A>(
  kernelName: string,
  names: [string, string],
  check: (a: A) => void,
  run: (p: tf.Tensor4D, q: tf.Tensor4D, a: A) => tf.Tensor4D,
): tf.KernelConfig {
  return {
    kernelName,
    backendName: BACKEND,
    kernelFunc: ({ inputs, attrs }) => {
      const a = attrs as unknown as A;
      check(a);
      const ins = inputs as unknown as Record<string, AnyInfo>;
      return tf.tidy(() => run(asTensor4D(ins[names[0]]), asTensor4D(ins[names[1]]), a));
    },
  };
}

const backpropFilter = gradKernel<tf.Conv2DBackpropFilterAttrs>(
  tf.Conv2DBackpropFilter,
  ["x", "dy"],
  (a) => nhwcOnly(tf.Conv2DBackpropFilter, a.dataFormat),
  (x, dy, a) =>
    conv2dBackpropFilterViaConv(x, dy, a.filterShape, a.strides, a.pad as ConvPad, a.dimRoundingMode),
);

const backpropInput = gradKernel<tf.Conv2DBackpropInputAttrs>(
  tf.Conv2DBackpropInput,
  ["dy", "filter"],
  (a) => nhwcOnly(tf.Conv2DBackpropInput, a.dataFormat),
  (dy, filter, a) =>
    conv2dBackpropInputViaConv(dy, filter, a.inputShape, a.strides, a.pad as ConvPad, a.dimRoundingMode),
);

/** Depthwise gradients (missing from tfjs-wasm 4.22): a trainable MobileNet body needs both. Dilation 1 only. */
function noDilation(kernel: string, dilations: [number, number] | number | undefined): void {
  const d = dilations ?? 1;
  if ((Array.isArray(d) ? d : [d, d]).some((v) => v !== 1))
    throw new Error(`wasm-fast ${kernel}: dilated depthwise convolutions are not supported`);
}

const depthwiseFilter = gradKernel<tf.DepthwiseConv2dNativeBackpropFilterAttrs>(
  tf.DepthwiseConv2dNativeBackpropFilter,
  ["x", "dy"],
  (a) => noDilation(tf.DepthwiseConv2dNativeBackpropFilter, a.dilations),
  (x, dy, a) =>
    depthwiseBackpropFilterViaConv(x, dy, a.filterShape, a.strides, a.pad as ConvPad, a.dimRoundingMode),
);

const depthwiseInput = gradKernel<tf.DepthwiseConv2dNativeBackpropInputAttrs>(
  tf.DepthwiseConv2dNativeBackpropInput,
  ["dy", "filter"],
  (a) => noDilation(tf.DepthwiseConv2dNativeBackpropInput, a.dilations),
  (dy, filter, a) =>
    depthwiseBackpropInputViaConv(dy, filter, a.inputShape, a.strides, a.pad as ConvPad, a.dimRoundingMode),
);

const tile: tf.KernelConfig = {
  kernelName: tf.Tile,
  backendName: BACKEND,
  kernelFunc: (args) => {
    const x = args.inputs.x as AnyInfo;
    const { reps } = args.attrs as unknown as tf.TileAttrs;
    if (x.dtype !== "float32" && x.dtype !== "int32") {
      const own = originals.get(tf.Tile);
      if (!own) throw new Error(`wasm-fast Tile: no kernel for dtype ${x.dtype}`);
      return own.kernelFunc(args);
    }
    return tf.tidy(() => tileViaBroadcast(asTensor(x), reps));
  },
};

/** GatherV2 with batchDims > 0 is wrong in tfjs-wasm 4.22 (gather.ts); batchDims 0 keeps wasm's own kernel. */
const gather: tf.KernelConfig = {
  kernelName: tf.GatherV2,
  backendName: BACKEND,
  kernelFunc: (args) => {
    const { x, indices } = args.inputs as unknown as tf.GatherV2Inputs;
    const { axis, batchDims } = args.attrs as unknown as tf.GatherV2Attrs;
    const own = originals.get(tf.GatherV2);
    if (!batchDims) {
      if (!own) throw new Error("wasm-fast GatherV2: wasm has no Gather kernel");
      return own.kernelFunc(args);
    }
    return tf.tidy(() =>
      gatherViaFlatRows(asTensor(x as AnyInfo), asTensor(indices as AnyInfo), axis, batchDims),
    );
  },
};

const KERNELS = [backpropFilter, backpropInput, depthwiseFilter, depthwiseInput, tile, gather];

/**
 * Register the convolution gradients on the wasm backend (idempotent). Call it after importing
 * `@tensorflow/tfjs-backend-wasm` (which registers the backend's own kernels) and before training.
 */
export function enableWasmFast(): void {
  if (enabled) return;
  for (const k of KERNELS) {
    const own = tf.getKernel(k.kernelName, BACKEND);
    if (own) {
      originals.set(k.kernelName, own);
      tf.unregisterKernel(k.kernelName, BACKEND);
    }
    // keep wasm's setup (its cwrap) so our fallbacks to its kernel work even before the backend initialises
    tf.registerKernel(own?.setupFunc ? { ...k, setupFunc: own.setupFunc } : k);
  }
  enabled = true;
}

/** Undo `enableWasmFast`: wasm's own kernels come back (Conv2DBackpropFilter, which it lacks, goes away). */
export function disableWasmFast(): void {
  if (!enabled) return;
  for (const k of KERNELS) {
    tf.unregisterKernel(k.kernelName, BACKEND);
    const own = originals.get(k.kernelName);
    if (own) tf.registerKernel(own);
  }
  originals.clear();
  enabled = false;
}

/** True when the fast gradients are registered and tfjs is running on wasm right now. */
export function isWasmFast(): boolean {
  return enabled && tf.getBackend() === BACKEND;
}
