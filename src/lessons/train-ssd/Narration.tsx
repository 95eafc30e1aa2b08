// The narrated slow mode of one training step (the engine's `phase` events): augment → match → forward →
// loss → update, each with its data for the first image of the batch — the augmented image with its boxes,
// the anchors matched to the objects, the top predictions, the loss's parts, and each layer group's
// learning rate and gradient norm.

import { rgbToRgba } from "../../data/pixels";
import { VOC_CLASSES } from "../../data/types";
import { makeAnchors } from "../../ssd/anchors";
import { ANCHORS_MULTI } from "../../ssd/types";
import type { Phase, PhaseData } from "../../train/protocol";
import { ImageBoxes } from "../../viz/ImageBoxes";
import { classColor } from "../../viz/palette";
import { formatRate } from "../../viz/ui/logSteps";
import { usePresenting } from "../../viz/ui/presenting";
import { toSquarePixels } from "../common/startTraining";
import type { TrainViewState } from "../common/trainState";

export const PHASES: { phase: Phase; title: string; says: string }[] = [
  {
    phase: "augment",
    title: "1. Augment",
    says: "The image as the model sees it this step, its boxes moved with it.",
  },
  {
    phase: "match",
    title: "2. Match",
    says: "Each object takes the anchor that overlaps it most; every other anchor with IoU > 0.4 joins it (map_to_ground_truth).",
  },
  {
    phase: "forward",
    title: "3. Forward",
    says: "The head's best guesses: anchors with the highest class score.",
  },
  {
    phase: "loss",
    title: "4. Loss",
    says: "L1 on the positives' boxes plus BCE (or focal) over every anchor's classes.",
  },
  {
    phase: "update",
    title: "5. Update",
    says: "Adam moves each layer group at its own learning rate; the gradient norm says how hard it pushed.",
  },
];

type Of<P extends Phase> = Extract<PhaseData, { phase: P }>;

const ANCHOR_CORNERS = makeAnchors(ANCHORS_MULTI).corners;

export function Narration({ s }: { s: TrainViewState }) {
  const presenting = usePresenting();
  const n = s.narration;
  if (!n) return null;
  const size = presenting ? 300 : 224;
  const aug = n.data.augment as Of<"augment"> | undefined;
  const match = n.data.match as Of<"match"> | undefined;
  const fwd = n.data.forward as Of<"forward"> | undefined;
  const loss = n.data.loss as Of<"loss"> | undefined;
  const upd = n.data.update as Of<"update"> | undefined;
  const image = aug ? rgbToRgba(aug.pixels, aug.size) : null;
  const top = fwd
    ? fwd.scores
        .map((score, a) => ({ a, score, cls: fwd.classes[a], box: fwd.boxes[a] }))
        .sort((x, y) => y.score - x.score)
        .slice(0, 5)
    : [];
  return (
    <section className="narration" data-role="narration" data-step={n.step} data-current={n.current}>
      <h3 className="chart-title">Narrated step {n.step + 1}</h3>
      <ol className="phase-steps">
        {PHASES.map((p) => (
          <li
            key={p.phase}
            data-phase={p.phase}
            data-seen={String(!!n.data[p.phase])}
            aria-current={n.current === p.phase ? "step" : undefined}
          >
            <strong>{p.title}</strong> <span className="hint">{p.says}</span>
          </li>
        ))}
      </ol>
      <div className="row">
        {image && aug && (
          <div data-role="phase-augment">
            <ImageBoxes
              image={image}
              width={size}
              large={presenting}
              boxes={aug.boxes.map((b, i) => ({
                box: toSquarePixels(b, aug.size),
                color: classColor(aug.classes[i]),
                label: VOC_CLASSES[aug.classes[i]],
              }))}
              caption="1. augmented image + boxes"
            />
          </div>
        )}
        {image && aug && match && (
          <div data-role="phase-match" data-positives={match.positives.length}>
            <ImageBoxes
              image={image}
              width={size}
              large={presenting}
              boxes={match.positives.map((a) => ({
                box: toSquarePixels(ANCHOR_CORNERS[a], aug.size),
                color: classColor(aug.classes[match.gtIdx[a]] ?? -1),
                dashed: true,
                detail: `anchor ${a} → object ${match.gtIdx[a]}, IoU ${Math.min(1, match.gtOverlap[a]).toFixed(2)}`,
              }))}
              caption={`2. ${match.positives.length} positive anchors of ${match.gtOverlap.length}`}
            />
          </div>
        )}
        {image && aug && fwd && (
          <div data-role="phase-forward">
            <ImageBoxes
              image={image}
              width={size}
              large={presenting}
              boxes={top.map((t) => ({
                box: toSquarePixels(t.box, aug.size),
                color: classColor(t.cls),
                label: `${VOC_CLASSES[t.cls]} ${t.score.toFixed(2)}`,
              }))}
              caption="3. top 5 anchors by class score"
            />
          </div>
        )}
        <div className="numbers">
          {loss && (
            <table className="num-table" data-role="phase-loss">
              <caption>4. Loss (this batch)</caption>
              <tbody>
                {Object.entries(loss.parts).map(([k, v]) => (
                  <tr key={k}>
                    <th scope="row">{k}</th>
                    <td className="num">{v.toFixed(4)}</td>
                  </tr>
                ))}
                <tr>
                  <th scope="row">total</th>
                  <td className="num">{loss.total.toFixed(4)}</td>
                </tr>
              </tbody>
            </table>
          )}
          {upd && (
            <table className="num-table" data-role="phase-update">
              <caption>5. Update per layer group</caption>
              <thead>
                <tr>
                  <th>group</th>
                  <th>learning rate</th>
                  <th>gradient norm</th>
                </tr>
              </thead>
              <tbody>
                {upd.lrs.map((lr, g) => (
                  <tr key={g}>
                    <td>{g}</td>
                    <td className="num">{formatRate(lr)}</td>
                    <td className="num">{(upd.gradNorms[g] ?? 0).toFixed(4)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {upd && (
            <p className="hint">Groups 0 and 1 are the frozen backbone here: no gradient reaches them.</p>
          )}
        </div>
      </div>
    </section>
  );
}
