// What the 4×4 SSD cell trains: its settings → the engine's TrainConfig. Shared by the cell and by
// `npm run record:runs` (scripts/record-runs.ts), which records the run of the cell's defaults.
import type { TrainConfig } from "../../train/protocol";
import type { Settings } from "../types";

export function ssd4Config(s: Settings): TrainConfig {
  return {
    head: "ssd4",
    lr: Number(s.ssd4Lr),
    epochs: Number(s.ssd4Epochs),
    batchSize: 64,
    schedule: { kind: "onecycle", div: 20, pct: 10 },
    loss: "bce",
    seed: Number(s.seed),
  };
}
