// A line chart for live training curves (d3 scales and axes, SVG): labelled axes with units, a legend,
// optional log-x (LR finder), a log/linear y toggle (losses: one epoch-1 validation loss of 3,000 must not
// flatten the rest), and margins sized to the tick labels so the axis title never sits on them.
import * as d3 from "d3";
import { useEffect, useMemo, useRef, useState } from "react";
import { SERIES_COLORS } from "./palette";

/** Advance of a digit in common sans-serif fonts, in em (DejaVu Sans: 0.636), when nothing can measure. */
const CHAR_EM = 0.65;

let measurer: CanvasRenderingContext2D | null | undefined;
/** A tick label's width in px at `px` size: measured in a browser (d3's axes draw their labels in sans-serif),
 * estimated elsewhere. */
export function textWidth(s: string, px: number): number {
  if (measurer === undefined)
    measurer = typeof document !== "undefined" ? document.createElement("canvas").getContext("2d") : null;
  if (!measurer) return s.length * px * CHAR_EM;
  measurer.font = `${px}px sans-serif`;
  return measurer.measureText(s).width;
}

/** How the y axis labels its ticks: SI suffixes from 10,000 up (300k), plain below (0.05, 12, 3000). */
export function yTickFormat(
  y: d3.ScaleContinuousNumeric<number, number>,
  count: number,
  log: boolean,
): (v: d3.NumberValue) => string {
  const si = d3.format("~s");
  const plain = d3.format("~g");
  const fmt = (v: number) => (Math.abs(v) >= 1e4 ? si(v) : plain(v));
  if (!log) return (v) => fmt(Number(v));
  // a log scale's own tickFormat leaves some ticks unlabelled (1…9 per decade would crowd the axis)
  const shown = (y as d3.ScaleLogarithmic<number, number>).tickFormat(count, "~g");
  return (v) => (shown(v) === "" ? "" : fmt(Number(v)));
}

/** The left margin that fits the widest y tick label, the tick, and the rotated axis title beside them. */
export function leftMargin(
  labels: readonly string[],
  font: number,
  width: (s: string, px: number) => number = textWidth,
): { left: number; titleX: number } {
  const widest = Math.max(font * CHAR_EM, ...labels.map((l) => width(l, font)));
  const labelsEdge = Math.ceil(widest) + 6 + 3; // d3's tick (6) and padding (3)
  // the rotated title's baseline: its glyphs rise away from the axis, its descenders (~0.25 em) reach towards it
  const gap = 4 + Math.ceil(font * 0.3);
  const titleX = -(labelsEdge + gap);
  return { left: labelsEdge + gap + Math.ceil(font * 1.1) + 4, titleX };
}

export interface Series {
  name: string;
  points: [number, number][];
  color?: string;
  dashed?: boolean;
  /** draw dots (e.g. per-epoch values) */
  dots?: boolean;
  /** drawn faintly behind the rest: a reference (the shipped run) for comparison */
  faint?: boolean;
}

interface Props {
  series: Series[];
  xLabel: string;
  yLabel: string;
  width?: number;
  height?: number;
  logX?: boolean;
  /** start with a log y axis (true) or linear (false); either way the chart offers a toggle. Omit: linear, no toggle */
  logY?: boolean;
  yDomain?: [number, number];
  title?: string;
  large?: boolean;
  /** show each series' latest value in the legend (live training; default on) */
  legendValues?: boolean;
}

export function LineChart({
  series,
  xLabel,
  yLabel,
  width = 520,
  height = 260,
  logX,
  logY,
  yDomain,
  title,
  large,
  legendValues = true,
}: Props) {
  const xAxis = useRef<SVGGElement>(null);
  const yAxis = useRef<SVGGElement>(null);
  const [wantLog, setWantLog] = useState(logY === true);
  const font = large ? 20 : 12;
  const all = series.flatMap((s) => s.points).filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y));
  // a log axis needs positive values: with a zero or a negative one the chart stays linear and says why
  const canLog = all.length > 0 && all.every((p) => p[1] > 0) && (!yDomain || yDomain[0] > 0);
  const log = wantLog && canLog;
  const ih = height - 12 - (font * 3 + 6);
  const yScale = useMemo((): d3.ScaleContinuousNumeric<number, number> => {
    const ys = yDomain ?? (d3.extent(all, (p) => p[1]) as [number, number]) ?? [0, 1];
    const [y0, y1] = [ys[0] ?? 0, ys[1] ?? 1];
    if (log) {
      const [a, b] = y0 === y1 ? [y0 / 2, y1 * 2] : [y0, y1];
      return d3.scaleLog().domain([a, b]).nice().range([ih, 0]);
    }
    return d3
      .scaleLinear()
      .domain(y0 === y1 ? [y0 - 1, y1 + 1] : [y0, y1])
      .nice()
      .range([ih, 0]);
  }, [all, ih, yDomain, log]);
  const yCount = Math.max(2, ih / 40);
  const yFormat = yTickFormat(yScale, yCount, log);
  const yLabels = yScale
    .ticks(yCount)
    .map((t) => yFormat(t))
    .filter((t) => t !== "");
  const { left, titleX } = leftMargin(yLabels, font);
  const m = { top: 12, right: 16, bottom: font * 3 + 6, left };
  const iw = width - m.left - m.right;
  const { x, y } = useMemo(() => {
    const xs = d3.extent(all, (p) => p[0]) as [number, number];
    const x0 = xs[0] ?? 0;
    const x1 = xs[1] ?? 1;
    const x = (logX ? d3.scaleLog() : d3.scaleLinear())
      .domain(x0 === x1 ? [x0, x0 + 1] : [x0, x1])
      .range([0, iw]);
    return { x, y: yScale };
  }, [all, iw, logX, yScale]);
  // steps and epochs are whole numbers: no ticks at 1.2, 1.4 … between them
  const integerX = !logX && all.every((p) => Number.isInteger(p[0]));
  useEffect(() => {
    const n = Math.max(2, iw / 80);
    const axis = d3.axisBottom(x).ticks(n, logX ? "~e" : "~g");
    if (integerX) axis.tickValues(x.ticks(n).filter(Number.isInteger)).tickFormat(d3.format("d"));
    if (xAxis.current) d3.select(xAxis.current).call(axis);
    if (yAxis.current) d3.select(yAxis.current).call(d3.axisLeft(y).ticks(yCount).tickFormat(yFormat));
  }, [x, y, iw, logX, integerX, yCount, yFormat]);
  const line = d3
    .line<[number, number]>()
    .defined(([a, b]) => Number.isFinite(a) && Number.isFinite(b))
    .x((p) => x(p[0]))
    .y((p) => y(p[1]));
  const summary = series
    .map((s) => `${s.name}: ${s.points.length ? s.points[s.points.length - 1][1].toFixed(4) : "no data"}`)
    .join("; ");
  return (
    <figure className="chart" style={{ margin: 0, maxWidth: width }} data-y-scale={log ? "log" : "linear"}>
      {title && <figcaption className="chart-title">{title}</figcaption>}
      {logY !== undefined && (
        <button
          type="button"
          className="chart-toggle"
          data-action="log-y"
          aria-pressed={log}
          disabled={!canLog}
          title={
            canLog ? "Log scale: one huge value does not flatten the rest" : "Log scale needs values above 0"
          }
          onClick={() => setWantLog((v) => !v)}
        >
          log y
        </button>
      )}
      <svg
        width={width}
        height={height}
        role="img"
        aria-label={`${title ?? yLabel} — latest ${summary}`}
        style={{ fontSize: font }}
      >
        <g transform={`translate(${m.left},${m.top})`}>
          <g ref={xAxis} transform={`translate(0,${ih})`} style={{ fontSize: font }} />
          <g ref={yAxis} style={{ fontSize: font }} />
          <text x={iw / 2} y={ih + font * 2.6} textAnchor="middle" fill="currentColor">
            {xLabel}
          </text>
          <text
            transform={`translate(${titleX},${ih / 2}) rotate(-90)`}
            textAnchor="middle"
            fill="currentColor"
            data-role="y-title"
          >
            {yLabel}
            {log ? " (log scale)" : ""}
          </text>
          {series.map((s, i) => (
            <g key={s.name}>
              <path
                d={line(s.points) ?? ""}
                fill="none"
                stroke={s.color ?? SERIES_COLORS[i % SERIES_COLORS.length]}
                strokeWidth={large ? 3.5 : 2}
                strokeDasharray={s.dashed ? "6 4" : undefined}
                strokeOpacity={s.faint ? 0.35 : undefined}
              />
              {s.dots &&
                s.points.map(([a, b]) => (
                  <circle
                    key={`${a}`}
                    cx={x(a)}
                    cy={y(b)}
                    r={large ? 5 : 3.5}
                    fill={s.color ?? SERIES_COLORS[i % SERIES_COLORS.length]}
                    fillOpacity={s.faint ? 0.35 : undefined}
                  />
                ))}
            </g>
          ))}
        </g>
      </svg>
      <ul className="legend" aria-label="Legend">
        {series.map((s, i) => (
          <li key={s.name} data-faint={s.faint ? "" : undefined}>
            <span
              className="swatch"
              style={{ background: s.color ?? SERIES_COLORS[i % SERIES_COLORS.length] }}
            />
            {s.name}
            {legendValues && s.points.length > 0 && (
              <span className="legend-value"> {s.points[s.points.length - 1][1].toFixed(4)}</span>
            )}
          </li>
        ))}
      </ul>
    </figure>
  );
}
