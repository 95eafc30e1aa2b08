import { defineSetting } from "../../settings";
import { SEED } from "../settings";
import type { CellDef } from "../types";

export const SSD_LOSS = defineSetting({
  kind: "enum",
  name: "loss",
  label: "Class loss",
  default: "focal",
  options: ["bce", "focal"],
});
export const SSD_LR = defineSetting({
  kind: "float",
  name: "ssdLr",
  label: "Learning rate",
  default: 5e-3,
  min: 1e-5,
  max: 10,
  scale: "log",
});
export const SSD_EPOCHS = defineSetting({
  kind: "int",
  name: "ssdEpochs",
  label: "Epochs",
  default: 8,
  min: 1,
  max: 50,
});
export const SCENES = defineSetting({
  kind: "int",
  name: "scenes",
  label: "New scenes drawn for training (built-in sample)",
  default: 2000,
  min: 0,
  max: 20000,
  step: 100,
});

export const trainSsdCell: CellDef = {
  id: "train-ssd",
  title: "Train the SSD head",
  prose: (
    <p>
      The full SSD head: a convolution chain down to 4×4, 2×2 and 1×1 grids, each with an output convolution
      giving k = 9 anchors’ class scores and box offsets. Run trains it, like the lesson’s{" "}
      <code>learn.fit</code>, off the main thread on the fastest backend your browser has: first it draws new
      scenes of the built-in sample’s kind (a detector needs far more than 600 pictures: with the sample alone
      it learns the training images by heart), computes their backbone features once, then trains for the
      epochs below. Pause, Step and Stop work at any time; try the LR finder or a narrated step to see each
      phase of training. Checkpoints are kept in this browser, so a refresh can resume.
    </p>
  ),
  settings: [SSD_LOSS, SSD_LR, SSD_EPOCHS, SCENES, SEED],
  cost: 900,
  preview: async () => (await import("../common/shippedRun")).trainSsdPreview(),
  load: async () => (await import("./run")).cell,
};
