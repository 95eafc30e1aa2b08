import { Term } from "../../viz/ui/Term";
import type { CellDef } from "../types";

export const anchorsCell: CellDef = {
  id: "anchors",
  title: "Anchor boxes: a 4×4 grid",
  prose: (
    <p>
      SSD asks each cell of a 4×4 grid to detect the object that overlaps it most. Each cell has an{" "}
      <Term explain="Also called a prior or default box: a fixed box at a known place and size. The network predicts small offsets from it, and a class for what is inside.">
        anchor box
      </Term>{" "}
      — a default box the network only has to nudge. 16 cells, one anchor each (k = 1).
    </p>
  ),
  autorun: true,
  load: async () => (await import("./run")).cell,
};
