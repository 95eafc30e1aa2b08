// Cell "anchors": the 4×4 grid of anchors (k = 1), the lesson's `anchors`, `grid_sizes`, `anchor_cnr`.
import { useState } from "react";
import { makeAnchors } from "../../ssd/anchors";
import anchorsSrc from "../../ssd/anchors.ts?raw";
import { ANCHORS_4x4 } from "../../ssd/types";
import { AnchorBoxes } from "../../viz/AnchorBoxes";
import { classColor } from "../../viz/palette";
import { usePresenting } from "../../viz/ui/presenting";
import { displaySize, SZ, WORKED_EXAMPLE } from "../common/example";
import type { CellModule } from "../types";

const fmt = (xs: number[]) => `[${xs.map((v) => v.toFixed(4)).join(", ")}]`;

function AnchorsView() {
  const presenting = usePresenting();
  const a = makeAnchors(ANCHORS_4x4);
  const [cell, setCell] = useState<number>(5);
  const size = displaySize(presenting, 420);
  return (
    <div className="row">
      <AnchorBoxes
        size={size}
        grid={4}
        highlightCell={cell}
        onCell={setCell}
        large={presenting}
        label={`4 by 4 grid of ${a.anchors.length} anchors over the worked example`}
        marks={[
          ...WORKED_EXAMPLE.map((o) => ({
            corners: o.box.map((v) => v / SZ),
            color: classColor(o.cls),
            label: o.name,
            bold: true,
          })),
          ...a.corners.map((c, i) => ({
            corners: c,
            color: i === cell ? "#ff2d95" : "#555",
            label: i === cell ? `anchor ${i}` : undefined,
            bold: i === cell,
            dashed: i === cell,
          })),
        ]}
      />
      <div className="numbers" data-role="anchor-numbers">
        <p>
          <b>{a.anchors.length}</b> anchors, <b>k = {a.k}</b> per cell. Click a cell (or Tab to it).
        </p>
        <table className="num-table">
          <caption>Anchor {cell} — what the model's outputs for this cell are relative to</caption>
          <tbody>
            <tr>
              <th scope="row">anchors[{cell}] (ctr_r, ctr_c, h, w)</th>
              <td>
                <code>{fmt(a.anchors[cell])}</code>
              </td>
            </tr>
            <tr>
              <th scope="row">anchor_cnr[{cell}] (top, left, bottom, right)</th>
              <td>
                <code>{fmt(a.corners[cell])}</code>
              </td>
            </tr>
            <tr>
              <th scope="row">grid_sizes[{cell}]</th>
              <td>
                <code>{a.gridSizes[cell].toFixed(4)}</code>
              </td>
            </tr>
            <tr>
              <th scope="row">in pixels of a 224 image</th>
              <td>
                <code>[{a.corners[cell].map((v) => Math.round(v * SZ)).join(", ")}]</code>
              </td>
            </tr>
          </tbody>
        </table>
        <p className="hint">
          Rows come first: an anchor is (row, column), like the boxes. The lesson's <code>anc_x</code> is the
          row.
        </p>
      </div>
    </div>
  );
}

export const cell: CellModule = {
  sources: [{ name: "src/ssd/anchors.ts", code: anchorsSrc }],
  async run(ctx) {
    ctx.render(<AnchorsView />);
    return undefined;
  },
};
