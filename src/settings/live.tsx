// Live settings: what a cell renders reads its settings with useSetting(DEF) — the current typed value, and a
// setter that writes the URL — so changing one (an image index, a threshold) updates the view without
// re-running the cell. The shell provides one cell's values around that cell's output.
import { createContext, type ReactNode, useCallback, useContext } from "react";
import type { SettingDef, Settings, ValueOf } from "./types";

export interface SettingsStore {
  /** this cell's settings by name */
  values: Settings;
  /** change this cell's settings (the shell writes the URL) */
  set(patch: Settings): void;
}

const Store = createContext<SettingsStore | null>(null);

export function SettingsProvider({ store, children }: { store: SettingsStore; children: ReactNode }) {
  return <Store.Provider value={store}>{children}</Store.Provider>;
}

/** A setting's value in a store (its default when the store has none). */
export function valueIn<D extends SettingDef>(values: Settings, def: D): ValueOf<D> {
  const v = values[def.name];
  // the shell parses every value against its definition (urlState.parseSetting), so it has the def's type
  return (v === undefined ? def.default : v) as ValueOf<D>;
}

/** The live, typed value of one of the cell's settings and a setter that writes the URL. */
export function useSetting<D extends SettingDef>(def: D): [ValueOf<D>, (v: ValueOf<D>) => void] {
  const store = useContext(Store);
  if (!store) throw new Error(`useSetting(${def.name}) outside a cell's output`);
  const set = store.set;
  const name = def.name;
  const setValue = useCallback((v: ValueOf<D>) => set({ [name]: v }), [set, name]);
  return [valueIn(store.values, def), setValue];
}
