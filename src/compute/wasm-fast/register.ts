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

const backpropFilter: tf.KernelConfig = {
  kernelName: tf.Conv2DBackpropFilter,
  backendName: BACKEND,
  kernelFunc: ({ inputs, attrs }) => {
    const { x, dy } = inputs as unknown as tf.Conv2DBackpropFilterInputs;
    const a = attrs as unknown as tf.Conv2DBackpropFilterAttrs;
    nhwcOnly(tf.Conv2DBackpropFilter, a.dataFormat);
    return tf.tidy(() =>
      conv2dBackpropFilterViaConv(
        asTensor4D(x as AnyInfo),
        asTensor4D(dy as AnyInfo),
        a.filterShape,
        a.strides,
        a.pad as ConvPad,
        a.dimRoundingMode,
      ),
    );
  },
};

const backpropInput: tf.KernelConfig = {
  kernelName: tf.Conv2DBackpropInput,
  backendName: BACKEND,
  kernelFunc: ({ inputs, attrs }) => {
    const { dy, filter } = inputs as unknown as tf.Conv2DBackpropInputInputs;
    const a = attrs as unknown as tf.Conv2DBackpropInputAttrs;
    nhwcOnly(tf.Conv2DBackpropInput, a.dataFormat);
    return tf.tidy(() =>
      conv2dBackpropInputViaConv(
        asTensor4D(dy as AnyInfo),
        asTensor4D(filter as AnyInfo),
        a.inputShape,
        a.strides,
        a.pad as ConvPad,
        a.dimRoundingMode,
      ),
    );
  },
};

/** Depthwise gradients (missing from tfjs-wasm 4.22): a trainable MobileNet body needs both. Dilation 1 only. */
function noDilation(kernel: string, dilations: [number, number] | number | undefined): void {
  const d = dilations ?? 1;
  if ((Array.isArray(d) ? d : [d, d]).some((v) => v !== 1))
    throw new Error(`wasm-fast ${kernel}: dilated depthwise convolutions are not supported`);
}

const depthwiseFilter: tf.KernelConfig = {
  kernelName: tf.DepthwiseConv2dNativeBackpropFilter,
  backendName: BACKEND,
  kernelFunc: ({ inputs, attrs }) => {
    const { x, dy } = inputs as unknown as tf.DepthwiseConv2dNativeBackpropFilterInputs;
    const a = attrs as unknown as tf.DepthwiseConv2dNativeBackpropFilterAttrs;
    noDilation(tf.DepthwiseConv2dNativeBackpropFilter, a.dilations);
    return tf.tidy(() =>
      depthwiseBackpropFilterViaConv(
        asTensor4D(x as AnyInfo),
        asTensor4D(dy as AnyInfo),
        a.filterShape,
        a.strides,
        a.pad as ConvPad,
        a.dimRoundingMode,
      ),
    );
  },
};

const depthwiseInput: tf.KernelConfig = {
  kernelName: tf.DepthwiseConv2dNativeBackpropInput,
  backendName: BACKEND,
  kernelFunc: ({ inputs, attrs }) => {
    const { dy, filter } = inputs as unknown as tf.DepthwiseConv2dNativeBackpropInputInputs;
    const a = attrs as unknown as tf.DepthwiseConv2dNativeBackpropInputAttrs;
    noDilation(tf.DepthwiseConv2dNativeBackpropInput, a.dilations);
    return tf.tidy(() =>
      depthwiseBackpropInputViaConv(
        asTensor4D(dy as AnyInfo),
        asTensor4D(filter as AnyInfo),
        a.inputShape,
        a.strides,
        a.pad as ConvPad,
        a.dimRoundingMode,
      ),
    );
  },
};

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
