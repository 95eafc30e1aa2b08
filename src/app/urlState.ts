// Declarative, typed URL state (TF Playground style): every setting a cell exposes is declared once
// (name, kind, default) and read from / written to the query string, so a link reproduces the view.
// Shell-level flags live here too: backend, steps, present, hide, only, controls.
// Settings belong to their cell: a setting several cells declare (seed, image …) has one URL key per cell,
// `cell.name` (`?augment.seed=43`), so a cell's controls change only that cell; the plain name
// (`?seed=7`) still sets it for every cell that has it, unless a cell's own key says otherwise.
import type { SettingDef, Settings, SettingValue } from "../settings";

export interface ShellFlags {
  /** ?backend=webgpu|webgl|wasm|cpu forces a backend */
  backend: string | null;
  /** ?steps=N caps every training loop at N steps */
  steps: number | null;
  /** ?present=1 starts in presentation mode */
  present: boolean;
  /** ?hide=a,b hides these cells (instructor presets) */
  hide: string[];
  /** ?only=a,b shows only these cells */
  only: string[];
  /** ?controls=0 hides every cell's settings controls */
  controls: boolean;
}

const SHELL_KEYS = new Set(["backend", "steps", "present", "hide", "only", "controls"]);

function list(s: string | null): string[] {
  return s
    ? s
        .split(",")
        .map((x) => x.trim())
        .filter(Boolean)
    : [];
}

export function readFlags(search: string): ShellFlags {
  const q = new URLSearchParams(search);
  const steps = Number.parseInt(q.get("steps") ?? "", 10);
  return {
    backend: q.get("backend"),
    steps: Number.isFinite(steps) && steps > 0 ? steps : null,
    present: q.get("present") === "1",
    hide: list(q.get("hide")),
    only: list(q.get("only")),
    controls: q.get("controls") !== "0",
  };
}

/** Parse one setting from its URL text; anything invalid falls back to the default (never throws). */
export function parseSetting(def: SettingDef, raw: string | null): SettingValue {
  if (raw === null) return def.default;
  switch (def.kind) {
    case "int":
    case "float": {
      const v = def.kind === "int" ? Number.parseInt(raw, 10) : Number.parseFloat(raw);
      if (!Number.isFinite(v)) return def.default;
      const lo = def.min ?? Number.NEGATIVE_INFINITY;
      const hi = def.max ?? Number.POSITIVE_INFINITY;
      return Math.min(hi, Math.max(lo, v));
    }
    case "bool":
      return raw === "1" || raw === "true";
    case "enum":
      return def.options.includes(raw) ? raw : def.default;
    case "list": {
      const xs = raw.split(",").map(Number);
      return xs.length > 0 && xs.every(Number.isFinite) ? xs : def.default;
    }
    default:
      return raw;
  }
}

export function formatSetting(def: SettingDef, v: SettingValue): string {
  if (def.kind === "bool") return v ? "1" : "0";
  if (Array.isArray(v)) return v.join(",");
  return String(v);
}

export function readSettings(defs: SettingDef[], search: string): Settings {
  const q = new URLSearchParams(search);
  return Object.fromEntries(defs.map((d) => [d.name, parseSetting(d, q.get(d.name))]));
}

/** The query string for these settings: only non-default values are written; shell flags are kept. */
export function writeSettings(defs: SettingDef[], settings: Settings, search: string): string {
  const q = new URLSearchParams(search);
  for (const d of defs) {
    const v = settings[d.name];
    const same = formatSetting(d, v ?? d.default) === formatSetting(d, d.default);
    if (same) q.delete(d.name);
    else q.set(d.name, formatSetting(d, v));
  }
  const s = q.toString();
  return s ? `?${s}` : "";
}

/** Check that no two cells declare the same setting name with different definitions, nor a shell key. */
export function mergeDefs(groups: SettingDef[][]): SettingDef[] {
  const byName = new Map<string, SettingDef>();
  for (const d of groups.flat()) {
    if (SHELL_KEYS.has(d.name)) throw new Error(`setting "${d.name}" clashes with a shell URL flag`);
    const prev = byName.get(d.name);
    if (prev && JSON.stringify(prev) !== JSON.stringify(d)) {
      throw new Error(`setting "${d.name}" is declared twice with different definitions`);
    }
    byName.set(d.name, d);
  }
  return [...byName.values()];
}

/** One cell's setting and the URL key it lives under. */
export interface ScopedDef {
  cell: string;
  def: SettingDef;
  /** the plain name when only this cell declares it or the setting is `shared`, else `cell.name` */
  key: string;
}

/** Values by URL key (see ScopedDef.key). */
export type ScopedValues = Record<string, SettingValue>;

/** Every cell's settings with their URL keys (checks names as mergeDefs does). */
export function scopeDefs(cells: readonly { id: string; settings?: SettingDef[] }[]): ScopedDef[] {
  mergeDefs(cells.map((c) => c.settings ?? []));
  const count = new Map<string, number>();
  for (const c of cells) for (const d of c.settings ?? []) count.set(d.name, (count.get(d.name) ?? 0) + 1);
  return cells.flatMap((c) =>
    (c.settings ?? []).map((def) => ({
      cell: c.id,
      def,
      key: (count.get(def.name) ?? 0) > 1 && !def.shared ? `${c.id}.${def.name}` : def.name,
    })),
  );
}

/** Read every cell's settings: its own key, else the plain name, else the default. */
export function readScoped(scoped: readonly ScopedDef[], search: string): ScopedValues {
  const q = new URLSearchParams(search);
  return Object.fromEntries(
    scoped.map((s) => [s.key, parseSetting(s.def, q.get(s.key) ?? q.get(s.def.name))]),
  );
}

/**
 * The query string for these values: each key whose value differs from its default; a plain name that
 * several cells share is dropped (its value now lives under each cell's own key). Shell flags are kept.
 */
export function writeScoped(scoped: readonly ScopedDef[], values: ScopedValues, search: string): string {
  const q = new URLSearchParams(search);
  for (const s of scoped) {
    if (s.key !== s.def.name) q.delete(s.def.name);
    const v = values[s.key] ?? s.def.default;
    if (formatSetting(s.def, v) === formatSetting(s.def, s.def.default)) q.delete(s.key);
    else q.set(s.key, formatSetting(s.def, v));
  }
  const str = q.toString();
  return str ? `?${str}` : "";
}

/** One cell's settings by name (what its run() reads as ctx.settings). */
export function settingsOf(scoped: readonly ScopedDef[], values: ScopedValues, cell: string): Settings {
  return Object.fromEntries(
    scoped.filter((s) => s.cell === cell).map((s) => [s.def.name, values[s.key] ?? s.def.default]),
  );
}

/** A cell's change (by setting name) as a change by URL key; names the cell does not declare are dropped. */
export function scopedPatch(scoped: readonly ScopedDef[], cell: string, patch: Settings): ScopedValues {
  const out: ScopedValues = {};
  for (const s of scoped) if (s.cell === cell && s.def.name in patch) out[s.key] = patch[s.def.name];
  return out;
}
