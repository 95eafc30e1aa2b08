// A training cell's recorded run — the run that came with the app: the shipped SSD checkpoint's (its header's
// history) or one of public/models/runs.json's (npm run record:runs, a cell's defaults trained in Node). Before
// Run the cell shows it, labelled as such, as a saved notebook shows its outputs; after Run its curves stay
// faintly in the cell's charts beside the student's own, with its final figures under them.
import type { ReactNode } from "react";
import {
  checkRunsFile,
  type RecordedBatch,
  type RecordedEpoch,
  type RecordedRunsFile,
  RUNS_FILE,
} from "../../train/recorded";
import { LineChart, type Series } from "../../viz/LineChart";
import { SERIES_COLORS } from "../../viz/palette";
import { usePresenting } from "../../viz/ui/presenting";
import { CHART_BETA } from "./TrainPanel";
import { smoothed } from "./trainState";

/** What the charts need of a recorded run: per-epoch points, and the per-batch loss where it was recorded. */
export interface RunCurves {
  epochs: number;
  steps: number;
  history: readonly RecordedEpoch[];
  batches?: readonly RecordedBatch[];
}

/** A recorded run as faint series for a training cell's charts, and its final figures in words. */
export interface Reference {
  loss: Series[];
  metrics: Record<string, Series[]>;
  /** "recorded run: 3 epochs, 27 steps; final validation loss 1.23, detn_acc 0.712" */
  note?: string;
}

const pts = (run: RunCurves, pick: (p: RecordedEpoch) => number): [number, number][] =>
  run.history.map((p): [number, number] => [p.step, pick(p)]).filter(([, y]) => Number.isFinite(y));

/** The metric keys to show: `keys` where given (the cell's charted metrics), else every recorded one. */
const metricKeys = (run: RunCurves, keys?: readonly string[]) =>
  keys ?? [...new Set(run.history.flatMap((p) => Object.keys(p.metrics)))];

/** The final epoch's validation loss and metrics, as a cell prints them. */
export function finalFigures(run: RunCurves, keys?: readonly string[]): { name: string; value: string }[] {
  const last = run.history[run.history.length - 1];
  if (!last) return [];
  return [
    { name: "validation loss", value: fmt(last.valLoss) },
    ...metricKeys(run, keys)
      .filter((k) => Number.isFinite(last.metrics[k]))
      .map((k) => ({ name: k, value: fmt(last.metrics[k]) })),
  ];
}

const fmt = (v: number) =>
  Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 10 ? v.toFixed(1) : v.toFixed(3);

/** The run as faint reference series, named `${label}: …` (train: smoothed per batch where recorded, else per epoch). */
export function referenceSeries(
  run: RunCurves,
  label = "recorded run",
  keys?: readonly string[],
  /** train, validation and metric colours (a second reference in the same charts takes others) */
  colors: readonly [string, string, string] = [SERIES_COLORS[0], SERIES_COLORS[1], "#888"],
): Reference {
  const batches = run.batches ?? [];
  const train: [number, number][] = batches.length
    ? ((ys) => batches.map((b, i): [number, number] => [b.step, ys[i]]))(
        smoothed(
          batches.map((b) => b.loss),
          CHART_BETA,
        ),
      )
    : pts(run, (p) => p.trainLoss);
  const figures = finalFigures(run, keys)
    .map((f) => `${f.name} ${f.value}`)
    .join(", ");
  return {
    loss: [
      {
        name: `${label}: train${batches.length ? " (smoothed)" : ""}`,
        points: train,
        color: colors[0],
        faint: true,
      },
      {
        name: `${label}: validation`,
        points: pts(run, (p) => p.valLoss),
        color: colors[1],
        faint: true,
        dots: true,
      },
    ],
    metrics: Object.fromEntries(
      metricKeys(run, keys).map((k) => [
        k,
        [{ name: `${label}: ${k}`, points: pts(run, (p) => p.metrics[k]), color: colors[2], faint: true }],
      ]),
    ),
    note: `Faint: the ${label} (${run.epochs} epochs, ${run.steps} steps)${figures ? `; final ${figures}` : ""}.`,
  };
}

let runsP: Promise<RecordedRunsFile> | null = null;

/** public/models/runs.json (precached with the app for offline use), fetched once. */
export function recordedRuns(): Promise<RecordedRunsFile> {
  runsP ??= (async () => {
    const url = new URL(RUNS_FILE, document.baseURI).href;
    const r = await fetch(url);
    if (!r.ok) throw new Error(`${url}: ${r.status}`);
    return checkRunsFile(await r.json());
  })();
  runsP.catch(() => {
    runsP = null;
  });
  return runsP;
}

/** The recorded run of a cell's defaults, as faint reference series of its charted metrics (null when none). */
export async function recordedReference(
  cell: string,
  keys: readonly string[],
  label = "recorded run",
  colors?: readonly [string, string, string],
): Promise<Reference | null> {
  const run = (await recordedRuns().catch(() => null))?.runs[cell];
  return run ? referenceSeries(run, label, keys, colors) : null;
}

/** Several references in the same charts (e.g. the recorded runs of two losses); null when there are none. */
export function mergeReferences(refs: (Reference | null)[]): Reference | null {
  const have = refs.filter((r): r is Reference => r !== null);
  if (have.length === 0) return null;
  const metrics: Record<string, Reference["metrics"][string]> = {};
  for (const r of have)
    for (const [k, s] of Object.entries(r.metrics)) metrics[k] = [...(metrics[k] ?? []), ...s];
  return {
    loss: have.flatMap((r) => r.loss),
    metrics,
    note: have
      .map((r) => r.note)
      .filter(Boolean)
      .join(" "),
  };
}

/** The colours of a second recorded run in the same charts (train, validation, metric). */
const OTHER_COLORS = [SERIES_COLORS[2], SERIES_COLORS[3], SERIES_COLORS[5]] as const;

/**
 * A comparison: the recorded run of the cell's current choice (usual colours) and the recorded run of the other
 * choice (its own colours), faint in the same charts; null when neither was recorded.
 */
export async function comparedReferences(
  keys: readonly string[],
  mine: { run: string; label: string },
  other: { run: string; label: string },
): Promise<Reference | null> {
  return mergeReferences(
    await Promise.all([
      recordedReference(mine.run, keys, mine.label),
      recordedReference(other.run, keys, other.label, OTHER_COLORS),
    ]),
  );
}

/** A recorded run, drawn faintly and labelled: its loss, its metrics per epoch, its final figures. */
export function RecordedRunView({
  run,
  label,
  note,
  keys,
}: {
  run: RunCurves;
  /** the metrics to chart (the cell's own); default: every recorded one */
  keys?: readonly string[];
  /** "recorded run", "shipped run": in the titles and the series' names */
  label: string;
  /** what the run was, and what Run will do */
  note: ReactNode;
}) {
  const large = usePresenting();
  const ref = referenceSeries(run, label, keys);
  const w = large ? 560 : 420;
  const h = large ? 300 : 240;
  const figures = finalFigures(run, keys);
  return (
    <div data-role="recorded-run" data-label={label}>
      <p className="note">{note}</p>
      <div className="row">
        <LineChart
          title={`Loss (${label})`}
          series={ref.loss}
          xLabel="step (batches)"
          yLabel="loss"
          logY
          width={w}
          height={h}
          large={large}
        />
        {Object.entries(ref.metrics).map(([k, series]) => (
          <LineChart
            key={k}
            title={`${k} (${label}, validation, per epoch)`}
            series={series}
            xLabel="step (batches)"
            yLabel={k}
            width={w}
            height={h}
            large={large}
          />
        ))}
      </div>
      {figures.length > 0 && (
        <table className="num-table" data-role="recorded-final">
          <caption>
            {label}, after epoch {run.history[run.history.length - 1].epoch + 1}
          </caption>
          <tbody>
            <tr>
              {figures.map((f) => (
                <th key={f.name} scope="col">
                  {f.name}
                </th>
              ))}
            </tr>
            <tr>
              {figures.map((f) => (
                <td key={f.name} data-metric={f.name}>
                  {f.value}
                </td>
              ))}
            </tr>
          </tbody>
        </table>
      )}
    </div>
  );
}

/** A training cell before Run: the recorded run of its defaults (public/models/runs.json), its `keys` metrics charted. */
export async function recordedRunPreview(cell: string, keys: readonly string[]): Promise<ReactNode> {
  const file = await recordedRuns();
  const run = file.runs[cell];
  if (!run) throw new Error(`runs.json has no recorded run for ${cell}`);
  return (
    <RecordedRunView
      run={run}
      label="recorded run"
      keys={keys}
      note={
        <>
          <b>Recorded run</b> — this cell's default settings trained once before the app shipped ({run.epochs}{" "}
          epochs, {run.steps} steps on {run.trainImages} training images, validated on {run.valImages}; in
          Node, by the same training engine, on {run.backend.toUpperCase()}). Press Run to train your own:
          these curves stay, faintly, beside yours.
        </>
      }
    />
  );
}
