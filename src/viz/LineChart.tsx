// A line chart for live training curves (d3 scales and axes, SVG): labelled axes with units, a legend,
// optional log-x (LR finder) and smoothing; re-renders as points arrive.
import * as d3 from "d3";
import { useEffect, useMemo, useRef } from "react";
import { SERIES_COLORS } from "./palette";

export interface Series {
  name: string;
  points: [number, number][];
  color?: string;
  dashed?: boolean;
  /** draw dots (e.g. per-epoch values) */
  dots?: boolean;
}

interface Props {
  series: Series[];
  xLabel: string;
  yLabel: string;
  width?: number;
  height?: number;
  logX?: boolean;
  yDomain?: [number, number];
  title?: string;
  large?: boolean;
  /** show each series' latest value in the legend (live training) */
  legendValues?: boolean;
}

export function LineChart({
  series,
  xLabel,
  yLabel,
  width = 520,
  height = 260,
  logX,
  yDomain,
  title,
  large,
}: Props) {
  const xAxis = useRef<SVGGElement>(null);
  const yAxis = useRef<SVGGElement>(null);
  const font = large ? 16 : 12;
  const m = { top: 12, right: 16, bottom: font * 3 + 6, left: font * 4 + 10 };
  const iw = width - m.left - m.right;
  const ih = height - m.top - m.bottom;
  const all = series.flatMap((s) => s.points).filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y));
  const { x, y } = useMemo(() => {
    const xs = d3.extent(all, (p) => p[0]) as [number, number];
    const ys = yDomain ?? (d3.extent(all, (p) => p[1]) as [number, number]) ?? [0, 1];
    const x0 = xs[0] ?? 0;
    const x1 = xs[1] ?? 1;
    const x = (logX ? d3.scaleLog() : d3.scaleLinear())
      .domain(x0 === x1 ? [x0, x0 + 1] : [x0, x1])
      .range([0, iw]);
    const [y0, y1] = [ys[0] ?? 0, ys[1] ?? 1];
    const y = d3
      .scaleLinear()
      .domain(y0 === y1 ? [y0 - 1, y1 + 1] : [y0, y1])
      .nice()
      .range([ih, 0]);
    return { x, y };
  }, [all, iw, ih, logX, yDomain]);
  // steps and epochs are whole numbers: no ticks at 1.2, 1.4 … between them
  const integerX = !logX && all.every((p) => Number.isInteger(p[0]));
  useEffect(() => {
    const n = Math.max(2, iw / 80);
    const axis = d3.axisBottom(x).ticks(n, logX ? "~e" : "~g");
    if (integerX) axis.tickValues(x.ticks(n).filter(Number.isInteger)).tickFormat(d3.format("d"));
    if (xAxis.current) d3.select(xAxis.current).call(axis);
    if (yAxis.current) d3.select(yAxis.current).call(d3.axisLeft(y).ticks(Math.max(2, ih / 40)));
  }, [x, y, iw, ih, logX, integerX]);
  const line = d3
    .line<[number, number]>()
    .defined(([a, b]) => Number.isFinite(a) && Number.isFinite(b))
    .x((p) => x(p[0]))
    .y((p) => y(p[1]));
  const summary = series
    .map((s) => `${s.name}: ${s.points.length ? s.points[s.points.length - 1][1].toFixed(4) : "no data"}`)
    .join("; ");
  return (
    <figure className="chart" style={{ margin: 0, maxWidth: width }}>
      {title && <figcaption className="chart-title">{title}</figcaption>}
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
            transform={`translate(${-m.left + font + 2},${ih / 2}) rotate(-90)`}
            textAnchor="middle"
            fill="currentColor"
          >
            {yLabel}
          </text>
          {series.map((s, i) => (
            <g key={s.name}>
              <path
                d={line(s.points) ?? ""}
                fill="none"
                stroke={s.color ?? SERIES_COLORS[i % SERIES_COLORS.length]}
                strokeWidth={large ? 3.5 : 2}
                strokeDasharray={s.dashed ? "6 4" : undefined}
              />
              {s.dots &&
                s.points.map(([a, b]) => (
                  <circle
                    key={`${a}`}
                    cx={x(a)}
                    cy={y(b)}
                    r={large ? 5 : 3.5}
                    fill={s.color ?? SERIES_COLORS[i % SERIES_COLORS.length]}
                  />
                ))}
            </g>
          ))}
        </g>
      </svg>
      <ul className="legend" aria-label="Legend">
        {series.map((s, i) => (
          <li key={s.name}>
            <span
              className="swatch"
              style={{ background: s.color ?? SERIES_COLORS[i % SERIES_COLORS.length] }}
            />
            {s.name}
            {s.points.length > 0 && (
              <span className="legend-value"> {s.points[s.points.length - 1][1].toFixed(4)}</span>
            )}
          </li>
        ))}
      </ul>
    </figure>
  );
}
