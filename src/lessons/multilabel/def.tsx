import type { CellDef } from "../types";

export const multilabelCell: CellDef = {
  id: "multilabel",
  title: "Multi-label classification",
  prose: (
    <p>
      Which classes are in the image — any number of them? Softmax wants exactly one answer, so each class
      gets its own sigmoid and binary cross-entropy instead. Accuracy counts a class as predicted when its
      probability is over 0.5.
    </p>
  ),
  load: async () => (await import("../pending")).pending("multi-label classifier"),
};
