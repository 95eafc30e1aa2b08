import { defineSetting } from "../../settings";
import { SEED } from "../settings";
import type { CellDef } from "../types";
import { TRAINABLE_BATCH, TRAINABLE_LIMITS } from "./budget";

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

/**
 * The body under the head: the pretrained MobileNetV3 frozen (features cached), with its late layer group trained
 * too (the lesson's `learn.freeze_to(-2)`) or all of it (`learn.unfreeze()`), or a small CNN from random weights.
 */
export const SINGLE_BODY = defineSetting({
  kind: "enum",
  name: "singleBody",
  label:
    "Body (pretrained: frozen MobileNetV3; freeze_to(-2): its late blocks train too; unfreeze(): all of it trains; scratch: a 5-layer CNN from random weights)",
  default: "pretrained",
  options: ["pretrained", "freeze_to(-2)", "unfreeze()", "scratch"],
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
      <p>
        Or fine-tune the pretrained body, as the lesson does: <code>freeze_to(-2)</code> trains the body's
        last layer group (MobileNetV3 blocks 6–14, the 14×14 and 7×7 stages) with the head, and{" "}
        <code>unfreeze()</code> trains every layer, with discriminative learning rates{" "}
        <code>lrs = [lr/100, lr/10, lr]</code>: the early layers, whose edges and textures suit any picture,
        move least. The features now change at every step, so they cannot be computed once: every step runs
        the whole body forward and back. That is slow on a CPU, so these two choices train on{" "}
        {TRAINABLE_LIMITS.train} images in batches of {TRAINABLE_BATCH} (validating on {TRAINABLE_LIMITS.val}
        ): a demonstration of the mechanics in a couple of minutes, not a better model.
      </p>
    </>
  ),
  settings: [SINGLE_LR, SINGLE_EPOCHS, SINGLE_BODY, SEED],
  cost: 60,
  preview: async () =>
    (await import("../common/recordedRun")).recordedRunPreview("single", ["detn_acc", "detn_l1"]),
  load: async () => (await import("./run")).cell,
};
