// Cell "anchors-multi": grids × zooms × ratios, fully interactive (the lesson's anc_grids/anc_zooms/anc_ratios).
import { useState } from "react";
import { useSetting } from "../../settings";
import { anchorCount, anchorScales, makeAnchors } from "../../ssd/anchors";
import anchorsSrc from "../../ssd/anchors.ts?raw";
import type { AnchorSpec } from "../../ssd/types";
import { AnchorBoxes } from "../../viz/AnchorBoxes";
import { CLASS_COLORS } from "../../viz/palette";
import { usePresenting } from "../../viz/ui/presenting";
import { displaySize } from "../common/example";
import type { CellModule } from "../types";
import { GRIDS, RATIOS, ZOOMS } from "./def";

/** The lesson's anc_grids / anc_zooms / anc_ratios, live from the cell's settings (the chips below change them). */
function useAnchorSpec(): [AnchorSpec, (spec: AnchorSpec) => void] {
  const [grids, setGrids] = useSetting(GRIDS);
  const [zooms, setZooms] = useSetting(ZOOMS);
  const [flat, setRatios] = useSetting(RATIOS);
  const ratios: [number, number][] = [];
  for (let i = 0; i + 1 < flat.length; i += 2) ratios.push([flat[i], flat[i + 1]]);
  const set = (spec: AnchorSpec) => {
    setGrids(spec.grids);
    setZooms(spec.zooms);
    setRatios(spec.ratios.flat());
  };
  return [{ grids, zooms, ratios }, set];
}

const ZOOM_CHOICES = [0.5, 0.7, 1, 1.3, 1.6, 2];
const RATIO_CHOICES: [number, number][] = [
  [1, 1],
  [1, 0.5],
  [0.5, 1],
  [1, 0.33],
  [0.33, 1],
];

function toggle<T>(xs: T[], x: T, eq: (a: T, b: T) => boolean): T[] {
  return xs.some((y) => eq(x, y)) ? xs.filter((y) => !eq(x, y)) : [...xs, x];
}

function MultiView() {
  const [spec, onSpec] = useAnchorSpec();
  const presenting = usePresenting();
  const [gridPick, setGridPick] = useState(0);
  const [cell, setCell] = useState(0);
  const a = makeAnchors(spec);
  const scales = anchorScales(spec);
  const gi = Math.min(gridPick, spec.grids.length - 1);
  const grid = spec.grids[gi];
  const c = Math.min(cell, grid * grid - 1);
  const before = spec.grids.slice(0, gi).reduce((s, g) => s + g * g, 0) * a.k;
  const first = before + c * a.k;
  const size = displaySize(presenting, 420);
  const marks = a.corners.slice(first, first + a.k).map((corners, j) => ({
    corners,
    color: CLASS_COLORS[j % CLASS_COLORS.length],
    bold: true,
    label: presenting || a.k <= 9 ? String(first + j) : undefined,
  }));
  const eqPair = (x: [number, number], y: [number, number]) => x[0] === y[0] && x[1] === y[1];
  return (
    <div className="row">
      <AnchorBoxes
        size={size}
        grid={grid}
        highlightCell={c}
        onCell={setCell}
        large={presenting}
        marks={marks}
        label={`${grid} by ${grid} grid; the ${a.k} anchors of cell ${c}`}
      />
      <div className="numbers">
        <p className="big-count" data-role="anchor-count">
          k = {spec.zooms.length} zooms × {spec.ratios.length} ratios = <b>{a.k}</b> per cell; (
          {spec.grids.map((g) => `${g}×${g}`).join(" + ")}) × {a.k} = <b>{anchorCount(spec)}</b> anchors
        </p>
        <div role="group" aria-label="Grid to show" className="chips">
          <span>Grid:</span>
          {spec.grids.map((g, i) => (
            <button type="button" key={g} aria-pressed={i === gi} onClick={() => setGridPick(i)}>
              {g}×{g}
            </button>
          ))}
        </div>
        <div role="group" aria-label="Zooms" className="chips">
          <span>Zooms:</span>
          {ZOOM_CHOICES.map((z) => (
            <button
              type="button"
              key={z}
              aria-pressed={spec.zooms.includes(z)}
              disabled={spec.zooms.length === 1 && spec.zooms.includes(z)}
              onClick={() =>
                onSpec({ ...spec, zooms: toggle(spec.zooms, z, (p, q) => p === q).sort((p, q) => p - q) })
              }
            >
              {z}
            </button>
          ))}
        </div>
        <div role="group" aria-label="Aspect ratios (height, width)" className="chips">
          <span>Ratios:</span>
          {RATIO_CHOICES.map((r) => (
            <button
              type="button"
              key={r.join(":")}
              aria-pressed={spec.ratios.some((q) => eqPair(q, r))}
              disabled={spec.ratios.length === 1 && spec.ratios.some((q) => eqPair(q, r))}
              onClick={() => onSpec({ ...spec, ratios: toggle(spec.ratios, r, eqPair) })}
            >
              {r[0]}:{r[1]}
            </button>
          ))}
        </div>
        <table className="num-table">
          <caption>The {a.k} anchors of this cell (anchor_scales = zoom × ratio, ÷ grid)</caption>
          <thead>
            <tr>
              <th>#</th>
              <th>zoom×ratio</th>
              <th>h, w</th>
            </tr>
          </thead>
          <tbody>
            {scales.map(([h, w], j) => (
              <tr key={`${h}-${w}-${first + j}`}>
                <td>
                  <span
                    className="swatch-box"
                    style={{ borderColor: CLASS_COLORS[j % CLASS_COLORS.length] }}
                  />
                  {first + j}
                </td>
                <td>
                  ({h.toFixed(2)}, {w.toFixed(2)})
                </td>
                <td>
                  {(h / grid).toFixed(3)}, {(w / grid).toFixed(3)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

export const cell: CellModule = {
  sources: [{ name: "src/ssd/anchors.ts", code: anchorsSrc }],
  async run(ctx) {
    ctx.render(<MultiView />);
    return undefined;
  },
};
