// The shipped checkpoint's header carries its run (per-epoch history); the cells read it from the header alone.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { headerFromBytes, referenceSeries, shippedRunOf } from "../../../src/lessons/common/shippedRun";

const bytes = new Uint8Array(readFileSync("public/models/ssd-builtin.bin"));

describe("the shipped run", () => {
  it("is read from the first bytes of the checkpoint (a ranged request), null when they are too few", () => {
    const n = new DataView(bytes.buffer, bytes.byteOffset).getUint32(8, true);
    expect(headerFromBytes(bytes.subarray(0, 12 + n))).not.toBeNull();
    expect(headerFromBytes(bytes.subarray(0, 12 + n - 1))).toBeNull();
    expect(() => headerFromBytes(new Uint8Array(16))).toThrow(/bad magic/);
  });

  it("has one history point per epoch, placed at the step where the epoch ended, and reference series", () => {
    const h = headerFromBytes(bytes);
    if (!h) throw new Error("no header");
    const run = shippedRunOf(h);
    expect(run.epochs).toBeGreaterThan(0);
    expect(run.history.length).toBe(h.progress.history.length);
    expect(run.history.length).toBeGreaterThan(0);
    const last = run.history[run.history.length - 1];
    expect(last.step).toBe(Math.round((last.epoch + 1) * (run.steps / run.epochs)));
    const ref = referenceSeries(run);
    expect(ref.loss.map((s) => s.points.length)).toEqual([run.history.length, run.history.length]);
    expect(ref.loss.every((s) => s.faint)).toBe(true);
    expect(Object.keys(ref.metrics)).toContain("mAP");
  });
});
