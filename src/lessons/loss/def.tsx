import type { CellDef } from "../types";

export const lossCell: CellDef = {
  id: "loss",
  title: "Anatomy of the SSD loss",
  prose: (
    <p>
      Activations become boxes through <code>tanh</code>: an anchor can move by at most half a cell and grow
      or shrink by half. The location loss is the L1 distance on positive anchors only; the class loss is
      binary cross-entropy over the 20 classes with the background column dropped — background means “none of
      them”.
    </p>
  ),
  load: async () => (await import("../pending")).pending("SSD loss anatomy"),
};
