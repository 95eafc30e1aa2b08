// The single-object cell's body choices → what the engine trains: the lesson's freeze_to(-2) / unfreeze() train the
// pretrained body (as variables, no feature cache) at lrs = [lr/100, lr/10, lr] on a small budget; the others don't.
import { describe, expect, it } from "vitest";
import { SINGLE_BODY, SINGLE_LR } from "../../../src/lessons/single/def";
import { singleBackbone, singleConfig, singleLimits } from "../../../src/lessons/single/recipe";
import type { SettingDef } from "../../../src/settings/types";

type Body = (typeof SINGLE_BODY.options)[number];
const getter = (body: Body) => ((d: SettingDef) => (d.name === SINGLE_BODY.name ? body : d.default)) as never;

describe("single cell recipe", () => {
  it("offers the lesson's four choices, the frozen pretrained body by default", () => {
    expect(SINGLE_BODY.options).toEqual(["pretrained", "freeze_to(-2)", "unfreeze()", "scratch"]);
    expect(SINGLE_BODY.default).toBe("pretrained");
  });

  it("pretrained: frozen CenterNet body, every image, the head alone trains", () => {
    const c = singleConfig(getter("pretrained"));
    expect(singleBackbone(getter("pretrained"))).toEqual({ kind: "centernet" });
    expect(c.freezeTo).toBeUndefined();
    expect(c.batchSize).toBe(64);
    expect(singleLimits(getter("pretrained"))).toBeUndefined();
  });

  it("freeze_to(-2) and unfreeze(): a trainable body, discriminative rates, fewer images in smaller batches", () => {
    for (const [body, freezeTo] of [
      ["freeze_to(-2)", -2],
      ["unfreeze()", 0],
    ] as const) {
      const c = singleConfig(getter(body));
      expect(singleBackbone(getter(body))).toEqual({ kind: "centernet", trainable: true });
      expect(c.freezeTo).toBe(freezeTo);
      expect(c.lrFactors).toEqual([1 / 100, 1 / 10, 1]);
      expect(c.lr).toBe(SINGLE_LR.default);
      expect(c.batchSize).toBeLessThan(64);
      const limits = singleLimits(getter(body));
      expect(limits?.train).toBeGreaterThanOrEqual(c.batchSize * 2);
      expect(limits?.train).toBeLessThanOrEqual(128);
    }
  });

  it("scratch: the small CNN, every layer at the full rate", () => {
    expect(singleBackbone(getter("scratch"))).toMatchObject({ kind: "scratch" });
    expect(singleConfig(getter("scratch")).lrFactors).toEqual([1, 1, 1]);
    expect(singleLimits(getter("scratch"))).toBeUndefined();
  });
});
