// A matrix as a heat map with its numbers (e.g. the IoU of every object with every anchor).
import * as d3 from "d3";

interface Props {
  values: number[][];
  rowLabels: string[];
  colLabels: string[];
  /** cells to outline (e.g. the positives) as [row, col] */
  marked?: [number, number][];
  domain?: [number, number];
  cell?: number;
  digits?: number;
  title: string;
  large?: boolean;
}

export function Heatmap({
  values,
  rowLabels,
  colLabels,
  marked = [],
  domain = [0, 1],
  cell = 34,
  digits = 2,
  title,
  large,
}: Props) {
  const font = large ? 20 : 10.5;
  // presenting: each square holds its number at 20 px (the back row reads it)
  const c = large ? Math.max(cell * 1.4, font * (digits + 2) * 0.62 + 8) : cell;
  const left = Math.max(...rowLabels.map((r) => r.length)) * font * 0.62 + 8;
  const top = font * 2.2;
  const color = d3.scaleSequential(d3.interpolateViridis).domain(domain);
  const mk = new Set(marked.map(([r, k]) => `${r},${k}`));
  const w = left + colLabels.length * c + 4;
  const h = top + rowLabels.length * c + 4;
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: it scrolls sideways when wide; the keyboard must reach it
    <figure style={{ margin: 0, overflowX: "auto" }} tabIndex={0} aria-label={title}>
      <figcaption className="chart-title">{title}</figcaption>
      <svg width={w} height={h} role="img" aria-label={title} style={{ fontSize: font }}>
        {colLabels.map((l, j) => (
          <text key={l} x={left + j * c + c / 2} y={top - 6} textAnchor="middle" fill="currentColor">
            {l}
          </text>
        ))}
        {values.map((row, i) => (
          <g key={rowLabels[i]}>
            <text x={left - 6} y={top + i * c + c / 2 + font / 3} textAnchor="end" fill="currentColor">
              {rowLabels[i]}
            </text>
            {row.map((v, j) => {
              const k = `${i},${j}`;
              return (
                <g key={k}>
                  <rect
                    x={left + j * c}
                    y={top + i * c}
                    width={c - 1}
                    height={c - 1}
                    fill={color(Math.min(domain[1], v))}
                  />
                  {mk.has(k) && (
                    <rect
                      x={left + j * c + 1.5}
                      y={top + i * c + 1.5}
                      width={c - 4}
                      height={c - 4}
                      fill="none"
                      stroke="#ff2d95"
                      strokeWidth={3}
                    />
                  )}
                  <text
                    x={left + j * c + c / 2}
                    y={top + i * c + c / 2 + font / 3}
                    textAnchor="middle"
                    fill={v > (domain[0] + domain[1]) / 2 ? "#000" : "#fff"}
                  >
                    {v.toFixed(digits).replace(/^0\./, ".")}
                  </text>
                </g>
              );
            })}
          </g>
        ))}
      </svg>
    </figure>
  );
}
