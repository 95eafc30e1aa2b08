import type { CellDef } from "../types";

export const anchors_multiCell: CellDef = {
  id: "anchors-multi",
  title: "More anchors: grids, zooms and ratios",
  prose: (
    <p>
      A single 4×4 grid cannot fit big objects or tall thin ones. The lesson uses three grids (4×4, 2×2, 1×1)
      and, for each cell, 3 zooms × 3 aspect ratios = 9 anchors: 9 × (16 + 4 + 1) = 189 anchors.
    </p>
  ),
  load: async () => (await import("../pending")).pending("multi-scale anchors"),
};
