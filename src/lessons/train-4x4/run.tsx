// Cell "train-4x4": train the 4×4 SSD head (k = 1, 16 anchors, SSD_Head with bias −3) with ssd_loss live:
// the location and class parts charted separately, mAP per epoch, and detections on validation images.
// The class loss is the lesson's BCE over 20 or a softmax over 21; the recorded runs of both are drawn faintly,
// and the student's last run with the other loss keeps its detections beside this run's.
import { useEffect } from "react";
import headsSrc from "../../model/heads.ts?raw";
import lossClassSrc from "../../ssd/loss-class.ts?raw";
import ssdSrc from "../../ssd/loss-ssd.ts?raw";
import type { ClassLoss } from "../../train/task";
import { type LiveTrainer, useTrainState } from "../common/liveTrainer";
import { comparedReferences, type Reference } from "../common/recordedRun";
import { SsdPredictions } from "../common/SsdPredictions";
import { MAP_METRIC, ssdParts } from "../common/ssdCharts";
import { startTraining } from "../common/startTraining";
import { TrainPanel } from "../common/TrainPanel";
import type { CellModule } from "../types";
import { SSD4_CLASS_LOSS } from "./def";
import { keepPreview, useLastPreview } from "./lastRuns";
import { ssd4Config } from "./recipe";

/** Score above which an anchor's class counts as a detection in the preview. */
export const PREVIEW_THRESH = 0.2;

/** runs.json's key for the recorded run of the cell's defaults with a class loss. */
export const recordedKey = (loss: ClassLoss) => (loss === "bce" ? "train-4x4" : `train-4x4:${loss}`);

const LOSS_WORDS: Record<string, string> = {
  bce: "BCE over 20 (background dropped)",
  softmax: "softmax over 21 (background a class)",
};

function View({
  trainer,
  reference,
  loss,
}: {
  trainer: LiveTrainer;
  reference: Reference | null;
  loss: ClassLoss;
}) {
  const s = useTrainState(trainer);
  const other: ClassLoss = loss === "softmax" ? "bce" : "softmax";
  const otherPreview = useLastPreview(other);
  const done = s.phase === "done" || s.phase === "stopped";
  useEffect(() => {
    if (done && s.preview?.length) keepPreview(loss, s.preview);
  }, [done, s.preview, loss]);
  return (
    <TrainPanel trainer={trainer} parts={ssdParts(loss)} metrics={[MAP_METRIC]} reference={reference}>
      <div className="row" data-role="loss-compare-predictions">
        <div data-loss={loss}>
          <h3>This run: {LOSS_WORDS[loss]}</h3>
          <SsdPredictions items={s.preview} thresh={PREVIEW_THRESH} />
        </div>
        <div data-loss={other}>
          <h3>Your last run with {LOSS_WORDS[other]}</h3>
          {otherPreview ? (
            <SsdPredictions items={otherPreview} thresh={PREVIEW_THRESH} />
          ) : (
            <p className="hint">
              None yet: when this run is done, switch <b>Class loss</b> to <code>{other}</code> and Run again
              — this run's detections stay here for comparison.
            </p>
          )}
        </div>
      </div>
    </TrainPanel>
  );
}

export const cell: CellModule = {
  sources: [
    { name: "src/ssd/loss-ssd.ts", code: ssdSrc },
    { name: "src/ssd/loss-class.ts", code: lossClassSrc },
    { name: "src/model/heads.ts", code: headsSrc },
  ],
  async run(ctx) {
    const loss = ctx.get(SSD4_CLASS_LOSS);
    const other: ClassLoss = loss === "softmax" ? "bce" : "softmax";
    // the recorded run of these settings, and of the same settings with the other class loss
    const reference = await comparedReferences(
      ["mAP"],
      { run: recordedKey(loss), label: loss === "bce" ? "recorded run" : `recorded run, ${loss}` },
      { run: recordedKey(other), label: `recorded run, ${other}` },
    );
    const trainer = await startTraining(ctx, {
      config: ssd4Config((d) => ctx.get(d)),
      previewCount: 4,
      previewOptions: { thresh: PREVIEW_THRESH },
    });
    ctx.render(<View trainer={trainer} reference={reference} loss={loss} />);
    await trainer.ready;
    await trainer.play();
    return () => trainer.dispose();
  },
};
