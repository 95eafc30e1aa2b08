// Cell "multilabel": train the multi-label classifier (BCE over 20 sigmoids, accuracy_thresh(0.5)) live,
// and show for a validation image why not softmax: the per-class sigmoid probabilities vs a softmax over
// the very same logits.
import { useState } from "react";
import { VOC_CLASSES } from "../../data/types";
import headsSrc from "../../model/heads.ts?raw";
import type { PreviewItem } from "../../train/preview";
import taskSrc from "../../train/task.ts?raw";
import { BarChart } from "../../viz/BarChart";
import { ImageBoxes } from "../../viz/ImageBoxes";
import { classColor } from "../../viz/palette";
import { usePresenting } from "../../viz/ui/presenting";
import { type LiveTrainer, useTrainState } from "../common/liveTrainer";
import { type Reference, recordedReference } from "../common/recordedRun";
import { rgbaOf, startTraining, toSquarePixels } from "../common/startTraining";
import { TrainPanel } from "../common/TrainPanel";
import type { CellModule } from "../types";
import { predictedClasses, sigmoid, softmax } from "./probs";
import probsSrc from "./probs.ts?raw";
import { multilabelConfig } from "./recipe";

const pct = (p: number) => Math.round(p * 100);

function SigmoidVsSoftmax({ item }: { item: PreviewItem }) {
  const presenting = usePresenting();
  if (item.pred.kind !== "multilabel") return null;
  const { logits } = item.pred;
  const sig = sigmoid(logits);
  const soft = softmax(logits);
  const truth = new Set(item.classes);
  const predicted = predictedClasses(logits);
  const best = soft.indexOf(Math.max(...soft));
  const names = (cs: number[]) => (cs.length ? cs.map((c) => VOC_CLASSES[c]).join(", ") : "none");
  return (
    <div className="row" data-role="sigmoid-softmax" data-image={item.id}>
      <ImageBoxes
        image={rgbaOf(item)}
        width={presenting ? 300 : 224}
        large={presenting}
        boxes={item.boxes.map((b, i) => ({
          box: toSquarePixels(b, item.size),
          color: classColor(item.classes[i]),
          label: VOC_CLASSES[item.classes[i]],
        }))}
        caption={`In the image: ${names([...truth])}`}
      />
      <div>
        <BarChart
          title="The same 20 logits, two ways"
          series={["sigmoid, per class", "softmax over all 20"]}
          bars={logits.map((_, c) => ({
            label: `${truth.has(c) ? "✓ " : ""}${VOC_CLASSES[c]}`,
            values: [pct(sig[c]), pct(soft[c])],
            color: classColor(c),
          }))}
          xLabel="probability (%)"
          width={presenting ? 620 : 480}
          large={presenting}
        />
        <p className="hint" data-role="ml-verdict">
          Sigmoid &gt; 50%: <strong data-role="ml-predicted">{names(predicted)}</strong> (sum of the 20
          sigmoids: {pct(sig.reduce((a, b) => a + b, 0))}%). Softmax can only point at one:{" "}
          <strong>{VOC_CLASSES[best]}</strong> — its 20 values always add up to 100%, so two objects must
          share it. ✓ = in the image.
        </p>
      </div>
    </div>
  );
}

function MultilabelView({ trainer, reference }: { trainer: LiveTrainer; reference: Reference | null }) {
  const s = useTrainState(trainer);
  const [pick, setPick] = useState(0);
  const items = s.preview ?? [];
  const item = items[Math.min(pick, items.length - 1)];
  return (
    <TrainPanel
      trainer={trainer}
      reference={reference}
      metrics={[
        { key: "accuracy", label: "accuracy_thresh(0.5)", yLabel: "accuracy (fraction)", domain: [0, 1] },
      ]}
    >
      <h3 className="chart-title">Why not softmax? A validation image</h3>
      {items.length > 1 && (
        <div className="chips" role="group" aria-label="Validation image">
          <span>Image</span>
          {items.map((it, i) => (
            <button
              type="button"
              key={it.id}
              aria-pressed={i === pick}
              data-action="pick-image"
              onClick={() => setPick(i)}
            >
              {i + 1}
            </button>
          ))}
        </div>
      )}
      {item ? <SigmoidVsSoftmax item={item} /> : <p className="hint">Predicting…</p>}
    </TrainPanel>
  );
}

export const cell: CellModule = {
  sources: [
    { name: "src/lessons/multilabel/probs.ts", code: probsSrc },
    { name: "src/train/task.ts", code: taskSrc },
    { name: "src/model/heads.ts", code: headsSrc },
  ],
  async run(ctx) {
    const reference = await recordedReference("multilabel", ["accuracy"]);
    const trainer = await startTraining(ctx, {
      config: multilabelConfig((d) => ctx.get(d)),
      previewCount: 4,
    });
    ctx.render(<MultilabelView trainer={trainer} reference={reference} />);
    await trainer.ready;
    await trainer.play();
    return () => trainer.dispose();
  },
};
