import { defineSetting } from "../../settings";
import { SEED } from "../settings";
import type { CellDef } from "../types";

export const ML_LR = defineSetting({
  kind: "float",
  name: "mlLr",
  label: "Learning rate",
  default: 2e-2,
  min: 1e-5,
  max: 10,
  scale: "log",
});
export const ML_EPOCHS = defineSetting({
  kind: "int",
  name: "mlEpochs",
  label: "Epochs",
  default: 3,
  min: 1,
  max: 50,
});

export const multilabelCell: CellDef = {
  id: "multilabel",
  title: "Multi-label classification",
  prose: (
    <p>
      Which classes are in the image — any number of them? Softmax wants exactly one answer, so each class
      gets its own sigmoid and binary cross-entropy instead. Accuracy counts a class as predicted when its
      probability is over 0.5. Run trains it; the bars compare the per-class sigmoids with a softmax over the
      same numbers.
    </p>
  ),
  settings: [ML_LR, ML_EPOCHS, SEED],
  cost: 60,
  preview: async () => (await import("../common/recordedRun")).recordedRunPreview("multilabel", ["accuracy"]),
  load: async () => (await import("./run")).cell,
};
