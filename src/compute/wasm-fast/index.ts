// The fast CPU training path: tfjs-wasm (XNNPACK, SIMD, threads where cross-origin isolated) plus the
// convolution gradients it lacks, written as forward convolutions. The engine calls startWasmFast(wasmModule,
// {wasmPath}) (or tf.setBackend("wasm") + enableWasmFast()) when WebGPU is not available.
export { conv2dBackpropFilterViaConv, conv2dBackpropInputViaConv } from "./conv-grads";
export { describeWasmFast, type WasmFastInfo } from "./info";
export { disableWasmFast, enableWasmFast, isWasmFast } from "./register";
export { type StartOptions, startWasmFast, type WasmBackendModule } from "./start";
export { wasmThreadsFor, withWasmThreadPool } from "./threads";
export { tileViaBroadcast } from "./tile";
