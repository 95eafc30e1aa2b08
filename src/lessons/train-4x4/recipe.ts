// What the 4×4 SSD cell trains: its settings → the engine's TrainConfig. Shared by the cell and by
// `npm run record:runs` (scripts/record-runs.ts), which records the run of the cell's defaults.
import type { TrainConfig } from "../../train/protocol";
import { SEED } from "../settings";
import type { RunContext } from "../types";
import { SSD4_CLASS_LOSS, SSD4_EPOCHS, SSD4_LR } from "./def";

/** The cell's settings (read through `get`, typed) → the engine's TrainConfig. */
export function ssd4Config(get: RunContext["get"]): TrainConfig {
  return {
    head: "ssd4",
    lr: get(SSD4_LR),
    epochs: get(SSD4_EPOCHS),
    batchSize: 64,
    schedule: { kind: "onecycle", div: 20, pct: 10 },
    loss: get(SSD4_CLASS_LOSS),
    seed: get(SEED),
  };
}
