import type { CellDef } from "../types";

export const anchorsCell: CellDef = {
  id: "anchors",
  title: "Anchor boxes: a 4×4 grid",
  prose: (
    <p>
      SSD asks each cell of a 4×4 grid to detect the object that overlaps it most. Each cell has an{" "}
      <b>anchor box</b> — a default box the network only has to nudge. 16 cells, one anchor each (k = 1).
    </p>
  ),
  autorun: true,
  load: async () => (await import("./run")).cell,
};
