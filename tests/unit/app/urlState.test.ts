import { describe, expect, it } from "vitest";
import {
  mergeDefs,
  parseSetting,
  readFlags,
  readScoped,
  readSettings,
  scopeDefs,
  scopedPatch,
  settingsOf,
  writeScoped,
  writeSettings,
} from "../../../src/app/urlState";
import type { SettingDef } from "../../../src/settings";

const defs: SettingDef[] = [
  { kind: "int", name: "seed", label: "Seed", default: 42, min: 0, max: 100 },
  { kind: "float", name: "thresh", label: "T", default: 0.4, min: 0.1, max: 0.9 },
  { kind: "bool", name: "coord", label: "C", default: true },
  { kind: "enum", name: "loss", label: "L", default: "bce", options: ["bce", "focal"] },
  { kind: "list", name: "zooms", label: "Z", default: [0.7, 1, 1.3] },
];

describe("URL state", () => {
  it("round-trips every kind of setting through the query string", () => {
    const s = { seed: 7, thresh: 0.55, coord: false, loss: "focal", zooms: [1, 2] };
    const q = writeSettings(defs, s, "");
    expect(readSettings(defs, q)).toEqual(s);
  });
  it("writes only values that differ from the default and keeps shell flags", () => {
    const q = writeSettings(
      defs,
      { seed: 42, thresh: 0.5, coord: true, loss: "bce", zooms: [0.7, 1, 1.3] },
      "?steps=3",
    );
    expect(q).toBe("?steps=3&thresh=0.5");
  });
  it("falls back to defaults on bad input and clamps to the range", () => {
    const s = readSettings(defs, "?seed=abc&thresh=5&loss=softmax&zooms=1,x");
    expect(s).toEqual({ seed: 42, thresh: 0.9, coord: true, loss: "bce", zooms: [0.7, 1, 1.3] });
    expect(parseSetting(defs[0], "-5")).toBe(0);
  });
  it("reads the shell flags", () => {
    expect(readFlags("?steps=5&present=1&hide=a,b&controls=0&backend=cpu")).toEqual({
      backend: "cpu",
      steps: 5,
      present: true,
      hide: ["a", "b"],
      only: [],
      controls: false,
    });
    expect(readFlags("?steps=0").steps).toBeNull();
  });
  it("refuses a setting declared twice differently, or one that clashes with a shell flag", () => {
    expect(mergeDefs([[defs[0]], [defs[0]]])).toHaveLength(1);
    const other: SettingDef = { kind: "int", name: "seed", label: "Seed", default: 1 };
    expect(() => mergeDefs([[defs[0]], [other]])).toThrow(/declared twice/);
    expect(() => mergeDefs([[{ kind: "int", name: "steps", label: "S", default: 1 }]])).toThrow(
      /shell URL flag/,
    );
  });
});

describe("settings belong to their cell (issue 16, item 8)", () => {
  const seed = defs[0];
  const cells = [
    { id: "augment", settings: [seed, defs[3]] },
    { id: "loss", settings: [seed] },
    { id: "train", settings: [seed] },
  ];
  const scoped = scopeDefs(cells);
  it("gives a setting several cells declare one key per cell, and a lone setting its plain name", () => {
    expect(scoped.map((s) => s.key)).toEqual(["augment.seed", "loss", "loss.seed", "train.seed"]);
  });
  it("changes only the cell whose control changed", () => {
    let values = readScoped(scoped, "");
    values = { ...values, ...scopedPatch(scoped, "augment", { seed: 43 }) };
    expect(settingsOf(scoped, values, "augment").seed).toBe(43);
    expect(settingsOf(scoped, values, "loss").seed).toBe(42);
    expect(settingsOf(scoped, values, "train").seed).toBe(42);
    expect(writeScoped(scoped, values, "?steps=2")).toBe("?steps=2&augment.seed=43");
  });
  it("reads a plain name as every cell's value, a cell's own key over it", () => {
    const values = readScoped(scoped, "?seed=7&loss.seed=9");
    expect(settingsOf(scoped, values, "augment").seed).toBe(7);
    expect(settingsOf(scoped, values, "loss").seed).toBe(9);
    expect(settingsOf(scoped, values, "train").seed).toBe(7);
    // written back per cell: the shared plain name is gone, the link means the same
    const q = writeScoped(scoped, values, "?seed=7&loss.seed=9");
    expect(new URLSearchParams(q).has("seed")).toBe(false);
    expect(readScoped(scoped, q)).toEqual(values);
  });
  it("shares one value between cells when the setting says so", () => {
    const shared: SettingDef = { ...seed, shared: true };
    const s2 = scopeDefs([
      { id: "a", settings: [shared] },
      { id: "b", settings: [shared] },
    ]);
    expect(s2.map((s) => s.key)).toEqual(["seed", "seed"]);
    const values = { ...readScoped(s2, ""), ...scopedPatch(s2, "a", { seed: 5 }) };
    expect(settingsOf(s2, values, "b").seed).toBe(5);
    expect(writeScoped(s2, values, "")).toBe("?seed=5");
  });
  it("drops what a cell sets but does not declare", () => {
    expect(scopedPatch(scoped, "loss", { seed: 1, image: 3 })).toEqual({ "loss.seed": 1 });
  });
});
