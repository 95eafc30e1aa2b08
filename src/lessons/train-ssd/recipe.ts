// What the train-ssd cell trains with besides its settings: shared by the cell and the bench's PyTorch time_to_map.
import type { ScheduleSpec } from "../../train/schedule";

/** hidden width of the head: the lesson's 256 diverges on these features at its lr, and is 4× the work on a CPU */
export const SSD_HEAD_WIDTH = 64;
export const SSD_BATCH = 32;
/** fastai 0.7's use_clr=(20, 8): a short climb to lr, then down to lr/20 */
export const SSD_SCHEDULE: ScheduleSpec = { kind: "onecycle", div: 20, pct: 8 };
/** multiplies the head's dropout rates (the lesson's 0.4): with thousands of newly drawn scenes the head no longer
 * learns its pictures by heart, and a short run learns faster without it (hold-out 0.179 vs 0.159, 1,000 scenes) */
export const SSD_DROP_SCALE = 0;
