// The training run's progress, as learn.fit prints it: a bar for the whole run (drawing scenes, computing
// features, then the steps), where it is, and the time left at the pace of the steps so far.
import { useRef } from "react";
import type { TrainViewState } from "./trainState";

/** m:ss, or h:mm:ss past an hour. */
export function clock(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${ss}` : `${m}:${ss}`;
}

/** Seconds left, from the pace between the first step this view saw and the latest one. */
function useSecondsLeft(step: number, planned: number, active: boolean): number | null {
  const start = useRef<{ step: number; t: number } | null>(null);
  if (!active) {
    start.current = null;
    return null;
  }
  const now = performance.now();
  if (start.current === null || step < start.current.step) start.current = { step, t: now };
  const done = step - start.current.step;
  if (done < 2) return null;
  return ((now - start.current.t) / 1000 / done) * (planned - step);
}

export function RunProgress({ s }: { s: TrainViewState }) {
  const planned = s.info?.plannedSteps ?? 0;
  const step = s.batches[s.batches.length - 1]?.step ?? 0;
  const running = s.phase === "running" || s.busy === "play";
  const left = useSecondsLeft(step, planned, running);
  let label: string;
  let value: number;
  let max: number;
  if (s.phase === "loading" && s.drawing) {
    label = `Drawing new training scenes ${s.drawing.done} / ${s.drawing.total}`;
    value = s.drawing.done;
    max = s.drawing.total;
  } else if (s.phase === "caching" && s.cache) {
    label = `Computing backbone features ${s.cache.done} / ${s.cache.total}`;
    value = s.cache.done;
    max = s.cache.total;
  } else if (planned > 0) {
    label = `Step ${step} / ${planned}`;
    value = step;
    max = planned;
  } else return null;
  return (
    <div className="run-progress" data-role="run-progress">
      <progress value={value} max={Math.max(1, max)} aria-label={label} />
      <span>
        {label}
        {running && left !== null && (
          <>
            {" "}
            · <span data-role="time-left">{clock(left)} left</span>
          </>
        )}
      </span>
    </div>
  );
}
