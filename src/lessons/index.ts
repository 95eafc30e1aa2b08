// The notebook, in order: every step of pascal.ipynb and pascal-multi.ipynb.

import { anchorsCell } from "./anchors/def";
import { anchorsMultiCell } from "./anchors-multi/def";
import { augmentCell } from "./augment/def";
import { dataCell } from "./data/def";
import { evaluateCell } from "./evaluate/def";
import { focalCell } from "./focal/def";
import { largestCell } from "./largest/def";
import { lossCell } from "./loss/def";
import { matchCell } from "./match/def";
import { multilabelCell } from "./multilabel/def";
import { predictCell } from "./predict/def";
import { singleCell } from "./single/def";
import { summaryCell } from "./summary/def";
import { train4x4Cell } from "./train-4x4/def";
import { trainSsdCell } from "./train-ssd/def";
import type { CellDef } from "./types";

export const CELLS: CellDef[] = [
  dataCell,
  largestCell,
  augmentCell,
  summaryCell,
  singleCell,
  multilabelCell,
  anchorsCell,
  matchCell,
  lossCell,
  train4x4Cell,
  anchorsMultiCell,
  trainSsdCell,
  predictCell,
  focalCell,
  evaluateCell,
];
