import { defineSetting } from "../../settings";
import { SEED } from "../settings";
import type { CellDef } from "../types";

export const SSD4_LR = defineSetting({
  kind: "float",
  name: "ssd4Lr",
  label: "Learning rate",
  default: 3e-3,
  min: 1e-5,
  max: 10,
  scale: "log",
});
export const SSD4_EPOCHS = defineSetting({
  kind: "int",
  name: "ssd4Epochs",
  label: "Epochs",
  default: 5,
  min: 1,
  max: 50,
});

export const train4x4Cell: CellDef = {
  id: "train-4x4",
  title: "Train the 4×4 SSD head",
  prose: (
    <p>
      Train the 16-anchor head on cached backbone features and watch the loss fall. Location and class losses
      are shown separately, so you can see which part the model learns first. The images below show what the
      head detects on validation images after each epoch.
    </p>
  ),
  settings: [SSD4_LR, SSD4_EPOCHS, SEED],
  cost: 100,
  preview: async () => (await import("../common/recordedRun")).recordedRunPreview("train-4x4", ["mAP"]),
  load: async () => (await import("./run")).cell,
};
