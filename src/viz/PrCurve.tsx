// Precision–recall curves (d3 scales and axes, SVG) on fixed 0..1 axes: one raw curve per class, and for the
// first curve the monotone precision envelope (all-point AP is the area under it) and the 11 VOC07 points.
import * as d3 from "d3";
import { useEffect, useRef } from "react";

export interface PrSeries {
  name: string;
  color: string;
  recall: number[];
  precision: number[];
}

interface Props {
  curves: PrSeries[];
  width?: number;
  height?: number;
  large?: boolean;
  title?: string;
}

/** The precision envelope: at each recall, the best precision at that recall or beyond (the devkit's mpre). */
export function envelope(recall: number[], precision: number[]): [number, number][] {
  const r = [0, ...recall, recall[recall.length - 1] ?? 0];
  const p = [0, ...precision, 0];
  for (let i = p.length - 1; i > 0; i--) p[i - 1] = Math.max(p[i - 1], p[i]);
  const pts: [number, number][] = [];
  for (let i = 0; i + 1 < r.length; i++) pts.push([r[i], p[i + 1]], [r[i + 1], p[i + 1]]);
  return pts;
}

/** VOC07: precision interpolated at recall 0, 0.1, …, 1 (the max precision at recall ≥ t). */
export function elevenPoints(recall: number[], precision: number[]): [number, number][] {
  return Array.from({ length: 11 }, (_, k) => {
    const t = k / 10;
    let best = 0;
    recall.forEach((v, i) => {
      if (v >= t && precision[i] > best) best = precision[i];
    });
    return [t, best];
  });
}

export function PrCurve({ curves, width = 420, height = 320, large, title }: Props) {
  const xAxis = useRef<SVGGElement>(null);
  const yAxis = useRef<SVGGElement>(null);
  const font = large ? 20 : 12;
  const m = { top: 10, right: 16, bottom: font * 3 + 6, left: font * 4 + 6 };
  const iw = width - m.left - m.right;
  const ih = height - m.top - m.bottom;
  const x = d3.scaleLinear().domain([0, 1]).range([0, iw]);
  const y = d3.scaleLinear().domain([0, 1]).range([ih, 0]);
  useEffect(() => {
    if (xAxis.current) d3.select(xAxis.current).call(d3.axisBottom(x).ticks(5));
    if (yAxis.current) d3.select(yAxis.current).call(d3.axisLeft(y).ticks(5));
  }, [x, y]);
  const line = d3
    .line<[number, number]>()
    .x((p) => x(p[0]))
    .y((p) => y(p[1]));
  const area = d3
    .area<[number, number]>()
    .x((p) => x(p[0]))
    .y0(y(0))
    .y1((p) => y(p[1]));
  const first = curves[0];
  return (
    <figure className="chart" style={{ margin: 0 }}>
      {title && <figcaption className="chart-title">{title}</figcaption>}
      <svg
        width={width}
        height={height}
        role="img"
        aria-label={`Precision–recall curves: ${curves.map((c) => `${c.name} (${c.recall.length} points)`).join(", ")}`}
        style={{ fontSize: font }}
        data-role="pr-curve"
      >
        <g transform={`translate(${m.left},${m.top})`}>
          <g ref={xAxis} transform={`translate(0,${ih})`} style={{ fontSize: font }} />
          <g ref={yAxis} style={{ fontSize: font }} />
          <text x={iw / 2} y={ih + font * 2.6} textAnchor="middle" fill="currentColor">
            recall (fraction of objects found)
          </text>
          <text
            transform={`translate(${-m.left + font + 2},${ih / 2}) rotate(-90)`}
            textAnchor="middle"
            fill="currentColor"
          >
            precision (fraction correct)
          </text>
          {first && first.recall.length > 0 && (
            <g data-role="envelope">
              <path
                d={area(envelope(first.recall, first.precision)) ?? ""}
                fill={first.color}
                fillOpacity={0.12}
              />
              <path
                d={line(envelope(first.recall, first.precision)) ?? ""}
                fill="none"
                stroke={first.color}
                strokeDasharray="5 4"
                strokeWidth={large ? 2 : 1.2}
              />
              {elevenPoints(first.recall, first.precision).map(([r, p]) => (
                <circle
                  key={r}
                  cx={x(r)}
                  cy={y(p)}
                  r={large ? 5 : 3.5}
                  fill="#fff"
                  stroke={first.color}
                  strokeWidth={2}
                />
              ))}
            </g>
          )}
          {curves.map((c) => (
            <path
              key={c.name}
              data-series={c.name}
              d={line(c.recall.map((r, i) => [r, c.precision[i]] as [number, number])) ?? ""}
              fill="none"
              stroke={c.color}
              strokeWidth={large ? 3.5 : 2}
            />
          ))}
        </g>
      </svg>
      <ul className="legend" aria-label="Legend">
        {curves.map((c) => (
          <li key={c.name}>
            <span className="swatch" style={{ background: c.color }} />
            {c.name}
          </li>
        ))}
        {first && (
          <li>
            <span className="swatch-box" style={{ borderColor: first.color, borderStyle: "dashed" }} />
            {first.name}: precision envelope (shaded area = all-point AP); circles = VOC07's 11 points
          </li>
        )}
      </ul>
    </figure>
  );
}
