import { defineSetting } from "../../settings";
import { Term } from "../../viz/ui/Term";
import { SEED, THRESHOLD } from "../settings";
import type { CellDef } from "../types";

export const ACTIVATIONS = defineSetting({
  kind: "enum",
  name: "activations",
  label: "Activations",
  default: "zeros",
  options: ["zeros", "bias -3 (SSD_Head init)", "random"],
});

export const lossCell: CellDef = {
  id: "loss",
  title: "Anatomy of the SSD loss",
  prose: (
    <p>
      Activations become boxes through{" "}
      <Term explain="tanh squashes any activation into −1…1, so an offset can never move an anchor by more than half a grid cell, or change its size by more than half.">
        <code>tanh</code>
      </Term>
      : an anchor can move by at most half a cell and grow or shrink by half. The location loss is the L1
      distance on positive anchors only; the class loss is binary cross-entropy over the 20 classes with the
      background column dropped — background means “none of them”.
    </p>
  ),
  settings: [ACTIVATIONS, SEED, THRESHOLD],
  autorun: true,
  load: async () => (await import("./run")).cell,
};
