// What the single-object cell trains: its settings → the engine's TrainConfig. Shared by the cell and by
// `npm run record:runs` (scripts/record-runs.ts), which records the run of the cell's defaults.
import type { TrainConfig } from "../../train/protocol";
import { SEED } from "../settings";
import type { RunContext } from "../types";
import { SINGLE_EPOCHS, SINGLE_LR } from "./def";

/** The cell's settings (read through `get`, typed) → the engine's TrainConfig. */
export function singleConfig(get: RunContext["get"]): TrainConfig {
  return {
    head: "single",
    lr: get(SINGLE_LR),
    epochs: get(SINGLE_EPOCHS),
    batchSize: 64,
    schedule: { kind: "onecycle", div: 32, pct: 5 },
    seed: get(SEED),
  };
}
