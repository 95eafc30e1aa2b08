// An image with boxes drawn on it, the lesson's way: a coloured outline with a dark halo, and the label
// at the box's top-left in bold. Hover a box for its class, size and flags; from the keyboard the picture is one
// tab stop, and the arrow keys step through its boxes showing the same card.
import { type KeyboardEvent, type ReactNode, useState } from "react";
import type { RgbaImage } from "../data/types";
import type { Box } from "../ssd/types";
import { RgbaCanvas } from "./RgbaCanvas";
import { usePresenting } from "./ui/presenting";

export interface DrawnBox {
  /** [top, left, bottom, right] in the image's pixels (inclusive corners) */
  box: Box;
  label?: string;
  color: string;
  dashed?: boolean;
  /** extra detail for the hover card */
  detail?: string;
  /** thin and faint (e.g. an anchor) */
  faint?: boolean;
}

interface Props {
  image: RgbaImage;
  boxes: DrawnBox[];
  /** display width in CSS pixels (height follows the aspect ratio) */
  width: number;
  caption?: ReactNode;
  /** strokes and labels scale up in presentation mode */
  large?: boolean;
  children?: ReactNode;
}

export function ImageBoxes({ image, boxes, width, caption, large: largeProp, children }: Props) {
  // presentation mode: labels readable from the back row, even on thumbnails
  const presenting = usePresenting();
  const large = largeProp ?? presenting;
  const [hover, setHover] = useState<number | null>(null);
  const s = width / image.width;
  const height = Math.round(image.height * s);
  const stroke = large ? 4 : 2.5;
  const font = large ? 20 : 13;
  const label = `Image ${image.width}×${image.height} with ${boxes.length} boxes: ${boxes.map((b) => b.label).join(", ")}`;
  const h = hover !== null ? boxes[hover] : null;
  const n = boxes.length;
  const onKey = (e: KeyboardEvent<HTMLDivElement>) => {
    const step = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 }[e.key];
    if (step !== undefined && n > 0) {
      e.preventDefault();
      e.stopPropagation(); // the notebook's ↑/↓ move between cells: not while stepping through boxes
      setHover((hv) => (hv === null ? (step > 0 ? 0 : n - 1) : (hv + step + n) % n));
    } else if (e.key === "Home" && n > 0) setHover(0);
    else if (e.key === "End" && n > 0) setHover(n - 1);
    else if (e.key === "Escape") setHover(null);
  };
  return (
    <figure className="image-boxes" style={{ width, margin: 0 }}>
      <div
        style={{ position: "relative", width, height }}
        className="boxes-focus"
        role="group"
        aria-label={n > 0 ? `${label}. Arrow keys step through the boxes.` : label}
        tabIndex={n > 0 ? 0 : undefined}
        data-arrow-keys=""
        onFocus={(e) => {
          if (e.target === e.currentTarget && n > 0) setHover((hv) => hv ?? 0);
        }}
        onBlur={(e) => {
          if (e.target === e.currentTarget) setHover(null);
        }}
        onKeyDown={onKey}
      >
        <RgbaCanvas image={image} width={width} height={height} label={label} />
        <svg width={width} height={height} style={{ position: "absolute", inset: 0 }} aria-hidden="true">
          {boxes.map((b, i) => {
            const [t, l, bo, r] = b.box;
            const x = l * s;
            const y = t * s;
            const w = (r - l + 1) * s;
            const hh = (bo - t + 1) * s;
            const sw = b.faint ? 1.2 : stroke;
            return (
              <g
                key={i}
                onMouseEnter={() => setHover(i)}
                onMouseLeave={() => setHover(null)}
                style={{ pointerEvents: "all" }}
              >
                {!b.faint && (
                  <rect
                    x={x}
                    y={y}
                    width={w}
                    height={hh}
                    fill="none"
                    stroke="#000"
                    strokeOpacity={0.75}
                    strokeWidth={sw + 2.5}
                  />
                )}
                <rect
                  x={x}
                  y={y}
                  width={w}
                  height={hh}
                  fill={hover === i ? b.color : "none"}
                  fillOpacity={0.15}
                  stroke={b.color}
                  strokeWidth={sw}
                  strokeDasharray={b.dashed ? "6 4" : undefined}
                  opacity={b.faint ? 0.7 : 1}
                />
                {b.label && (
                  <text
                    x={x + 3}
                    y={y + font + 1}
                    fontSize={font}
                    fontWeight={700}
                    fill="#fff"
                    stroke="#000"
                    strokeWidth={3}
                    paintOrder="stroke"
                  >
                    {b.label}
                  </text>
                )}
              </g>
            );
          })}
        </svg>
        {children}
      </div>
      {h && (
        <div className="box-card" role="status" data-role="box-card">
          <strong>{h.label}</strong> · box [{h.box.map((v) => Math.round(v)).join(", ")}] ·{" "}
          {Math.round(h.box[3] - h.box[1] + 1)}×{Math.round(h.box[2] - h.box[0] + 1)} px
          {h.detail ? ` · ${h.detail}` : ""}
        </div>
      )}
      {caption && <figcaption>{caption}</figcaption>}
    </figure>
  );
}
