import type { CellDef } from "../types";

export const summaryCell: CellDef = {
  id: "summary",
  title: "The model: a backbone and a custom head",
  prose: (
    <p>
      A pretrained CNN turns a 224×224 image into a 7×7 grid of feature vectors. The lesson's ResNet34 gives
      7×7×512; our in-browser MobileNetV3 body gives 7×7×480. Everything we train today is a small{" "}
      <b>custom head</b> on top of those features.
    </p>
  ),
  autorun: true,
  cost: 8,
  load: async () => (await import("./run")).cell,
};
