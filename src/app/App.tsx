// The notebook shell: header (backend badge, Run all, presentation), table of contents, the cells,
// keyboard, deep links and URL state. Lesson content comes from src/lessons as data.
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { BackendInfo } from "../compute/backend";
import { isBackendName } from "../compute/backends";
import { errorText } from "../errors";
import { CELLS } from "../lessons";
import type { Settings } from "../settings";
import { PresentingContext } from "../viz/ui/presenting";
import { BackendBadge } from "./BackendBadge";
import { Cell, type CellEnv } from "./Cell";
import { keyAction } from "./keyboard";
import { OfflineBadge } from "./OfflineBadge";
import { type RunAllProgress, RunAllStatus, runAllPlan } from "./RunAllStatus";
import type { RunOutcome } from "./runner";
import {
  readFlags,
  readScoped,
  type ScopedValues,
  scopeDefs,
  scopedPatch,
  settingsOf,
  writeScoped,
} from "./urlState";

/** Every cell's settings with its URL key: a cell's controls change only that cell. */
const SCOPED = scopeDefs(CELLS);

function useBackend(forced: string | null) {
  const [info, setInfo] = useState<BackendInfo | null>(null);
  const [error, setError] = useState<string | null>(null);
  const ready = useRef<Promise<BackendInfo> | null>(null);
  const start = useCallback(() => {
    // tfjs and its backends are loaded lazily: after the first cell is on screen, or when a cell runs.
    ready.current ??= import("../compute/backend").then((m) =>
      m.initBackend(isBackendName(forced) ? forced : null),
    );
    ready.current.then(setInfo, (e: unknown) => setError(errorText(e)));
    return ready.current;
  }, [forced]);
  useEffect(() => {
    const id = requestAnimationFrame(() => setTimeout(start, 0));
    return () => cancelAnimationFrame(id);
  }, [start]);
  const backend = useCallback(async () => (await start()).name, [start]);
  return { info, error, backend };
}

export function App() {
  const flags = useMemo(() => readFlags(location.search), []);
  const [values, setValues] = useState<ScopedValues>(() => readScoped(SCOPED, location.search));
  const [presenting, setPresenting] = useState(flags.present);
  const presentingRef = useRef(presenting);
  presentingRef.current = presenting;
  const [tocOpen, setTocOpen] = useState(false);
  const [runningAll, setRunningAll] = useState(false);
  const [allProgress, setAllProgress] = useState<RunAllProgress | null>(null);
  const { info, error, backend } = useBackend(flags.backend);
  const cells = useMemo(
    () =>
      CELLS.filter((c) => (flags.only.length ? flags.only.includes(c.id) : true)).filter(
        (c) => !flags.hide.includes(c.id),
      ),
    [flags],
  );
  const initial = cells.find((c) => `#${c.id}` === location.hash)?.id ?? cells[0]?.id;
  const [selected, setSelected] = useState<string | undefined>(initial);
  const runners = useRef(new Map<string, () => Promise<RunOutcome>>());

  const setCellSettings = useCallback((cell: string, patch: Settings) => {
    const own = scopedPatch(SCOPED, cell, patch);
    if (import.meta.env.DEV && Object.keys(own).length < Object.keys(patch).length)
      console.warn(`cell "${cell}" set settings it does not declare:`, patch);
    setValues((prev) => {
      const next = { ...prev, ...own };
      history.replaceState(null, "", `${writeScoped(SCOPED, next, location.search)}${location.hash}`);
      return next;
    });
  }, []);
  // one stable setter per cell, so a cell's run() keeps a working ctx.setSettings
  const setters = useMemo(
    () => new Map(cells.map((c) => [c.id, (patch: Settings) => setCellSettings(c.id, patch)])),
    [cells, setCellSettings],
  );

  // one settings object per cell, new only when the values change (cells compare them to re-run)
  const cellSettings = useMemo(
    () => new Map(cells.map((c) => [c.id, settingsOf(SCOPED, values, c.id)])),
    [cells, values],
  );

  const steppers = useRef(new Map<string, (delta: number) => boolean>());
  const registerStepper = useCallback((id: string, step: ((delta: number) => boolean) | null) => {
    if (step) steppers.current.set(id, step);
    else steppers.current.delete(id);
  }, []);

  const register = useCallback((id: string, run: (() => Promise<RunOutcome>) | null) => {
    if (run) runners.current.set(id, run);
    else runners.current.delete(id);
  }, []);

  const select = useCallback((id: string, focus = false) => {
    setSelected(id);
    if (focus) {
      const el = document.querySelector<HTMLElement>(`[data-cell="${id}"]`);
      el?.focus({ preventScroll: true });
      el?.scrollIntoView({ block: "start", behavior: "auto" });
      history.replaceState(null, "", `${location.search}#${id}`);
    }
  }, []);

  const move = useCallback(
    (delta: number) => {
      const i = cells.findIndex((c) => c.id === selected);
      const next = cells[Math.max(0, Math.min(cells.length - 1, i + delta))];
      if (next) select(next.id, true);
    },
    [cells, selected, select],
  );

  const runAll = useCallback(async () => {
    setRunningAll(true);
    const plan = runAllPlan(cells);
    try {
      for (let k = 0; k < cells.length; k++) {
        setAllProgress(plan.at(k));
        if (presentingRef.current) select(cells[k].id, true);
        await runners.current.get(cells[k].id)?.();
        plan.finished(k);
      }
    } finally {
      setRunningAll(false);
      setAllProgress(null);
    }
  }, [cells, select]);

  // Jupyter-like keyboard.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const a = keyAction(e, presenting);
      if (!a) return;
      e.preventDefault();
      if (a.type === "run" && selected) {
        void runners.current.get(selected)?.();
        if (a.advance) move(1);
      } else if (a.type === "move") {
        // presentation mode: a tall cell's steps come before the next cell
        const step = presenting && selected ? steppers.current.get(selected) : undefined;
        if (!step?.(a.delta)) move(a.delta);
      } else if (a.type === "present") setPresenting((p) => !p);
      else if (a.type === "exit-present") setPresenting(false);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [presenting, selected, move]);

  // Deep links: #cell-id selects and scrolls to the cell, on load and when the hash changes.
  useEffect(() => {
    const go = () => {
      const id = location.hash.slice(1);
      if (cells.some((c) => c.id === id)) select(id, true);
    };
    go();
    window.addEventListener("hashchange", go);
    return () => window.removeEventListener("hashchange", go);
  }, [cells, select]);

  useEffect(() => {
    document.documentElement.classList.toggle("presenting", presenting);
    if (presenting && selected) {
      document.querySelector<HTMLElement>(`[data-cell="${selected}"]`)?.focus({ preventScroll: true });
      window.scrollTo({ top: 0 });
    }
  }, [presenting, selected]);

  const envFor = (id: string): CellEnv => ({
    settings: cellSettings.get(id) ?? {},
    setSettings: setters.get(id) ?? (() => {}),
    maxSteps: flags.steps,
    presenting,
    showControls: flags.controls,
    backend,
    forcedBackend: flags.backend,
  });

  return (
    <div
      data-app="ssd-notebook"
      data-controls={flags.controls ? "on" : "off"}
      className={`app${presenting ? " presenting" : ""}`}
    >
      <a className="skip" href={`#${cells[0]?.id ?? ""}`}>
        Skip to the first cell
      </a>
      <header className="app-head">
        <div className="brand">
          <h1>SSD Notebook</h1>
          <p className="tagline">Single Shot MultiBox Detector, step by step — fast.ai Lesson 9</p>
        </div>
        <div className="head-actions">
          <BackendBadge info={info} error={error} forced={flags.backend} />
          <OfflineBadge />
          <button
            type="button"
            data-action="toc"
            aria-expanded={tocOpen}
            onClick={() => setTocOpen((o) => !o)}
          >
            Contents
          </button>
          <button type="button" data-action="run-all" onClick={() => void runAll()} disabled={runningAll}>
            {runningAll ? "Running all…" : "Run all"}
          </button>
          <button
            type="button"
            data-action="present"
            aria-pressed={presenting}
            onClick={() => setPresenting((p) => !p)}
            title="Presentation mode (p)"
          >
            {presenting ? "Exit presentation" : "Present"}
          </button>
        </div>
      </header>
      {allProgress && <RunAllStatus p={allProgress} />}
      <div className="layout">
        <nav className={`toc${tocOpen ? " open" : ""}`} aria-label="Table of contents">
          <ol>
            {cells.map((c, i) => (
              <li key={c.id}>
                <a href={`#${c.id}`} aria-current={c.id === selected ? "true" : undefined}>
                  <span className="toc-n">{i + 1}.</span> {c.title}
                </a>
              </li>
            ))}
          </ol>
          <p className="keys">
            <kbd>Shift</kbd>+<kbd>Enter</kbd> run &amp; next · <kbd>Ctrl</kbd>+<kbd>Enter</kbd> run ·{" "}
            <kbd>↑</kbd>/<kbd>↓</kbd> or <kbd>k</kbd>/<kbd>j</kbd> move · <kbd>p</kbd> present
          </p>
        </nav>
        <main className="notebook" aria-label="Lesson cells">
          <PresentingContext.Provider value={presenting}>
            {cells.map((c, i) => (
              <Cell
                key={c.id}
                def={c}
                index={i}
                env={envFor(c.id)}
                selected={c.id === selected}
                onSelect={setSelected}
                register={register}
                registerStepper={registerStepper}
              />
            ))}
          </PresentingContext.Provider>
          {presenting && (
            <p className="present-nav" aria-live="polite">
              {cells.findIndex((c) => c.id === selected) + 1} / {cells.length} · ← → to move · Esc to leave
            </p>
          )}
        </main>
      </div>
    </div>
  );
}
