import { defineSetting } from "../../settings";
import type { CellDef } from "../types";

export const GAMMA = defineSetting({
  kind: "float",
  name: "gamma",
  label: "Focal γ",
  default: 1,
  min: 0,
  max: 5,
  step: 0.5,
});

export const focalCell: CellDef = {
  id: "focal",
  title: "Focal loss",
  prose: (
    <p>
      Most anchors are easy background. With plain BCE their many small losses drown out the hard examples.{" "}
      <b>Focal loss</b> multiplies each term by{" "}
      <code>
        (1−p<sub>t</sub>)<sup>γ</sup>
      </code>
      , so confident, correct predictions count for almost nothing.
    </p>
  ),
  settings: [GAMMA],
  autorun: true,
  load: async () => (await import("./run")).cell,
};
