import { SEED } from "../settings";
import type { CellDef } from "../types";

export const train_ssdCell: CellDef = {
  id: "train-ssd",
  title: "Train the SSD head",
  prose: (
    <p>
      The full SSD head: a convolution chain down to 4×4, 2×2 and 1×1 grids, each with an output convolution
      giving k = 9 anchors’ class scores and box offsets. Training runs off the main thread on the fastest
      backend your browser has. Run sets it up; then try the LR finder, take a narrated step to see each phase
      of training, or press Play. Checkpoints are kept in this browser, so a refresh can resume.
    </p>
  ),
  settings: [
    { kind: "enum", name: "loss", label: "Class loss", default: "bce", options: ["bce", "focal"] },
    { kind: "float", name: "ssdLr", label: "Learning rate", default: 1e-2, min: 1e-5, max: 10, step: 1e-3 },
    { kind: "int", name: "ssdEpochs", label: "Epochs", default: 4, min: 1, max: 50 },
    SEED,
  ],
  load: async () => (await import("./run")).cell,
};
