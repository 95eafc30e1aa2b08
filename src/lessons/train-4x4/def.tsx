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

/** The class loss: the lesson's BCE over the 20 classes (background dropped) or softmax over 21 (background a class). */
export const SSD4_CLASS_LOSS = defineSetting({
  kind: "enum",
  name: "ssd4Loss",
  label: "Class loss (bce: 20 sigmoids, background dropped; softmax: 21 classes, background one of them)",
  default: "bce",
  options: ["bce", "softmax"],
});

export const train4x4Cell: CellDef = {
  id: "train-4x4",
  title: "Train the 4×4 SSD head",
  prose: (
    <>
      <p>
        Train the 16-anchor head on cached backbone features and watch the loss fall. Location and class
        losses are shown separately, so you can see which part the model learns first. The images below show
        what the head detects on validation images after each epoch.
      </p>
      <p>
        Why does the lesson drop the background column and use 20 sigmoids instead of a softmax over 21
        classes? With a softmax, "background" has to be learnt as one class that looks like everything that is
        not an object, and every anchor must put its probability on exactly one class. Switch{" "}
        <b>Class loss</b> to <code>softmax</code> and Run: the faint curves are the recorded run with the
        other loss, so you see the difference rather than take it on trust.
      </p>
    </>
  ),
  settings: [SSD4_LR, SSD4_EPOCHS, SSD4_CLASS_LOSS, SEED],
  cost: 100,
  preview: async () => (await import("../common/recordedRun")).recordedRunPreview("train-4x4", ["mAP"]),
  load: async () => (await import("./run")).cell,
};
