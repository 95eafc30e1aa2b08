// Cell "train-4x4": train the 4×4 SSD head (k = 1, 16 anchors, SSD_Head with bias −3) with ssd_loss live:
// the location and class parts charted separately, mAP per epoch, and detections on validation images.
import headsSrc from "../../model/heads.ts?raw";
import ssdSrc from "../../ssd/loss-ssd.ts?raw";
import { type LiveTrainer, useTrainState } from "../common/liveTrainer";
import { SsdPredictions } from "../common/SsdPredictions";
import { MAP_METRIC, SSD_PARTS } from "../common/ssdCharts";
import { startTraining } from "../common/startTraining";
import { TrainPanel } from "../common/TrainPanel";
import { SEED } from "../settings";
import type { CellModule } from "../types";
import { SSD4_EPOCHS, SSD4_LR } from "./def";

/** Score above which an anchor's class counts as a detection in the preview. */
export const PREVIEW_THRESH = 0.2;

function View({ trainer }: { trainer: LiveTrainer }) {
  const s = useTrainState(trainer);
  return (
    <TrainPanel trainer={trainer} parts={SSD_PARTS} metrics={[MAP_METRIC]}>
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
    const trainer = await startTraining(ctx, {
      config: {
        head: "ssd4",
        lr: ctx.get(SSD4_LR),
        epochs: ctx.get(SSD4_EPOCHS),
        batchSize: 64,
        schedule: { kind: "onecycle", div: 20, pct: 10 },
        loss: "bce",
        seed: ctx.get(SEED),
      },
      previewCount: 4,
      previewOptions: { thresh: PREVIEW_THRESH },
    });
    ctx.render(<View trainer={trainer} />);
    await trainer.ready;
    await trainer.play();
    return () => trainer.dispose();
  },
};
