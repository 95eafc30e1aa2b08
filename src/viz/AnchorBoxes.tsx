// Anchor boxes drawn over a square image area: grid lines for one grid, every anchor faint, the chosen
// cell's k anchors bold, and (optionally) anchors coloured by what they matched. Coordinates are fractions.
// With onCell the grid is one tab stop: the arrow keys move between cells (row-major), like a chart's rows.
import { type KeyboardEvent, type ReactNode, useRef } from "react";

export interface AnchorMark {
  /** corners [r0, c0, r1, c1], fractions of the image */
  corners: number[];
  color: string;
  label?: string;
  bold?: boolean;
  dashed?: boolean;
}

interface Props {
  size: number;
  grid: number;
  marks: AnchorMark[];
  /** a cell of `grid` to highlight, row-major */
  highlightCell?: number | null;
  onCell?(cell: number): void;
  background?: ReactNode;
  large?: boolean;
  label: string;
  children?: ReactNode;
}

export function AnchorBoxes({
  size,
  grid,
  marks,
  highlightCell,
  onCell,
  background,
  large,
  label,
  children,
}: Props) {
  const step = size / grid;
  const font = large ? 22 : 14;
  const hits = useRef<(SVGRectElement | null)[]>([]);
  const current = highlightCell !== null && highlightCell !== undefined ? highlightCell : 0;
  const moveKey = (e: KeyboardEvent, cell: number) => {
    const r = Math.floor(cell / grid);
    const c = cell % grid;
    const to = {
      ArrowRight: r * grid + Math.min(grid - 1, c + 1),
      ArrowLeft: r * grid + Math.max(0, c - 1),
      ArrowDown: Math.min(grid - 1, r + 1) * grid + c,
      ArrowUp: Math.max(0, r - 1) * grid + c,
      Home: 0,
      End: grid * grid - 1,
    }[e.key];
    if (to === undefined) return false;
    e.preventDefault();
    e.stopPropagation();
    hits.current[to]?.focus();
    return true;
  };
  return (
    // Anchors can reach outside the image (zoom 1.3 on the 1×1 grid): leave room around it.
    <div style={{ position: "relative", width: size, height: size, margin: size * 0.08 }}>
      {background}
      <svg
        width={size}
        height={size}
        style={{ position: "absolute", inset: 0, overflow: "visible" }}
        // focusable parts (grid cells, draggable boxes) cannot live inside a role="img"
        role={onCell || children ? "group" : "img"}
        aria-label={onCell ? `${label} (arrow keys move between grid cells)` : label}
        data-arrow-keys={onCell ? "" : undefined}
      >
        <rect x={0} y={0} width={size} height={size} fill="none" stroke="#333" strokeWidth={1.5} />
        {Array.from({ length: grid - 1 }, (_, i) => (i + 1) * step).map((p) => (
          <g key={p} stroke="#333" strokeOpacity={0.55} strokeWidth={1}>
            <line x1={p} y1={0} x2={p} y2={size} />
            <line x1={0} y1={p} x2={size} y2={p} />
          </g>
        ))}
        {highlightCell !== null && highlightCell !== undefined && (
          <rect
            x={(highlightCell % grid) * step}
            y={Math.floor(highlightCell / grid) * step}
            width={step}
            height={step}
            fill="#ffb000"
            fillOpacity={0.18}
          />
        )}
        {marks.map((m, i) => {
          const [r0, c0, r1, c1] = m.corners;
          return (
            <g key={i}>
              <rect
                x={c0 * size}
                y={r0 * size}
                width={(c1 - c0) * size}
                height={(r1 - r0) * size}
                fill="none"
                stroke={m.color}
                strokeWidth={m.bold ? (large ? 4 : 2.5) : 1}
                strokeOpacity={m.bold ? 1 : 0.45}
                strokeDasharray={m.dashed ? "5 4" : undefined}
              />
              {m.label && (
                <text
                  x={c0 * size + 3}
                  y={r0 * size + font}
                  fontSize={font}
                  fontWeight={700}
                  fill="#fff"
                  stroke="#000"
                  strokeWidth={2.5}
                  paintOrder="stroke"
                >
                  {m.label}
                </text>
              )}
            </g>
          );
        })}
        {onCell &&
          Array.from({ length: grid * grid }, (_, cell) => (
            <rect
              key={`hit-${cell}`}
              ref={(el) => {
                hits.current[cell] = el;
              }}
              role="button"
              tabIndex={cell === current ? 0 : -1}
              aria-label={`grid cell row ${Math.floor(cell / grid) + 1}, column ${(cell % grid) + 1}`}
              x={(cell % grid) * step}
              y={Math.floor(cell / grid) * step}
              width={step}
              height={step}
              fill="transparent"
              onClick={() => onCell(cell)}
              onFocus={() => onCell(cell)}
              onKeyDown={(e) => {
                if (moveKey(e, cell)) return;
                if (e.key === "Enter" || e.key === " ") onCell(cell);
              }}
            />
          ))}
        {children}
      </svg>
    </div>
  );
}
