// How much a trainable-body run of the single-object cell trains: every step runs MobileNetV3 forward and back at
// 224 px, so the cell's default budget for those choices is small enough to finish in about two minutes on the CPU
// path. Measured with the defaults (3 epochs = 12 steps, validation included) in Node on tfjs-wasm, 2 shared cores:
// freeze_to(-2) 55 s, unfreeze() 105 s.
import type { DataLimits } from "../common/trainData";

/** training / validation images for freeze_to(-2) and unfreeze() runs (the frozen body trains on all of them) */
export const TRAINABLE_LIMITS: Required<DataLimits> = { train: 64, val: 50 };
/** images per step for those runs (the frozen body's cached features take 64) */
export const TRAINABLE_BATCH = 16;
