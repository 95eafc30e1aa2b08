// The live-training view the training cells share: status (backend, feature cache, progress, checkpoint),
// play / pause / step one batch / stop, the loss charts (train per batch smoothed, val per epoch, the loss's
// parts) and the per-epoch metrics, plus the divergence explanation and any errors. Cells add their own
// views (predictions, narrated step, LR finder) as children.
import type { ReactNode } from "react";
import { BACKEND_LABEL, isBackendName, TRAIN_NOTE } from "../../compute/backends";
import { LineChart, type Series } from "../../viz/LineChart";
import { SERIES_COLORS } from "../../viz/palette";
import { usePresenting } from "../../viz/ui/presenting";
import { type LiveTrainer, useTrainState } from "./liveTrainer";
import { RunProgress } from "./RunProgress";
import type { Reference } from "./recordedRun";
import { batchSeries, epochSeries, type TrainViewState } from "./trainState";

export interface ChartPart {
  key: string;
  label: string;
  /** multiply the part by this for the chart (e.g. 20 × cross-entropy, as it enters detn_loss) */
  scale?: number;
}

export interface ChartMetric {
  key: string;
  label: string;
  /** the y axis label, with its unit */
  yLabel: string;
  domain?: [number, number];
}

interface Props {
  trainer: LiveTrainer;
  /** the loss's named parts to chart per batch (detn: l1, ce; SSD: loc, clas) */
  parts?: ChartPart[];
  /** per-epoch validation metrics */
  metrics?: ChartMetric[];
  /** extra buttons beside play/pause/step/stop */
  actions?: ReactNode;
  children?: ReactNode;
  /** a recorded run drawn faintly in the charts for comparison (recordedRun.tsx): loss series, by metric key, its final figures */
  reference?: Reference | null;
}

/** Smoothing of the per-batch curves (fastai's 0.98 needs hundreds of steps; the notebook's runs are shorter). */
export const CHART_BETA = 0.9;

const BUSY: Record<string, string> = {
  step: "Training one batch…",
  lrfind: "LR finder: sweeping the learning rate…",
  "download checkpoint": "Preparing the checkpoint file…",
};

export function statusText(s: TrainViewState): string {
  if (s.busy && s.busy !== "play" && s.phase !== "caching") return BUSY[s.busy] ?? `Working: ${s.busy}…`;
  switch (s.phase) {
    case "loading":
      return s.drawing
        ? `Drawing new training scenes: ${s.drawing.done} / ${s.drawing.total}`
        : "Starting the worker: backend, data, backbone…";
    case "caching":
      return s.cache ? `Computing backbone features: ${s.cache.done} / ${s.cache.total} images` : "Caching…";
    case "idle":
      return "Ready: press Play to train.";
    case "running":
      return "Training…";
    case "paused":
      return "Paused.";
    case "stopped":
      return "Stopped.";
    case "done":
      return "Finished.";
    case "diverged":
      return "Diverged: paused.";
    case "error":
      return "Could not start training.";
    case "dead":
      return "The training worker stopped.";
  }
}

export function TrainPanel({ trainer, parts = [], metrics = [], actions, children, reference }: Props) {
  const s = useTrainState(trainer);
  const presenting = usePresenting();
  const w = presenting ? 560 : 420; // two charts side by side in a 1280-px window
  const h = presenting ? 300 : 240;
  const last = s.batches[s.batches.length - 1];
  const running = s.phase !== "dead" && (s.busy === "play" || s.phase === "running" || s.phase === "caching");
  const blocked = s.phase === "loading" || s.phase === "error" || s.phase === "dead";
  const busy = s.busy !== null;
  const lossSeries: Series[] = [
    {
      name: "train (smoothed)",
      points: batchSeries(s.batches, undefined, CHART_BETA),
      color: SERIES_COLORS[0],
    },
    { name: "train (per batch)", points: batchSeries(s.batches), color: "#9bbfdc", dashed: true },
    {
      name: "validation (per epoch)",
      points: epochSeries(s.epochs, "valLoss"),
      color: SERIES_COLORS[1],
      dots: true,
    },
    ...(reference?.loss ?? []),
  ];
  const partSeries: Series[] = parts.map((p, i) => ({
    name: p.label,
    points: batchSeries(s.batches, p.key, CHART_BETA).map(([x, y]): [number, number] => [
      x,
      y * (p.scale ?? 1),
    ]),
    color: SERIES_COLORS[(i + 2) % SERIES_COLORS.length],
  }));
  const backend = isBackendName(s.backend) ? s.backend : null;
  const backendNote = s.backendNote || (backend && TRAIN_NOTE[backend]);
  return (
    <div
      className="train-panel"
      data-role="train-panel"
      data-phase={s.phase}
      data-steps={s.batches.length}
      data-epochs={s.epochs.length}
    >
      <div className="train-status" data-role="train-status" role="status">
        <span className="train-chip" data-role="train-backend" data-train-backend={s.backend ?? ""}>
          Backend: <strong>{backend ? BACKEND_LABEL[backend] : (s.backend ?? "…")}</strong>
          {backendNote && <span className="muted"> ({backendNote})</span>}
        </span>
        <span className="train-chip" data-role="train-cache" data-cache={String(s.cacheOn)}>
          Feature cache (precompute): <strong>{s.cacheOn === null ? "…" : s.cacheOn ? "on" : "off"}</strong>
          {s.cache && s.cache.done < s.cache.total && ` ${s.cache.done}/${s.cache.total}`}
        </span>
        {s.info && (
          <span className="train-chip">
            {s.info.trainImages} train
            {s.info.synthImages > 0 && ` (${s.info.synthImages} newly drawn)`} / {s.info.valImages} val images
            · {s.info.backbone}
          </span>
        )}
        <span className="train-chip" data-role="train-progress">
          {statusText(s)} Step {s.progress.step} · epoch {s.progress.epoch}
          {last && (
            <>
              {" "}
              · loss <strong data-role="last-loss">{last.loss.toFixed(4)}</strong>
            </>
          )}
        </span>
      </div>
      <RunProgress s={s} />
      <div className="train-controls" role="toolbar" aria-label="Training controls">
        <button
          type="button"
          data-action="play"
          disabled={blocked || running || busy}
          onClick={() => void trainer.play()}
        >
          ▶ Play
        </button>
        <button type="button" data-action="pause" disabled={!running} onClick={() => void trainer.pause()}>
          ❚❚ Pause
        </button>
        <button
          type="button"
          data-action="step"
          disabled={blocked || running || busy}
          onClick={() => void trainer.step()}
        >
          Step one batch
        </button>
        <button type="button" data-action="stop" disabled={!running} onClick={() => void trainer.stop()}>
          ■ Stop
        </button>
        {actions}
      </div>
      {s.skipped.length > 0 && (
        <details className="note train-skipped" data-role="train-skipped">
          <summary>
            {s.skipped.length} image{s.skipped.length === 1 ? "" : "s"} could not be decoded and{" "}
            {s.skipped.length === 1 ? "is" : "are"} left out of training (also in the data cell's load report)
          </summary>
          <ul>
            {s.skipped.slice(0, 200).map((m) => (
              <li key={m}>{m}</li>
            ))}
          </ul>
        </details>
      )}
      {s.dead && (
        <div className="note train-dead" data-role="worker-dead" role="alert">
          <strong>Training stopped: {s.dead}</strong> The weights of the last checkpoint (saved after each
          epoch and on pause) are kept in this browser.{" "}
          <button type="button" data-action="restart" onClick={() => void trainer.restart()}>
            Restart from the last checkpoint
          </button>
        </div>
      )}
      {s.restarted && !s.dead && (
        <p className="hint" data-role="restarted">
          {s.restarted}
        </p>
      )}
      {s.diverged && (
        <div className="note train-diverged" data-role="diverged" role="alert">
          <strong>The loss diverged (it became {String(s.diverged.loss)}).</strong> {s.diverged.message}
        </div>
      )}
      {s.errors.length > 0 && (
        <ul className="train-errors" data-role="train-errors">
          {s.errors.map((e, i) => (
            <li key={i}>{e}</li>
          ))}
        </ul>
      )}
      <div className="row">
        <div data-role="chart-loss">
          <LineChart
            title="Loss"
            series={lossSeries}
            xLabel="step (batches)"
            yLabel="loss"
            logY
            width={w}
            height={h}
            large={presenting}
            legendValues
          />
        </div>
        {partSeries.length > 0 && (
          <div data-role="chart-parts">
            <LineChart
              title="The loss's parts (smoothed)"
              series={partSeries}
              xLabel="step (batches)"
              yLabel="loss part"
              logY
              width={w}
              height={h}
              large={presenting}
              legendValues
            />
          </div>
        )}
        {metrics.map((m, i) => (
          <div data-role={`chart-${m.key}`} key={m.key}>
            <LineChart
              title={`${m.label} (validation, per epoch)`}
              series={[
                {
                  name: m.label,
                  points: epochSeries(s.epochs, m.key),
                  color: SERIES_COLORS[(i + 4) % SERIES_COLORS.length],
                  dots: true,
                },
                ...(reference?.metrics[m.key] ?? []),
              ]}
              xLabel="step (batches)"
              yLabel={m.yLabel}
              yDomain={m.domain}
              width={w}
              height={h}
              large={presenting}
              legendValues
            />
          </div>
        ))}
      </div>
      {reference?.note && (
        <p className="hint" data-role="reference-note">
          {reference.note}
        </p>
      )}
      {children}
    </div>
  );
}
