// Ground-truth boxes a student can move and resize: drag the body to move, drag the corner handle to
// resize; with the keyboard, focus a box and use the arrows (Shift+arrows resize). Pixel boxes [t, l, b, r].
import { useRef } from "react";
import type { Box } from "../ssd/types";

export interface EditableBox {
  box: Box;
  color: string;
  label: string;
}

interface Props {
  boxes: EditableBox[];
  /** the image side in pixels (boxes' units) and on screen */
  imageSize: number;
  size: number;
  onChange(index: number, box: Box): void;
  large?: boolean;
}

function clampBox([t, l, b, r]: Box, n: number): Box {
  const h = Math.max(4, b - t);
  const w = Math.max(4, r - l);
  const t2 = Math.min(Math.max(0, t), n - 1 - h);
  const l2 = Math.min(Math.max(0, l), n - 1 - w);
  return [t2, l2, t2 + h, l2 + w];
}

export function DraggableBoxes({ boxes, imageSize, size, onChange, large }: Props) {
  const drag = useRef<{ i: number; mode: "move" | "resize"; x: number; y: number; box: Box } | null>(null);
  const k = size / imageSize;
  const move = (e: React.PointerEvent) => {
    const d = drag.current;
    if (!d) return;
    const dy = (e.clientY - d.y) / k;
    const dx = (e.clientX - d.x) / k;
    const [t, l, b, r] = d.box;
    const nb: Box =
      d.mode === "move"
        ? [t + dy, l + dx, b + dy, r + dx]
        : [
            t,
            l,
            Math.min(imageSize - 1, Math.max(t + 4, b + dy)),
            Math.min(imageSize - 1, Math.max(l + 4, r + dx)),
          ];
    onChange(d.i, clampBox(nb.map(Math.round) as Box, imageSize));
  };
  const start = (i: number, mode: "move" | "resize") => (e: React.PointerEvent) => {
    e.preventDefault();
    e.stopPropagation();
    (e.target as Element).setPointerCapture(e.pointerId);
    drag.current = { i, mode, x: e.clientX, y: e.clientY, box: boxes[i].box };
  };
  const end = () => {
    drag.current = null;
  };
  const handle = large ? 14 : 10;
  return (
    <g onPointerMove={move} onPointerUp={end} onPointerCancel={end}>
      {boxes.map((b, i) => {
        const [t, l, bo, r] = b.box;
        return (
          <g key={b.label}>
            <rect
              role="button"
              tabIndex={0}
              aria-label={`${b.label}: box top ${t}, left ${l}, bottom ${bo}, right ${r}. Arrows move it, Shift+arrows resize.`}
              x={l * k}
              y={t * k}
              width={(r - l) * k}
              height={(bo - t) * k}
              fill={b.color}
              fillOpacity={0.12}
              stroke={b.color}
              strokeWidth={large ? 4 : 3}
              style={{ cursor: "move", touchAction: "none" }}
              onPointerDown={start(i, "move")}
              onKeyDown={(e) => {
                const step = e.altKey ? 1 : 4;
                const d = {
                  ArrowUp: [-step, 0],
                  ArrowDown: [step, 0],
                  ArrowLeft: [0, -step],
                  ArrowRight: [0, step],
                }[e.key];
                if (!d) return;
                e.preventDefault();
                e.stopPropagation();
                const nb: Box = e.shiftKey
                  ? [t, l, bo + d[0], r + d[1]]
                  : [t + d[0], l + d[1], bo + d[0], r + d[1]];
                onChange(i, clampBox(nb, imageSize));
              }}
            />
            <rect
              x={r * k - handle / 2}
              y={bo * k - handle / 2}
              width={handle}
              height={handle}
              fill="#fff"
              stroke={b.color}
              strokeWidth={2}
              style={{ cursor: "nwse-resize", touchAction: "none" }}
              onPointerDown={start(i, "resize")}
            />
            <text
              x={l * k + 4}
              y={t * k - 5}
              fontSize={large ? 20 : 14}
              fontWeight={700}
              fill={b.color}
              stroke="#fff"
              strokeWidth={3}
              paintOrder="stroke"
              pointerEvents="none"
            >
              {b.label}
            </text>
          </g>
        );
      })}
    </g>
  );
}
