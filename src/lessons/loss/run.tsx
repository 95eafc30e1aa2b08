// Cell "loss": the anatomy of the SSD loss on the lesson's worked example — activations → boxes (tanh
// offsets), L1 on the positives, BCE over 20 columns (background dropped) vs softmax with background.
import * as tf from "@tensorflow/tfjs-core";
import { anchorTensors, disposeAnchorTensors, makeAnchors } from "../../ssd/anchors";
import { actnToBb } from "../../ssd/decode";
import decodeSrc from "../../ssd/decode.ts?raw";
import { jaccard } from "../../ssd/iou";
import { crossEntropy, focalLoss, ssd1Loss } from "../../ssd/loss";
import classSrc from "../../ssd/loss-class.ts?raw";
import ssdSrc from "../../ssd/loss-ssd.ts?raw";
import { mapToGroundTruth } from "../../ssd/match";
import { ANCHORS_4x4 } from "../../ssd/types";
import { AnchorBoxes } from "../../viz/AnchorBoxes";
import { classColor } from "../../viz/palette";
import { usePresenting } from "../../viz/ui/presenting";
import { displaySize, SZ, WORKED_EXAMPLE } from "../common/example";
import { gaussian, mulberry32 } from "../common/seeded";
import { SEED, THRESHOLD } from "../settings";
import type { CellModule } from "../types";
import { ACTIVATIONS } from "./def";
import { LossCompare } from "./LossCompare";

const C = 20;

interface LossNumbers {
  loc: number;
  bce: number;
  focal: number;
  softmax: number;
  positives: number[];
  decoded: number[][];
  anchorsCnr: number[][];
  targets: number[];
  gtBoxes: number[][];
}

/** Class and box activations for the 16 anchors, as the chosen preset makes them. */
export function makeActivations(kind: string, seed: number): { cls: number[][]; bb: number[][] } {
  const rand = mulberry32(seed);
  const cls = Array.from({ length: 16 }, () =>
    kind === "random" ? gaussian(rand, C + 1) : new Array(C + 1).fill(kind === "zeros" ? 0 : -3),
  );
  const bb = Array.from({ length: 16 }, () => (kind === "random" ? gaussian(rand, 4, 0.5) : [0, 0, 0, 0]));
  return { cls, bb };
}

export async function lossAnatomy(kind: string, seed: number, threshold: number): Promise<LossNumbers> {
  const act = makeActivations(kind, seed);
  const anc = anchorTensors(ANCHORS_4x4);
  const bbox = WORKED_EXAMPLE.map((o) => o.box.map((v) => v / SZ));
  const clas = WORKED_EXAMPLE.map((o) => o.cls);
  const t = tf.tidy(() => {
    const bC = tf.tensor2d(act.cls);
    const bBb = tf.tensor2d(act.bb);
    const parts = ssd1Loss(bC, bBb, bbox, clas, { anchors: anc, threshold });
    const m = mapToGroundTruth(jaccard(tf.tensor2d(bbox), anc.corners) as tf.Tensor2D);
    const pos = tf.greater(m.gtOverlap, threshold);
    const targets = tf.where(pos, tf.gather(tf.tensor1d(clas, "int32"), m.gtIdx), tf.fill([16], C, "int32"));
    return {
      loc: parts.loc,
      bce: parts.clas,
      focal: focalLoss(bC, targets, C),
      softmax: crossEntropy(bC, targets as tf.Tensor1D),
      targets,
      pos,
      gtIdx: m.gtIdx,
      decoded: actnToBb(bBb, anc.anchors, anc.gridSizes),
    };
  });
  try {
    const [loc, bce, focal, softmax, targets, pos, gtIdx, decoded] = await Promise.all([
      t.loc.data(),
      t.bce.data(),
      t.focal.data(),
      t.softmax.data(),
      t.targets.data(),
      t.pos.data(),
      t.gtIdx.data(),
      t.decoded.array(),
    ]);
    const positives = Array.from(pos).flatMap((p, i) => (p ? [i] : []));
    return {
      loc: loc[0],
      bce: bce[0],
      focal: focal[0],
      softmax: softmax[0],
      positives,
      decoded: decoded as number[][],
      anchorsCnr: makeAnchors(ANCHORS_4x4).corners,
      targets: Array.from(targets),
      gtBoxes: Array.from(gtIdx).map((j) => bbox[j]),
    };
  } finally {
    tf.dispose(Object.values(t));
    disposeAnchorTensors(anc);
  }
}

const f4 = (v: number) => v.toFixed(4);
const px = (b: number[]) => `[${b.map((v) => Math.round(v * SZ)).join(", ")}]`;

function LossView({ n, kind }: { n: LossNumbers; kind: string }) {
  const presenting = usePresenting();
  const size = displaySize(presenting, 380);
  const name = (c: number) => (c === C ? "bg" : (WORKED_EXAMPLE.find((o) => o.cls === c)?.name ?? String(c)));
  return (
    <div className="row">
      <div>
        <AnchorBoxes
          size={size}
          grid={4}
          large={presenting}
          label="Positive anchors (dashed) and the boxes their activations decode to (solid)"
          marks={[
            ...WORKED_EXAMPLE.map((o) => ({
              corners: o.box.map((v) => v / SZ),
              color: "#555",
              label: o.name,
            })),
            ...n.positives.flatMap((i) => [
              { corners: n.anchorsCnr[i], color: classColor(n.targets[i]), dashed: true },
              { corners: n.decoded[i], color: classColor(n.targets[i]), bold: true, label: `${i}` },
            ]),
          ]}
        />
        <p className="hint">Dashed: positive anchors. Solid: the boxes the activations decode to.</p>
      </div>
      <div className="numbers" data-role="loss-numbers">
        <table className="num-table">
          <caption>The loss for this image ({kind} activations)</caption>
          <tbody>
            <tr>
              <th scope="row">loc: mean |decoded − ground truth| over positives</th>
              <td className="num" data-value="loc">
                {f4(n.loc)}
              </td>
            </tr>
            <tr>
              <th scope="row">clas: BCE, 20 columns, background dropped (÷ 20)</th>
              <td className="num" data-value="bce">
                {f4(n.bce)}
              </td>
            </tr>
            <tr>
              <th scope="row">the same with focal loss (α 0.25, γ 1)</th>
              <td className="num">{f4(n.focal)}</td>
            </tr>
            <tr>
              <th scope="row">for comparison: softmax cross-entropy over 21 (with bg)</th>
              <td className="num">{f4(n.softmax)}</td>
            </tr>
          </tbody>
        </table>
        <table className="num-table">
          <caption>Positive anchors: anchor → decoded box vs its object (pixels of 224)</caption>
          <thead>
            <tr>
              <th>#</th>
              <th>target</th>
              <th>anchor</th>
              <th>decoded</th>
              <th>object</th>
            </tr>
          </thead>
          <tbody>
            {n.positives.map((i) => (
              <tr key={i}>
                <td>{i}</td>
                <td>{name(n.targets[i])}</td>
                <td>{px(n.anchorsCnr[i])}</td>
                <td>{px(n.decoded[i])}</td>
                <td>{px(n.gtBoxes[i])}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="hint">
          Targets for the other {16 - n.positives.length} anchors: background — a row of 20 zeros once the
          background column is dropped, so “background” means “none of the classes”, and the model never has
          to learn a “background” feature.
        </p>
      </div>
    </div>
  );
}

export const cell: CellModule = {
  sources: [
    { name: "src/ssd/loss-ssd.ts", code: ssdSrc },
    { name: "src/ssd/loss-class.ts", code: classSrc },
    { name: "src/ssd/decode.ts", code: decodeSrc },
  ],
  async run(ctx) {
    const kind = ctx.get(ACTIVATIONS);
    const seed = ctx.get(SEED);
    const threshold = ctx.get(THRESHOLD);
    const n = await lossAnatomy(kind, seed, threshold);
    ctx.render(
      <>
        <LossView n={n} kind={kind} />
        <h3>The lesson's loop vs the batched loss</h3>
        <LossCompare seed={seed} threshold={threshold} quick={ctx.maxSteps !== null} />
      </>,
    );
    return undefined;
  },
};
