import type { CellDef } from "../types";

export const train_4x4Cell: CellDef = {
  id: "train-4x4",
  title: "Train the 4×4 SSD head",
  prose: (
    <p>
      Train the 16-anchor head on cached backbone features and watch the loss fall. Location and class losses
      are shown separately, so you can see which part the model learns first.
    </p>
  ),
  load: async () => (await import("../pending")).pending("4×4 SSD head training"),
};
