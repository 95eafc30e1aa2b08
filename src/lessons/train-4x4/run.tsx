// Cell "train-4x4": train the 4×4 SSD head (k = 1, 16 anchors, SSD_Head with bias −3) with ssd_loss live:
// the location and class parts charted separately, mAP per epoch, and detections on validation images.
import headsSrc from "../../model/heads.ts?raw";
import ssdSrc from "../../ssd/loss-ssd.ts?raw";
import { type LiveTrainer, useTrainState } from "../common/liveTrainer";
import { type Reference, recordedReference } from "../common/recordedRun";
import { SsdPredictions } from "../common/SsdPredictions";
import { MAP_METRIC, SSD_PARTS } from "../common/ssdCharts";
import { startTraining } from "../common/startTraining";
import { TrainPanel } from "../common/TrainPanel";
import type { CellModule } from "../types";
import { ssd4Config } from "./recipe";

/** Score above which an anchor's class counts as a detection in the preview. */
export const PREVIEW_THRESH = 0.2;

function View({ trainer, reference }: { trainer: LiveTrainer; reference: Reference | null }) {
  const s = useTrainState(trainer);
  return (
    <TrainPanel trainer={trainer} parts={SSD_PARTS} metrics={[MAP_METRIC]} reference={reference}>
      <SsdPredictions items={s.preview} thresh={PREVIEW_THRESH} />
    </TrainPanel>
  );
}

export const cell: CellModule = {
  sources: [
    { name: "src/ssd/loss-ssd.ts", code: ssdSrc },
    { name: "src/model/heads.ts", code: headsSrc },
  ],
  async run(ctx) {
    const reference = await recordedReference("train-4x4", ["mAP"]);
    const trainer = await startTraining(ctx, {
      config: ssd4Config((d) => ctx.get(d)),
      previewCount: 4,
      previewOptions: { thresh: PREVIEW_THRESH },
    });
    ctx.render(<View trainer={trainer} reference={reference} />);
    await trainer.ready;
    await trainer.play();
    return () => trainer.dispose();
  },
};
