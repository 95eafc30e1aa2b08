// How much a trainable-body run of the single-object cell trains: every step runs MobileNetV3 forward and back at
// 224 px (on tfjs-wasm with 2 cores, ~0.35 s an image for freeze_to(-2), ~0.75 s for unfreeze()), so the cell's
// default budget for those choices is small enough to finish in about two minutes on the CPU path.
import type { DataLimits } from "../common/trainData";

/** training / validation images for freeze_to(-2) and unfreeze() runs (the frozen body trains on all of them) */
export const TRAINABLE_LIMITS: Required<DataLimits> = { train: 64, val: 50 };
/** images per step for those runs (the frozen body's cached features take 64) */
export const TRAINABLE_BATCH = 16;
