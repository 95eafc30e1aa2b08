import { defineSetting } from "../../settings";
import { IMAGE, SEED } from "../settings";
import type { CellDef } from "../types";

export const ROTATION = defineSetting({
  kind: "int",
  name: "rot",
  label: "Max rotation (°)",
  default: 30,
  min: 0,
  max: 45,
  step: 1,
});
export const AUGS = defineSetting({
  kind: "enum",
  name: "augs",
  label: "Augmentations",
  default: "demo",
  options: ["demo", "training"],
});

export const augmentCell: CellDef = {
  id: "augment",
  title: "Augmentation moves the boxes too",
  prose: (
    <p>
      Flipping or rotating an image for data augmentation moves its objects, so the boxes — the{" "}
      <b>dependent variable</b> — must move too (fastai's <code>tfm_y=TfmType.COORD</code>). On the right the
      same augmentations leave the boxes where they were: the wrong picture. Turn the rotation up to 30° to
      see why boxes get loose: a rotated box's enclosing box is bigger than the object.
    </p>
  ),
  settings: [SEED, ROTATION, AUGS, IMAGE],
  autorun: true,
  cost: 4,
  load: async () => (await import("./run")).cell,
};
