// A horizontal bar chart for counts per class (d3 scales and axes, SVG): one row per class in its class
// colour, up to two series per row (the second drawn lighter and outlined), a labelled count axis, a legend,
// and hover/focus/click on a row (e.g. to jump to an image of that class). The chart is one tab stop: the
// arrow keys (and Home/End) move between rows, each row's numbers show on focus as on hover.
import * as d3 from "d3";
import { useEffect, useRef, useState } from "react";
import { usePresenting } from "./ui/presenting";

export interface Bar {
  label: string;
  /** one value per series */
  values: number[];
  color: string;
}

interface Props {
  bars: Bar[];
  /** series names, in the order of each bar's values (one or two) */
  series: string[];
  /** the count axis' label, with its unit */
  xLabel: string;
  title?: string;
  width?: number;
  large?: boolean;
  /** click (or Enter) on a row */
  onSelect?(index: number): void;
  /** a short hint shown under the chart when rows can be clicked */
  selectHint?: string;
}

/** Keys that move between rows: the new row's index. */
const ROW_KEYS: Record<string, (i: number, n: number) => number> = {
  ArrowDown: (i) => i + 1,
  ArrowRight: (i) => i + 1,
  ArrowUp: (i) => i - 1,
  ArrowLeft: (i) => i - 1,
  Home: () => 0,
  End: (_, n) => n - 1,
};

export function BarChart({
  bars,
  series,
  xLabel,
  title,
  width = 420,
  large: largeProp,
  onSelect,
  selectHint,
}: Props) {
  // presentation mode makes every chart large, whether or not its cell asked
  const presenting = usePresenting();
  const large = largeProp ?? presenting;
  const axis = useRef<SVGGElement>(null);
  const [hover, setHover] = useState<number | null>(null);
  // roving tabindex: one row is in the tab order, the arrow keys move focus between rows
  const [active, setActive] = useState(0);
  const rows = useRef<(SVGGElement | null)[]>([]);
  const focusRow = (i: number) => {
    const j = Math.max(0, Math.min(bars.length - 1, i));
    setActive(j);
    rows.current[j]?.focus();
  };
  const font = large ? 20 : 12.5;
  const band = large ? 30 : 18;
  const labelWidth = Math.ceil(Math.max(4, ...bars.map((b) => b.label.length)) * font * 0.6) + 10;
  const m = { top: 6, right: Math.ceil(font * 5), bottom: font * 2.8 + 8, left: labelWidth };
  const iw = Math.max(60, width - m.left - m.right);
  const ih = bars.length * band;
  const height = m.top + ih + m.bottom;
  const max = Math.max(1, ...bars.flatMap((b) => b.values));
  const x = d3.scaleLinear().domain([0, max]).nice().range([0, iw]);
  const y = d3
    .scaleBand<number>()
    .domain(bars.map((_, i) => i))
    .range([0, ih])
    .paddingInner(0.18);
  const sub = d3
    .scaleBand<number>()
    .domain(series.map((_, i) => i))
    .range([0, y.bandwidth()])
    .paddingInner(0.08);
  useEffect(() => {
    if (axis.current)
      d3.select(axis.current)
        .call(
          d3
            .axisBottom(x)
            .ticks(Math.max(2, Math.floor(iw / 70)))
            .tickFormat(d3.format("~d")),
        )
        .attr("font-size", font); // d3's axis sets 10px; keep it legible (presentation mode too)
  }, [x, iw, font]);
  const h = hover !== null ? bars[hover] : null;
  const summary = bars.map((b) => `${b.label} ${b.values.join("/")}`).join(", ");
  return (
    <figure className="chart bar-chart" style={{ margin: 0 }}>
      {title && <figcaption className="chart-title">{title}</figcaption>}
      <svg
        width={width}
        height={height}
        role="group"
        data-arrow-keys=""
        aria-label={`${title ?? "Bar chart"} (arrow keys move between rows): ${summary}`}
      >
        <g transform={`translate(${m.left},${m.top})`}>
          {x.ticks(Math.max(2, Math.floor(iw / 70))).map((t) => (
            <line key={t} x1={x(t)} x2={x(t)} y1={0} y2={ih} stroke="#e3e7ed" />
          ))}
          {bars.map((b, i) => {
            const y0 = y(i) ?? 0;
            return (
              <g
                key={i}
                ref={(el) => {
                  rows.current[i] = el;
                }}
                data-bar={b.label}
                role={onSelect ? "button" : "img"}
                tabIndex={i === Math.min(active, bars.length - 1) ? 0 : -1}
                aria-label={`${b.label}: ${b.values.map((v, k) => `${v} ${series[k]}`).join(", ")}`}
                style={{ cursor: onSelect ? "pointer" : undefined }}
                onMouseEnter={() => setHover(i)}
                onMouseLeave={() => setHover(null)}
                onFocus={() => {
                  setHover(i);
                  setActive(i);
                }}
                onBlur={() => setHover(null)}
                onClick={() => onSelect?.(i)}
                onKeyDown={(e) => {
                  const to = ROW_KEYS[e.key]?.(i, bars.length);
                  if (to !== undefined) {
                    e.preventDefault();
                    e.stopPropagation(); // the notebook's ↑/↓ move between cells: not while in a chart
                    focusRow(to);
                  } else if (onSelect && (e.key === "Enter" || e.key === " ")) {
                    e.preventDefault();
                    onSelect(i);
                  }
                }}
              >
                <rect
                  x={-m.left}
                  y={y0 - 1}
                  width={m.left + iw + m.right}
                  height={y.bandwidth() + 2}
                  fill={hover === i ? "#eef3fb" : "transparent"}
                />
                <text
                  x={-8}
                  y={y0 + y.bandwidth() / 2}
                  dy="0.35em"
                  textAnchor="end"
                  fontSize={font}
                  fill="currentColor"
                >
                  {b.label}
                </text>
                {b.values.map((v, k) => (
                  <rect
                    key={k}
                    x={0}
                    y={y0 + (sub(k) ?? 0)}
                    width={Math.max(0, x(v))}
                    height={sub.bandwidth()}
                    fill={b.color}
                    fillOpacity={k === 0 ? 1 : 0.3}
                    stroke={k === 0 ? "none" : b.color}
                    strokeWidth={1.5}
                  />
                ))}
                <text
                  x={x(Math.max(...b.values)) + 4}
                  y={y0 + y.bandwidth() / 2}
                  dy="0.35em"
                  fontSize={large ? font : font * 0.9}
                  fill="currentColor"
                  style={{ fontVariantNumeric: "tabular-nums" }}
                >
                  {b.values.join(" / ")}
                </text>
              </g>
            );
          })}
          <g ref={axis} transform={`translate(0,${ih})`} fontSize={font} />
          <text x={iw / 2} y={ih + font * 2.6} textAnchor="middle" fontSize={font} fill="currentColor">
            {xLabel}
          </text>
        </g>
      </svg>
      {series.length > 1 && (
        <ul className="legend">
          {series.map((s, k) => (
            <li key={s}>
              <span
                className="swatch-box"
                style={{
                  borderColor: "#555",
                  background: k === 0 ? "#555" : "rgba(85,85,85,0.3)",
                }}
              />
              {s}
            </li>
          ))}
        </ul>
      )}
      <p className="box-card" aria-live="polite">
        {h
          ? `${h.label}: ${h.values.map((v, k) => `${v} ${series[k]}`).join(", ")}`
          : (selectHint ?? "\u00a0")}
      </p>
    </figure>
  );
}
