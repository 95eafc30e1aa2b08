// What the single-object cell trains: its settings → the engine's TrainConfig and body. Shared by the cell and by
// `npm run record:runs` (scripts/record-runs.ts), which records the run of the cell's defaults.
import type { BackboneSpec } from "../../model/backbone";
import type { TrainConfig } from "../../train/protocol";
import type { DataLimits } from "../common/trainData";
import { SEED } from "../settings";
import type { RunContext } from "../types";
import { TRAINABLE_BATCH, TRAINABLE_LIMITS } from "./budget";
import { SINGLE_BODY, SINGLE_EPOCHS, SINGLE_LR } from "./def";

type Body = (typeof SINGLE_BODY.options)[number];

/** Does this choice train the pretrained body (the lesson's freeze_to(-2) / unfreeze())? */
export function trainsPretrainedBody(body: Body): boolean {
  return body === "freeze_to(-2)" || body === "unfreeze()";
}

/** The layer groups the optimizer leaves alone (learn.freeze_to(n)): body early | body late | head. */
function freezeTo(body: Body): number {
  // learn.freeze_to(-2): the last two groups (late body, head) train; learn.unfreeze() is freeze_to(0)
  return body === "freeze_to(-2)" ? -2 : 0;
}

/** The cell's settings (read through `get`, typed) → the engine's TrainConfig. */
export function singleConfig(get: RunContext["get"]): TrainConfig {
  const body = get(SINGLE_BODY);
  const base: TrainConfig = {
    head: "single",
    lr: get(SINGLE_LR),
    epochs: get(SINGLE_EPOCHS),
    batchSize: 64,
    schedule: { kind: "onecycle", div: 32, pct: 5 },
    seed: get(SEED),
  };
  // a body from scratch trains every layer at the full rate (the pretrained one is frozen: only the head trains)
  if (body === "scratch") return { ...base, lrFactors: [1, 1, 1] };
  // the lesson's discriminative rates lrs = [lr/100, lr/10, lr] (body early, body late, head)
  if (trainsPretrainedBody(body))
    return { ...base, batchSize: TRAINABLE_BATCH, lrFactors: [1 / 100, 1 / 10, 1], freezeTo: freezeTo(body) };
  return base;
}

/** The body the cell trains on: the pretrained CenterNet/MobileNetV3 cut (frozen or trainable), or model/scratch.ts. */
export function singleBackbone(get: RunContext["get"]): BackboneSpec {
  const body = get(SINGLE_BODY);
  if (body === "scratch") return { kind: "scratch", seed: get(SEED) };
  return trainsPretrainedBody(body) ? { kind: "centernet", trainable: true } : { kind: "centernet" };
}

/** Fewer images for the trainable-body choices (budget.ts); all of them otherwise. */
export function singleLimits(get: RunContext["get"]): DataLimits | undefined {
  return trainsPretrainedBody(get(SINGLE_BODY)) ? TRAINABLE_LIMITS : undefined;
}
