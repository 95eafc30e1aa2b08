import { IMAGE } from "../settings";
import type { CellDef } from "../types";

export const largestCell: CellDef = {
  id: "largest",
  title: "The largest object",
  prose: (
    <p>
      Before detecting every object, the lesson solves an easier problem: find the <b>largest</b> object in
      each image — the one with the biggest box area <code>(bottom−top)·(right−left)</code>. That gives one
      class and one box per image, so an ordinary CNN with a custom head can learn it.
    </p>
  ),
  settings: [IMAGE],
  autorun: true,
  load: async () => (await import("./run")).cell,
};
