// The contract between the notebook shell (src/app) and the lesson cells (src/lessons).
// A cell is data: its text, its settings and a run() hook that renders into the cell's output
// and returns a disposer. The shell owns state (idle → running → done | error), keyboard, URL and layout.
import type { ReactNode } from "react";
import type { SettingDef, ValueOf } from "../settings";

export type CellState = "idle" | "running" | "done" | "error";

export interface RunContext {
  /** Replace what the cell's output area shows (call again to update live). */
  render(node: ReactNode): void;
  /** Aborted when the cell is re-run, disposed or the page leaves it. */
  signal: AbortSignal;
  /**
   * One of the cell's declared settings, typed, as it is now (URL state). An autorun cell re-runs when a setting
   * its run() read this way changes; what it renders reads live ones with useSetting(DEF) instead, and is not
   * re-run for them.
   */
  get<D extends SettingDef>(def: D): ValueOf<D>;
  /** Change one of the cell's settings (updates the URL so a link reproduces the view). */
  set<D extends SettingDef>(def: D, value: ValueOf<D>): void;
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
