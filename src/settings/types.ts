// Setting definitions, typed by the value they hold. A definition is data: it drives the Settings box's control,
// the URL key and the typed value a cell reads (ctx.get(DEF) in run(), useSetting(DEF) in what it renders).
// A neutral low layer: the shell, the visuals and the cells all import it; it imports none of them.

interface Common<T> {
  /** the URL key (and, with the cell's id, the control's element id) */
  name: string;
  /** the label the Settings box shows */
  label: string;
  default: T;
  /** one value for every cell that declares it (else each cell has its own: `?cell.name=`) */
  shared?: boolean;
}

export interface NumberSetting extends Common<number> {
  kind: "int" | "float";
  min?: number;
  max?: number;
  step?: number;
  /** "log": a slider in steps of 1, 2, 3, 5 × 10ⁿ from min to max, shown as 1e-4, 3e-3 … (rates) */
  scale?: "log";
}

export interface ChoiceSetting<O extends string = string> extends Common<O> {
  kind: "enum";
  options: readonly O[];
}

export interface BoolSetting extends Common<boolean> {
  kind: "bool";
}

export interface ListSetting extends Common<number[]> {
  kind: "list";
}

export interface TextSetting extends Common<string> {
  kind: "string";
}

export type SettingDef = NumberSetting | ChoiceSetting | BoolSetting | ListSetting | TextSetting;

/** The value a definition holds: number, one of its options, boolean, number[] or string. */
export type ValueOf<D extends SettingDef> = D["default"];

export type SettingValue = SettingDef["default"];
/** Values by setting name (one cell's settings). */
export type Settings = Record<string, SettingValue>;
