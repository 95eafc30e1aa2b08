// defineSetting: a typed setting definition, checked once where it is declared (a default outside its own bounds,
// or not among its options, is a programming error and throws at import).
import type { ChoiceSetting, SettingDef, ValueOf } from "./types";

export function defineSetting<const O extends string>(def: ChoiceSetting<O>): ChoiceSetting<O>;
export function defineSetting<D extends SettingDef>(def: D): D;
export function defineSetting(def: SettingDef): SettingDef {
  if (def.kind === "int" || def.kind === "float") {
    const { min = Number.NEGATIVE_INFINITY, max = Number.POSITIVE_INFINITY } = def;
    if (!(min <= def.default && def.default <= max)) {
      throw new Error(`setting "${def.name}": default ${def.default} outside [${min}, ${max}]`);
    }
    if (def.scale === "log" && !(def.min !== undefined && def.max !== undefined && def.min > 0)) {
      throw new Error(`setting "${def.name}": a log scale needs 0 < min and a max`);
    }
  }
  if (def.kind === "enum" && !def.options.includes(def.default)) {
    throw new Error(`setting "${def.name}": default "${def.default}" is not one of its options`);
  }
  return def;
}

/** A reader of typed settings (a cell's `ctx.get`). */
export type GetSetting = <D extends SettingDef>(def: D) => ValueOf<D>;

/** `get` with one setting changed: what a cell would read had the student chosen `value` (recorded variants, tests). */
export function withSetting<S extends SettingDef>(
  get: GetSetting,
  setting: S,
  value: ValueOf<S>,
): GetSetting {
  return (<D extends SettingDef>(d: D): ValueOf<D> =>
    d.name === setting.name ? (value as ValueOf<D>) : get(d)) as GetSetting;
}
