// Recorded runs: the recorder keeps what the charts show, the reference series follow it, and the committed
// public/models/runs.json holds a run of each training cell's current defaults (re-record when they change).
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { finalFigures, referenceSeries } from "../../../src/lessons/common/recordedRun";
import { multilabelConfig } from "../../../src/lessons/multilabel/recipe";
import { SINGLE_BODY } from "../../../src/lessons/single/def";
import { singleConfig } from "../../../src/lessons/single/recipe";
import { SSD4_CLASS_LOSS } from "../../../src/lessons/train-4x4/def";
import { ssd4Config } from "../../../src/lessons/train-4x4/recipe";
import type { RunContext } from "../../../src/lessons/types";
import { valueIn, withSetting } from "../../../src/settings";
import { checkRunsFile, RUNS_FORMAT, RunRecorder, round4 } from "../../../src/train/recorded";

describe("RunRecorder", () => {
  it("keeps batches and epochs (rounded to 4 digits), each epoch at the step where it ended", () => {
    const r = new RunRecorder();
    r.push({ type: "status", state: "running", backend: "cpu", cache: true, backbone: "b" });
    r.push({ type: "batch", step: 1, epoch: 0, lrs: [1], loss: 2.123456, parts: { l1: 0.333333 } });
    r.push({ type: "batch", step: 2, epoch: 0, lrs: [1], loss: 1.5, parts: { l1: 0.25 } });
    r.push({ type: "epoch", epoch: 0, trainLoss: 1.8, valLoss: 1.9, metrics: { acc: 0.512345 } });
    r.push({ type: "batch", step: 3, epoch: 1, lrs: [1], loss: 1.2, parts: { l1: 0.2 } });
    r.push({ type: "epoch", epoch: 1, trainLoss: 1.2, valLoss: 1.4, metrics: { acc: 0.6 } });
    expect(r.batches.map((b) => b.step)).toEqual([1, 2, 3]);
    expect(r.batches[0]).toEqual({ step: 1, loss: 2.123, parts: { l1: 0.3333 } });
    expect(r.history.map((p) => [p.epoch, p.step])).toEqual([
      [0, 2],
      [1, 3],
    ]);
    expect(r.history[0].metrics.acc).toBe(0.5123);
    expect(round4(Number.NaN)).toBeNaN();
  });

  it("gives faint reference series: the smoothed train loss per batch, validation and metrics per epoch", () => {
    const r = new RunRecorder();
    for (let s = 1; s <= 4; s++)
      r.push({ type: "batch", step: s, epoch: 0, lrs: [1], loss: 5 - s, parts: {} });
    r.push({ type: "epoch", epoch: 0, trainLoss: 2.5, valLoss: 3, metrics: { mAP: 0.1 } });
    const run = { epochs: 1, steps: 4, history: r.history, batches: r.batches };
    const ref = referenceSeries(run);
    expect(ref.loss.map((s) => s.points.length)).toEqual([4, 1]);
    expect(ref.loss[0].points[0]).toEqual([1, 4]); // debiased: the first smoothed value is the first loss
    expect(ref.loss[0].points[3][1]).toBeGreaterThan(1); // smoothed lags behind the last loss
    expect([...ref.loss, ...ref.metrics.mAP].every((s) => s.faint && s.name.startsWith("recorded run"))).toBe(
      true,
    );
    expect(finalFigures(run)).toEqual([
      { name: "validation loss", value: "3.000" },
      { name: "mAP", value: "0.100" },
    ]);
    expect(ref.note).toContain("mAP 0.100");
  });

  it("refuses a file of another format or without the runs asked for", () => {
    expect(() => checkRunsFile({ format: "x" })).toThrow(/not a/);
    expect(() => checkRunsFile({ format: RUNS_FORMAT, version: 1, runs: {} }, ["single"])).toThrow(/single/);
  });
});

describe("public/models/runs.json", () => {
  const file = checkRunsFile(JSON.parse(readFileSync("public/models/runs.json", "utf8")), [
    "single",
    "multilabel",
    "train-4x4",
    "train-4x4:softmax",
    "single:scratch",
  ]);

  it("is small and says how it was made", () => {
    expect(readFileSync("public/models/runs.json").length).toBeLessThan(40_000);
    expect(file.made).toContain("npm run record:runs");
    expect(file.recordedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  const defaults: RunContext["get"] = (d) => valueIn({}, d);
  it.each([
    ["single", singleConfig(defaults)],
    ["single:scratch", singleConfig(withSetting(defaults, SINGLE_BODY, "scratch"))],
    ["multilabel", multilabelConfig(defaults)],
    ["train-4x4", ssd4Config(defaults)],
    ["train-4x4:softmax", ssd4Config(withSetting(defaults, SSD4_CLASS_LOSS, "softmax"))],
  ])("holds a complete run of %s's current defaults", (key, config) => {
    const run = file.runs[key];
    expect(run.config).toEqual(config);
    expect(run.epochs).toBe(run.config.epochs);
    expect(run.history.length).toBe(run.config.epochs);
    expect(run.batches.length).toBe(run.steps);
    expect(run.history[run.history.length - 1].step).toBe(run.steps);
    for (const p of run.history) expect(Number.isFinite(p.valLoss)).toBe(true);
  });
});
