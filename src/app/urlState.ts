// Declarative, typed URL state (TF Playground style): every setting a cell exposes is declared once
// (name, kind, default) and read from / written to the query string, so a link reproduces the view.
// Shell-level flags live here too: backend, steps, present, hide, only, controls.
import type { SettingDef, Settings, SettingValue } from "../lessons/types";

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
