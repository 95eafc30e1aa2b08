// Cell "train-ssd": train the 189-anchor SSD head (grids 4/2/1 × 9 anchors) in the worker on the best
// backend: play / pause / step / stop, a narrated slow step, live loss (train per batch, val per epoch),
// its loc/clas parts and mAP, the LR finder, BCE or focal loss, and checkpoints (IndexedDB after each epoch
// and on pause, resume after a refresh, download / upload).
import headsSrc from "../../model/heads.ts?raw";
import ssdSrc from "../../ssd/loss-ssd.ts?raw";
import { savedCheckpoints } from "../../train/client";
import engineSrc from "../../train/engine.ts?raw";
import narrateSrc from "../../train/narrate.ts?raw";
import { ssdCheckpointKey } from "../common/checkpoints";
import { getDataset } from "../common/dataset";
import { type LiveTrainer, useTrainState } from "../common/liveTrainer";
import { SsdPredictions } from "../common/SsdPredictions";
import { referenceSeries, shippedRun } from "../common/shippedRun";
import { MAP_METRIC, ssdParts } from "../common/ssdCharts";
import { startTraining } from "../common/startTraining";
import { TrainPanel } from "../common/TrainPanel";
import { SEED } from "../settings";
import type { CellModule } from "../types";
import { Checkpoints } from "./Checkpoints";
import { SCENES, SSD_EPOCHS, SSD_LOSS, SSD_LR } from "./def";
import { LrFinder } from "./LrFinder";
import { Narration } from "./Narration";
import { SSD_BATCH, SSD_DROP_SCALE, SSD_HEAD_WIDTH, SSD_SCHEDULE } from "./recipe";

const PREVIEW_THRESH = 0.25;

interface ViewProps {
  trainer: LiveTrainer;
  storageKey: string;
  /** when this run of the cell began: checkpoints saved before it are offered for resuming */
  since: string;
  lr: number;
  /** pause between narrated phases (0 in ?steps runs) */
  narrateMs: number;
  loss: "bce" | "focal";
  reference: ReturnType<typeof referenceSeries> | null;
}

function View({ trainer, storageKey, since, lr, narrateMs, loss, reference }: ViewProps) {
  const s = useTrainState(trainer);
  const idle = s.busy === null && !["running", "caching", "loading", "error", "dead"].includes(s.phase);
  return (
    <TrainPanel
      trainer={trainer}
      parts={ssdParts(loss)}
      metrics={[MAP_METRIC]}
      reference={reference}
      actions={
        <>
          <button
            type="button"
            data-action="narrate-step"
            disabled={!idle}
            title="Train one batch slowly, showing each phase of the step"
            onClick={async () => {
              await trainer.narrate(true, narrateMs);
              await trainer.step();
              await trainer.narrate(false);
            }}
          >
            Narrated step
          </button>
          <button
            type="button"
            data-action="lrfind"
            disabled={!idle}
            title="learn.lr_find(lrs/1000, 1.): one batch per rate, rising exponentially; weights restored after"
            onClick={() => void trainer.lrFind(lr / 1000, 1, 100)}
          >
            LR finder
          </button>
          <span className="hint" data-role="loss-kind">
            class loss: {loss === "focal" ? "focal (α 0.25, γ 1)" : "BCE"}
          </span>
        </>
      }
    >
      <Checkpoints key={since} trainer={trainer} s={s} storageKey={storageKey} since={since} />
      <Narration s={s} />
      <LrFinder s={s} />
      <SsdPredictions items={s.preview} thresh={PREVIEW_THRESH} />
    </TrainPanel>
  );
}

export const cell: CellModule = {
  sources: [
    { name: "src/train/engine.ts", code: engineSrc },
    { name: "src/ssd/loss-ssd.ts", code: ssdSrc },
    { name: "src/model/heads.ts", code: headsSrc },
    { name: "src/train/narrate.ts", code: narrateSrc },
  ],
  async run(ctx) {
    const ds = await getDataset();
    const quick = ctx.maxSteps !== null;
    const key = ssdCheckpointKey(ds.name, quick);
    const since = new Date().toISOString();
    // checkpoints from earlier runs are offered (resume or start over) instead of being trained over
    const offered = (await savedCheckpoints(key).catch(() => [])).length > 0;
    // the shipped run, faint in the charts for comparison
    const reference = await shippedRun().then(referenceSeries, () => null);
    const lr = ctx.get(SSD_LR);
    const loss = ctx.get(SSD_LOSS);
    const trainer = await startTraining(ctx, {
      config: {
        head: "ssdMulti",
        headWidth: SSD_HEAD_WIDTH,
        headDropScale: SSD_DROP_SCALE,
        lr,
        epochs: ctx.get(SSD_EPOCHS),
        batchSize: SSD_BATCH,
        schedule: SSD_SCHEDULE,
        loss,
        seed: ctx.get(SEED),
        checkpointKey: key,
      },
      previewCount: 4,
      previewOptions: { thresh: PREVIEW_THRESH },
      // a handful in ?steps=N runs: the drawing path is exercised without the minutes it takes
      synth: quick ? 2 : ctx.get(SCENES),
    });
    ctx.render(
      <View
        trainer={trainer}
        storageKey={key}
        since={since}
        lr={lr}
        narrateMs={quick ? 0 : 1500}
        loss={loss}
        reference={reference}
      />,
    );
    // Run is learn.fit: it trains for the cell's epochs. A checkpoint from an earlier visit is offered
    // instead (resume or start over), never overwritten by a run the user did not ask for.
    await trainer.ready;
    if (!offered) await trainer.play();
    return () => trainer.dispose();
  },
};
