import { describe, expect, it, vi } from "vitest";
import { keyAction } from "../../../src/app/keyboard";
import { release, runCell } from "../../../src/app/runner";
import type { CellModule } from "../../../src/lessons/types";
import type { SettingDef } from "../../../src/settings";

type Mods = Partial<Record<"shiftKey" | "ctrlKey" | "metaKey" | "altKey", boolean>>;
const key = (k: string, mods: Mods = {}) => ({
  key: k,
  shiftKey: false,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  target: null,
  ...mods,
});

describe("keyboard", () => {
  it("maps Jupyter's keys", () => {
    expect(keyAction(key("Enter", { shiftKey: true }), false)).toEqual({ type: "run", advance: true });
    expect(keyAction(key("Enter", { ctrlKey: true }), false)).toEqual({ type: "run", advance: false });
    expect(keyAction(key("Enter", { metaKey: true }), false)).toEqual({ type: "run", advance: false });
    expect(keyAction(key("j"), false)).toEqual({ type: "move", delta: 1 });
    expect(keyAction(key("ArrowUp"), false)).toEqual({ type: "move", delta: -1 });
    expect(keyAction(key("ArrowRight"), false)).toBeNull();
    expect(keyAction(key("ArrowRight"), true)).toEqual({ type: "move", delta: 1 });
    expect(keyAction(key("p"), false)).toEqual({ type: "present" });
    expect(keyAction(key("Escape"), true)).toEqual({ type: "exit-present" });
  });
});

const ctx = {
  render: () => {},
  get: <D extends SettingDef>(d: D) => d.default,
  set: () => {},
  maxSteps: null,
  backend: "cpu",
  forcedBackend: null,
  presenting: false,
};

describe("cell run lifecycle", () => {
  it("keeps the disposer of a finished run and calls it on release", async () => {
    const dispose = vi.fn();
    const mod: CellModule = { run: async () => dispose };
    const handle = { controller: new AbortController() };
    expect(await runCell(mod, handle, ctx)).toEqual({ state: "done" });
    release(handle);
    expect(dispose).toHaveBeenCalledOnce();
    expect(handle.controller.signal.aborted).toBe(true);
  });
  it("reports an error as the cell's state with its message", async () => {
    const mod: CellModule = {
      run: async () => {
        throw new Error("file 000001.xml: malformed XML");
      },
    };
    expect(await runCell(mod, { controller: new AbortController() }, ctx)).toEqual({
      state: "error",
      message: "file 000001.xml: malformed XML",
    });
  });
  it("disposes at once what a run returns after it was aborted (a re-run started)", async () => {
    const dispose = vi.fn();
    const handle = { controller: new AbortController() };
    const mod: CellModule = {
      run: async () => {
        handle.controller.abort();
        return dispose;
      },
    };
    expect(await runCell(mod, handle, ctx)).toEqual({ state: "aborted" });
    expect(dispose).toHaveBeenCalledOnce();
  });
});
