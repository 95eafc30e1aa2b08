import { defineSetting } from "../../settings";
import type { CellDef } from "../types";

export const GRIDS = defineSetting({ kind: "list", name: "grids", label: "Grids", default: [4, 2, 1] });
export const ZOOMS = defineSetting({ kind: "list", name: "zooms", label: "Zooms", default: [0.7, 1, 1.3] });
export const RATIOS = defineSetting({
  kind: "list",
  name: "ratios",
  label: "Ratios (h,w pairs)",
  default: [1, 1, 1, 0.5, 0.5, 1],
});

export const anchorsMultiCell: CellDef = {
  id: "anchors-multi",
  title: "More anchors: grids, zooms and ratios",
  prose: (
    <p>
      A single 4×4 grid cannot fit big objects or tall thin ones. The lesson uses three grids (4×4, 2×2, 1×1)
      and, for each cell, 3 zooms × 3 aspect ratios = 9 anchors: 9 × (16 + 4 + 1) = 189 anchors.
    </p>
  ),
  settings: [GRIDS, ZOOMS, RATIOS],
  autorun: true,
  load: async () => (await import("./run")).cell,
};
