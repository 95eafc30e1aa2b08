// One notebook cell: title, prose, settings, Run, live output, error and "Show code".
// The stable test hooks live here: <section data-cell=ID data-state=...> and [data-action="run"].
import { type ReactNode, useCallback, useEffect, useMemo, useRef, useState } from "react";
import { errorText } from "../errors";
import type { CellDef, CellModule, CellState } from "../lessons/types";
import { type SettingDef, type Settings, SettingsProvider, type SettingValue, valueIn } from "../settings";
import { SettingControl } from "../viz/ui/SettingControl";
import { CodeView } from "./CodeView";
import { clearSteps, layoutStale, layoutSteps, type StepLayout, showStep, stepBlocks } from "./presentSteps";
import { type RunHandle, type RunOutcome, release, runCell } from "./runner";
import { formatSetting } from "./urlState";

export interface CellEnv {
  /** this cell's own settings, by name */
  settings: Settings;
  /** changes this cell's settings only */
  setSettings(patch: Settings): void;
  maxSteps: number | null;
  presenting: boolean;
  showControls: boolean;
  /** resolves with the confirmed backend name once tfjs is ready */
  backend(): Promise<string>;
  /** `?backend=`, when the page was told which backend to use */
  forcedBackend: string | null;
}

interface Props {
  def: CellDef;
  index: number;
  env: CellEnv;
  selected: boolean;
  onSelect(id: string): void;
  /** the shell keeps a run function per cell for Run all and the keyboard */
  register(id: string, run: (() => Promise<RunOutcome>) | null): void;
  /** presentation mode: the shell asks the selected cell to move a step (false: no step that way, move cells) */
  registerStepper?(id: string, step: ((delta: number) => boolean) | null): void;
}

export function Cell({ def, index, env, selected, onSelect, register, registerStepper }: Props) {
  const [state, setState] = useState<CellState>("idle");
  const [error, setError] = useState<string | null>(null);
  const [output, setOutput] = useState<ReactNode>(null);
  const [mod, setMod] = useState<CellModule | null>(null);
  const [showCode, setShowCode] = useState(false);
  const [preview, setPreview] = useState<ReactNode>(null);
  const handle = useRef<RunHandle | null>(null);
  const envRef = useRef(env);
  envRef.current = env;
  const sectionRef = useRef<HTMLElement>(null);
  /** the settings the last run() read with ctx.get, and their values then (an autorun cell re-runs on a change) */
  const readByRun = useRef(new Map<string, { def: SettingDef; text: string }>());

  const load = useCallback(async () => {
    const m = await def.load();
    setMod(m);
    return m;
  }, [def]);

  const run = useCallback(async (): Promise<RunOutcome> => {
    release(handle.current);
    const mine: RunHandle = { controller: new AbortController() };
    handle.current = mine;
    setState("running");
    setError(null);
    const read = new Map<string, { def: SettingDef; text: string }>();
    readByRun.current = read;
    try {
      const [m, backend] = await Promise.all([load(), envRef.current.backend()]);
      const e = envRef.current;
      const outcome = await runCell(m, mine, {
        render: (node) => {
          if (!mine.controller.signal.aborted) setOutput(node);
        },
        get: (d) => {
          const v = valueIn(envRef.current.settings, d);
          if (!read.has(d.name)) read.set(d.name, { def: d, text: formatSetting(d, v) });
          return v;
        },
        set: (d, v) => envRef.current.setSettings({ [d.name]: v }),
        maxSteps: e.maxSteps,
        backend,
        forcedBackend: e.forcedBackend,
        presenting: e.presenting,
      });
      if (handle.current === mine && outcome.state !== "aborted") {
        setState(outcome.state);
        if (outcome.state === "error") setError(outcome.message);
      }
      return outcome;
    } catch (e) {
      const message = errorText(e);
      if (handle.current === mine) {
        setState("error");
        setError(message);
      }
      return { state: "error", message };
    }
  }, [load]);

  useEffect(() => {
    register(def.id, run);
    return () => register(def.id, null);
  }, [def.id, run, register]);

  // Release tensors, timers and workers when the cell leaves the page.
  useEffect(() => () => release(handle.current), []);

  // Cheap cells run when they first scroll into view, so every cell shows something before Run.
  useEffect(() => {
    const el = sectionRef.current;
    if (!def.autorun || !el) return;
    const io = new IntersectionObserver((entries) => {
      if (entries.some((en) => en.isIntersecting)) {
        io.disconnect();
        if (!handle.current) void run();
      }
    });
    io.observe(el);
    return () => io.disconnect();
  }, [def.autorun, run]);

  // An expensive cell shows its preview (the shipped run) when it first scrolls into view, until it is run.
  useEffect(() => {
    const el = sectionRef.current;
    const make = def.preview;
    if (!make || !el) return;
    let live = true;
    const io = new IntersectionObserver((entries) => {
      if (!entries.some((en) => en.isIntersecting)) return;
      io.disconnect();
      make().then(
        (node) => live && setPreview(node),
        (e: unknown) => console.warn(`preview of ${def.id} failed`, e),
      );
    });
    io.observe(el);
    return () => {
      live = false;
      io.disconnect();
    };
  }, [def]);

  // An autorun cell re-runs (debounced) when a setting its run() read changes; settings its output reads live
  // (useSetting) update the output in place.
  const { settings } = env;
  useEffect(() => {
    if (!def.autorun || !handle.current) return;
    const changed = [...readByRun.current.values()].some(
      ({ def: d, text }) => formatSetting(d, valueIn(settings, d)) !== text,
    );
    if (!changed) return;
    const t = setTimeout(() => void run(), 150);
    return () => clearTimeout(t);
  }, [def.autorun, settings, run]);
  const store = useMemo(() => ({ values: settings, set: env.setSettings }), [settings, env.setSettings]);

  // Presentation mode: the selected cell is shown a step at a time, each zoomed to fill the screen.
  const [stepInfo, setStepInfo] = useState({ k: 0, n: 1 });
  const layout = useRef<StepLayout | null>(null);
  const stepK = useRef(0);
  const present = env.presenting && selected;
  // biome-ignore lint/correctness/useExhaustiveDependencies: a run that finishes (state) re-packs the steps
  useEffect(() => {
    const section = sectionRef.current;
    if (!section) return;
    if (!present) {
      clearSteps(section);
      layout.current = null;
      stepK.current = 0;
      setStepInfo({ k: 0, n: 1 });
      return;
    }
    let raf = 0;
    // a block that changes size on its own (an image or a chart arriving after the first paint) re-packs
    const ro = new ResizeObserver(() => {
      if (layout.current && layoutStale(layout.current)) relayout();
    });
    const relayout = () => {
      cancelAnimationFrame(raf);
      raf = requestAnimationFrame(() => {
        const l = layoutSteps(section);
        layout.current = l;
        ro.disconnect();
        for (const b of l.blocks) ro.observe(b);
        stepK.current = Math.min(stepK.current, l.steps.length - 1);
        showStep(section, l, stepK.current);
        setStepInfo({ k: stepK.current, n: l.steps.length });
      });
    };
    relayout();
    // re-pack when the blocks change (a run renders its output), not on every live update inside them
    const mo = new MutationObserver(() => {
      const now = stepBlocks(section);
      const was = layout.current?.base ?? [];
      if (now.length !== was.length || now.some((b, i) => b !== was[i])) relayout();
    });
    mo.observe(section, { childList: true, subtree: true });
    window.addEventListener("resize", relayout);
    const settle = setTimeout(relayout, 600); // images and charts that size themselves after the first paint
    return () => {
      cancelAnimationFrame(raf);
      clearTimeout(settle);
      mo.disconnect();
      ro.disconnect();
      window.removeEventListener("resize", relayout);
    };
  }, [present, state]);
  useEffect(() => {
    if (!registerStepper) return;
    registerStepper(def.id, (delta) => {
      const section = sectionRef.current;
      const l = layout.current;
      if (!section || !l) return false;
      const k = stepK.current + delta;
      if (k < 0 || k >= l.steps.length) return false;
      stepK.current = k;
      showStep(section, l, k);
      setStepInfo({ k, n: l.steps.length });
      return true;
    });
    return () => registerStepper(def.id, null);
  }, [def.id, registerStepper]);

  const titleId = `${def.id}-title`;
  return (
    <section
      ref={sectionRef}
      id={def.id}
      data-cell={def.id}
      data-state={state}
      data-step={present ? stepInfo.k + 1 : undefined}
      data-steps={present ? stepInfo.n : undefined}
      className={`cell${selected ? " selected" : ""}`}
      aria-labelledby={titleId}
      aria-busy={state === "running"}
      tabIndex={-1}
      onFocus={() => onSelect(def.id)}
      onMouseDown={() => onSelect(def.id)}
    >
      <header className="cell-head">
        <span className="cell-index" aria-hidden="true">
          [{state === "running" ? "*" : index + 1}]
        </span>
        <h2 id={titleId}>{def.title}</h2>
        <div className="cell-actions">
          <button
            type="button"
            data-action="run"
            className="run"
            onClick={() => void run()}
            aria-label={`Run cell ${index + 1}: ${def.title}`}
            title="Run (Ctrl+Enter); run and move on (Shift+Enter)"
          >
            {state === "running" ? "Re-run" : "▶ Run"}
          </button>
          <button
            type="button"
            data-action="code"
            aria-expanded={showCode}
            onClick={() => {
              setShowCode((s) => !s);
              if (!mod) void load().catch((e) => setError(errorText(e)));
            }}
          >
            {showCode ? "Hide code" : "Show code"}
          </button>
        </div>
      </header>
      {present && stepInfo.n > 1 && (
        <p className="present-steps" aria-live="polite">
          step {stepInfo.k + 1} of {stepInfo.n}
          {stepInfo.k + 1 < stepInfo.n ? " · → next" : ""}
        </p>
      )}
      <div className="cell-prose">{def.prose}</div>
      {env.showControls && def.settings && def.settings.length > 0 && (
        <fieldset className="cell-settings">
          <legend>Settings</legend>
          {def.settings.map((s) => (
            <SettingControl
              key={s.name}
              id={`setting-${def.id}-${s.name}`}
              def={s}
              value={env.settings[s.name] ?? s.default}
              onChange={(v: SettingValue) => env.setSettings({ [s.name]: v })}
            />
          ))}
        </fieldset>
      )}
      <div className="cell-output" aria-live="polite" data-role="output">
        <SettingsProvider store={store}>{output}</SettingsProvider>
        {state === "idle" && !output && preview && (
          <div className="cell-preview" data-role="preview">
            {preview}
          </div>
        )}
        {state === "idle" && !output && !preview && (
          <p className="hint">Press Run (or Ctrl+Enter) to run this cell.</p>
        )}
      </div>
      {state === "error" && (
        <div className="cell-error" role="alert" data-role="error">
          <strong>This cell stopped with an error.</strong> {error}
        </div>
      )}
      {showCode && <CodeView sources={mod?.sources} />}
    </section>
  );
}
