// What the single-object cell trains: its settings → the engine's TrainConfig and body. Shared by the cell and by
// `npm run record:runs` (scripts/record-runs.ts), which records the run of the cell's defaults.
import type { BackboneSpec } from "../../model/backbone";
import type { TrainConfig } from "../../train/protocol";
import { SEED } from "../settings";
import type { RunContext } from "../types";
import { SINGLE_BODY, SINGLE_EPOCHS, SINGLE_LR } from "./def";

/** The cell's settings (read through `get`, typed) → the engine's TrainConfig. */
export function singleConfig(get: RunContext["get"]): TrainConfig {
  return {
    head: "single",
    lr: get(SINGLE_LR),
    epochs: get(SINGLE_EPOCHS),
    batchSize: 64,
    schedule: { kind: "onecycle", div: 32, pct: 5 },
    seed: get(SEED),
    // a body from scratch trains every layer at the full rate (the pretrained one is frozen: only the head trains)
    ...(get(SINGLE_BODY) === "scratch" ? { lrFactors: [1, 1, 1] } : {}),
  };
}

/** The body the cell trains on: the pretrained CenterNet/MobileNetV3 cut, or the small CNN of model/scratch.ts. */
export function singleBackbone(get: RunContext["get"]): BackboneSpec {
  return get(SINGLE_BODY) === "scratch" ? { kind: "scratch", seed: get(SEED) } : { kind: "centernet" };
}
