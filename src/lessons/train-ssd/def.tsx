import type { CellDef } from "../types";

export const train_ssdCell: CellDef = {
  id: "train-ssd",
  title: "Train the SSD head",
  prose: (
    <p>
      The full SSD head: a convolution chain down to 4×4, 2×2 and 1×1 grids, each with an output convolution
      giving k = 9 anchors’ class scores and box offsets. Training runs off the main thread on the fastest
      backend your browser has.
    </p>
  ),
  load: async () => (await import("../pending")).pending("189-anchor SSD head training"),
};
