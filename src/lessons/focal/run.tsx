// Cell "focal": focal loss vs BCE — the down-weighting curve (the paper's figure 1) computed with our own
// bceWithLogits and focalWeight, and what it does to the loss of 189 mostly-easy background anchors.
import * as tf from "@tensorflow/tfjs-core";
import { bceLoss, bceWithLogits, focalLoss, focalWeight } from "../../ssd/loss";
import classSrc from "../../ssd/loss-class.ts?raw";
import { LineChart, type Series } from "../../viz/LineChart";
import { usePresenting } from "../../viz/ui/presenting";
import type { CellModule } from "../types";
import { GAMMA } from "./def";

const GAMMAS = [0, 0.5, 1, 2, 5];
const P = Array.from({ length: 99 }, (_, i) => (i + 1) / 100);

/** Loss of a positive (t = 1) as a function of its probability p_t, for each γ (α = 1 to show the shape). */
async function curves(): Promise<Series[]> {
  const logits = P.map((p) => Math.log(p / (1 - p)));
  const ys = tf.tidy(() => {
    const x = tf.tensor1d(logits);
    const t = tf.onesLike(x);
    const bce = bceWithLogits(x, t);
    return GAMMAS.map((gamma) => tf.mul(bce, focalWeight(x, t, { alpha: 1, gamma })));
  });
  const data = await Promise.all(ys.map((y) => y.data()));
  tf.dispose(ys);
  return GAMMAS.map((g, i) => ({
    name: g === 0 ? "γ = 0 (cross-entropy)" : `γ = ${g}`,
    points: P.map((p, j) => [p, data[i][j]] as [number, number]),
  }));
}

interface Row {
  label: string;
  bce: number;
  focal: number;
}

/** BCE and focal loss for all-background anchors at a given bias (the heads' init), 189 anchors. */
async function table(gamma: number): Promise<Row[]> {
  const cases = [
    { label: "189 anchors, all background, logits −4 (SSD_MultiHead init)", n: 189, logit: -4 },
    { label: "16 anchors, all background, logits −3 (SSD_Head init)", n: 16, logit: -3 },
    { label: "16 anchors, all background, logits 0", n: 16, logit: 0 },
  ];
  const ts = tf.tidy(() =>
    cases.flatMap((c) => {
      const x = tf.fill([c.n, 21], c.logit);
      const t = tf.fill([c.n], 20, "int32");
      return [bceLoss(x, t, 20), focalLoss(x, t, 20, { gamma })];
    }),
  );
  const v = await Promise.all(ts.map((t) => t.data()));
  tf.dispose(ts);
  return cases.map((c, i) => ({ label: c.label, bce: v[2 * i][0], focal: v[2 * i + 1][0] }));
}

function FocalView({ series, rows, gamma }: { series: Series[]; rows: Row[]; gamma: number }) {
  const presenting = usePresenting();
  return (
    <div className="row">
      <LineChart
        title="Loss of one example vs how confident the model already is"
        series={series}
        xLabel="p_t: probability given to the right answer"
        yLabel="loss"
        width={presenting ? 640 : 520}
        height={presenting ? 380 : 300}
        yDomain={[0, 5]}
        large={presenting}
        legendValues={false}
      />
      <div className="numbers">
        <table className="num-table" data-role="focal-table">
          <caption>Class loss of easy background (α = 0.25, γ = {gamma})</caption>
          <thead>
            <tr>
              <th>
                <span className="sr-only">example</span>
              </th>
              <th>BCE</th>
              <th>focal</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.label}>
                <th scope="row">{r.label}</th>
                <td className="num">{r.bce.toFixed(4)}</td>
                <td className="num">{r.focal.toFixed(4)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p>
          At p<sub>t</sub> = 0.9 an example the model already gets right still costs{" "}
          {(-Math.log(0.9)).toFixed(3)} with cross-entropy, but only{" "}
          {(0.1 ** gamma * -Math.log(0.9)).toFixed(4)} with γ = {gamma}. With 189 anchors per image and only a
          handful of objects, those easy background anchors no longer drown out the few hard ones.
        </p>
        <p className="hint">
          The lesson's weight is not detached: gradients flow through (1 − p<sub>t</sub>)<sup>γ</sup> too.
          Train with focal loss in “Train the SSD head” (setting <code>loss = focal</code>) to see its effect
          on predictions.
        </p>
      </div>
    </div>
  );
}

export const cell: CellModule = {
  sources: [{ name: "src/ssd/loss-class.ts", code: classSrc }],
  async run(ctx) {
    const gamma = ctx.get(GAMMA);
    const [series, rows] = await Promise.all([curves(), table(gamma)]);
    ctx.render(<FocalView series={series} rows={rows} gamma={gamma} />);
    return undefined;
  },
};
