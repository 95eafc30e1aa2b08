// What the multi-label cell trains: its settings → the engine's TrainConfig. Shared by the cell and by
// `npm run record:runs` (scripts/record-runs.ts), which records the run of the cell's defaults.
import type { TrainConfig } from "../../train/protocol";
import type { Settings } from "../types";

export function multilabelConfig(s: Settings): TrainConfig {
  return {
    head: "multilabel",
    lr: Number(s.mlLr),
    epochs: Number(s.mlEpochs),
    batchSize: 64,
    schedule: { kind: "onecycle", div: 32, pct: 5 },
    seed: Number(s.seed),
  };
}
