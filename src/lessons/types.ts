// The contract between the notebook shell (src/app) and the lesson cells (src/lessons).
// A cell is data: its text, its settings and a run() hook that renders into the cell's output
// and returns a disposer. The shell owns state (idle → running → done | error), keyboard, URL and layout.
import type { ReactNode } from "react";

export type CellState = "idle" | "running" | "done" | "error";

/**
 * Settings a link should reproduce, declared once; they drive both the controls and the URL. A setting belongs
 * to the cell that declares it (several cells with a `seed` have one each), unless the definition says
 * `shared: true` — then every cell that declares it shows and changes one value.
 */
export type SettingDef = SettingShape & { shared?: boolean };

type SettingShape =
  | { kind: "int"; name: string; label: string; default: number; min?: number; max?: number; step?: number }
  | {
      kind: "float";
      name: string;
      label: string;
      default: number;
      min?: number;
      max?: number;
      step?: number;
      /** "log": a slider in steps of 1, 2, 3, 5 × 10ⁿ from min to max, shown as 1e-4, 3e-3 … (rates) */
      scale?: "log";
    }
  | { kind: "string"; name: string; label: string; default: string }
  | { kind: "enum"; name: string; label: string; default: string; options: readonly string[] }
  | { kind: "bool"; name: string; label: string; default: boolean }
  | { kind: "list"; name: string; label: string; default: number[] };

export type SettingValue = number | string | boolean | number[];
export type Settings = Record<string, SettingValue>;

export interface RunContext {
  /** Replace what the cell's output area shows (call again to update live). */
  render(node: ReactNode): void;
  /** Aborted when the cell is re-run, disposed or the page leaves it. */
  signal: AbortSignal;
  /** Current values of every declared setting (URL state). */
  settings: Settings;
  /** Change settings (updates the URL so a link reproduces the view). */
  setSettings(patch: Settings): void;
  /** `?steps=N`: every training loop stops after at most N steps (tests use it). */
  maxSteps: number | null;
  /** The active tfjs backend, confirmed with tf.getBackend(). */
  backend: string;
  /** `?backend=` when the URL forces one (training then uses it too), else null. */
  forcedBackend: string | null;
  /** Presentation mode is on (larger type and strokes). */
  presenting: boolean;
}

/** What run() returns: the shell calls dispose() before re-running the cell or leaving the page. */
export type Disposer = () => void;

export interface CellModule {
  run(ctx: RunContext): Promise<Disposer | undefined>;
  /** The real source of the functions the cell runs ("Show code"), imported with Vite's ?raw. */
  sources?: { name: string; code: string }[];
}

export interface CellDef {
  /** stable id: used as data-cell, in #deep-links and in tests */
  id: string;
  title: string;
  /** a few sentences of explanation (the why, as the lesson tells it) */
  prose: ReactNode;
  settings?: SettingDef[];
  /** run when first shown (cheap cells), so every cell shows something before anyone presses Run */
  autorun?: boolean;
  /**
   * What an expensive cell shows before it is run (as a saved notebook shows its outputs): e.g. the shipped run's
   * recorded curves. Loaded when the cell scrolls into view; Run replaces it.
   */
  preview?: () => Promise<ReactNode>;
  /** roughly how many seconds Run takes on the reference machine (2 CPU cores): Run all's time left */
  cost?: number;
  /** loads the cell's code lazily so tfjs and the heavy parts arrive after the first cell is on screen */
  load(): Promise<CellModule>;
}
