// Cell "single": train the single-object detector (pascal.ipynb head_reg4 + detn_loss) live on the largest
// object of each image, with the loss, its two parts, detn_acc and detn_l1, and predictions vs truth on
// validation images after each epoch.
import { VOC_CLASSES } from "../../data/types";
import headsSrc from "../../model/heads.ts?raw";
import { largestObject } from "../../ssd/boxes";
import detnSrc from "../../ssd/loss-detn.ts?raw";
import type { PreviewItem } from "../../train/preview";
import { classColor } from "../../viz/palette";
import type { LiveTrainer } from "../common/liveTrainer";
import { useTrainState } from "../common/liveTrainer";
import { PredictionGallery } from "../common/PredictionGallery";
import { comparedReferences, type Reference } from "../common/recordedRun";
import { startTraining, toSquarePixels } from "../common/startTraining";
import { TrainPanel } from "../common/TrainPanel";
import type { CellModule } from "../types";
import { SINGLE_BODY } from "./def";
import { singleBackbone, singleConfig, singleLimits, trainsPretrainedBody } from "./recipe";

/** The target the loss sees for an image: its largest object (the lesson's `largest` csv). */
export function singleTarget(item: PreviewItem): { box: number[]; cls: number } | null {
  const i = largestObject(item.boxes);
  return i < 0 ? null : { box: item.boxes[i], cls: item.classes[i] };
}

/** Mean absolute error of the four box numbers, in pixels of 224 (the lesson's detn_l1 for one image). */
export function boxL1(a: readonly number[], b: readonly number[], size = 224): number {
  return (a.reduce((s, v, i) => s + Math.abs(v - b[i]), 0) / 4) * size;
}

function SingleView({ trainer, reference }: { trainer: LiveTrainer; reference: Reference | null }) {
  const s = useTrainState(trainer);
  return (
    <TrainPanel
      trainer={trainer}
      reference={reference}
      parts={[
        { key: "l1", label: "L1 of the box (pixels)" },
        { key: "ce", label: "20 × cross-entropy", scale: 20 },
      ]}
      metrics={[
        { key: "detn_acc", label: "detn_acc", yLabel: "accuracy (fraction)", domain: [0, 1] },
        { key: "detn_l1", label: "detn_l1", yLabel: "mean box error (px of 224)" },
      ]}
    >
      <PredictionGallery
        title="Validation images: prediction (solid) vs the largest object (dashed)"
        items={s.preview}
        boxesOf={(it) => {
          if (it.pred.kind !== "single") return [];
          const t = singleTarget(it);
          const p = it.pred;
          return [
            ...(t
              ? [
                  {
                    box: toSquarePixels(t.box, it.size),
                    color: "#555",
                    dashed: true,
                    label: `truth: ${VOC_CLASSES[t.cls]}`,
                  },
                ]
              : []),
            {
              box: toSquarePixels(p.box, it.size),
              color: classColor(p.cls),
              label: `${VOC_CLASSES[p.cls]} ${p.prob.toFixed(2)}`,
              detail: `softmax probability ${p.prob.toFixed(3)}`,
            },
          ];
        }}
        captionOf={(it) => {
          const t = singleTarget(it);
          if (it.pred.kind !== "single" || !t) return null;
          const ok = it.pred.cls === t.cls;
          return (
            <span data-role="pred-caption">
              {ok ? "class right" : `class wrong (truth ${VOC_CLASSES[t.cls]})`} · box off by{" "}
              {boxL1(it.pred.box, t.box, it.size).toFixed(1)} px on average
            </span>
          );
        }}
      />
    </TrainPanel>
  );
}

export const cell: CellModule = {
  sources: [
    { name: "src/ssd/loss-detn.ts", code: detnSrc },
    { name: "src/model/heads.ts", code: headsSrc },
  ],
  async run(ctx) {
    const body = ctx.get(SINGLE_BODY);
    const pretrained = {
      run: "single",
      label:
        body === "pretrained"
          ? "recorded run"
          : trainsPretrainedBody(body)
            ? "recorded run, pretrained body frozen"
            : "recorded run, pretrained body",
    };
    const scratch = { run: "single:scratch", label: "recorded run, scratch body" };
    // the recorded runs of both bodies, this one's in the usual colours
    const reference = await comparedReferences(
      ["detn_acc", "detn_l1"],
      body === "scratch" ? scratch : pretrained,
      body === "scratch" ? pretrained : scratch,
    );
    const trainer = await startTraining(ctx, {
      config: singleConfig((d) => ctx.get(d)),
      backbone: singleBackbone((d) => ctx.get(d)),
      limits: singleLimits((d) => ctx.get(d)),
      previewCount: 4,
    });
    ctx.render(<SingleView trainer={trainer} reference={reference} />);
    await trainer.ready;
    await trainer.play();
    return () => trainer.dispose();
  },
};
