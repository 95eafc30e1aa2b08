import { defineSetting } from "../../settings";
import { SEED } from "../settings";
import type { CellDef } from "../types";

export const SINGLE_LR = defineSetting({
  kind: "float",
  name: "singleLr",
  label: "Learning rate",
  default: 1e-2,
  min: 1e-5,
  max: 10,
  scale: "log",
});
export const SINGLE_EPOCHS = defineSetting({
  kind: "int",
  name: "singleEpochs",
  label: "Epochs",
  default: 3,
  min: 1,
  max: 50,
});

/** The body under the head: the pretrained, frozen MobileNetV3 (features cached) or a small CNN from random weights. */
export const SINGLE_BODY = defineSetting({
  kind: "enum",
  name: "singleBody",
  label: "Body (pretrained: frozen MobileNetV3; scratch: a 5-layer CNN from random weights, trained too)",
  default: "pretrained",
  options: ["pretrained", "scratch"],
});

export const singleCell: CellDef = {
  id: "single",
  title: "Single-object detection",
  prose: (
    <>
      <p>
        One head, two jobs: 4 numbers for the box and 20 for the class. The loss adds the L1 distance of the
        box (after a sigmoid scaled to 224 so it cannot leave the image) to 20 × the cross-entropy of the
        class, so both terms have a similar size. Run trains it on the largest object of each image, on
        backbone features computed once (the backbone stays frozen); the charts show both parts falling.
      </p>
      <p>
        Why start from a pretrained body? Set <b>Body</b> to <code>scratch</code> and Run: a small CNN from
        random weights learns the same task from these few hundred pictures alone (every layer trains, at the
        full rate). The faint curves are the recorded runs of both bodies, side by side.
      </p>
    </>
  ),
  settings: [SINGLE_LR, SINGLE_EPOCHS, SINGLE_BODY, SEED],
  cost: 60,
  preview: async () =>
    (await import("../common/recordedRun")).recordedRunPreview("single", ["detn_acc", "detn_l1"]),
  load: async () => (await import("./run")).cell,
};
