// Cell "match": the IoU of every anchor with every object (jaccard) and map_to_ground_truth, live as the
// student drags the ground-truth boxes; the threshold decides which anchors are positives.
import * as tf from "@tensorflow/tfjs-core";
import { useEffect, useMemo, useState } from "react";
import { useSetting } from "../../settings";
import { makeAnchors } from "../../ssd/anchors";
import { jaccard } from "../../ssd/iou";
import iouSrc from "../../ssd/iou.ts?raw";
import { mapToGroundTruthBatch } from "../../ssd/match";
import matchSrc from "../../ssd/match.ts?raw";
import { ANCHORS_4x4, ANCHORS_MULTI, type Box } from "../../ssd/types";
import { AnchorBoxes } from "../../viz/AnchorBoxes";
import { DraggableBoxes } from "../../viz/DraggableBoxes";
import { Heatmap } from "../../viz/Heatmap";
import { BACKGROUND_COLOR, classColor } from "../../viz/palette";
import { usePresenting } from "../../viz/ui/presenting";
import { displaySize, type ExampleObject, SZ, WORKED_EXAMPLE } from "../common/example";
import { THRESHOLD } from "../settings";
import type { CellModule } from "../types";

export interface MatchResult {
  overlaps: number[][];
  gtOverlap: number[];
  gtIdx: number[];
}

/** The positives: anchors whose best object's IoU is above the threshold (an object's best anchor has 1.99). */
export function positivesAt(gtOverlap: readonly number[], threshold: number): number[] {
  return gtOverlap.flatMap((v, k) => (v > threshold ? [k] : []));
}

/**
 * jaccard + map_to_ground_truth on the current boxes, read back asynchronously (a synchronous read
 * stalls, and on WebGPU can break, the device). The one-image case of the batched, loop-free matcher.
 */
export async function matchObjects(objects: ExampleObject[], corners: number[][]): Promise<MatchResult> {
  const [overlaps, gtOverlap, gtIdx] = tf.tidy(() => {
    const bbox = tf.tensor2d(objects.map((o) => o.box.map((v) => v / SZ)));
    const ov = jaccard(bbox, tf.tensor2d(corners)) as tf.Tensor2D;
    const m = mapToGroundTruthBatch(
      tf.expandDims(ov, 0) as tf.Tensor3D,
      tf.ones([1, objects.length], "bool"),
    );
    return [ov, tf.squeeze(m.gtOverlap, [0]), tf.squeeze(m.gtIdx, [0])];
  });
  try {
    const [o, g, i] = await Promise.all([overlaps.array(), gtOverlap.array(), gtIdx.array()]);
    return { overlaps: o as number[][], gtOverlap: g as number[], gtIdx: i as number[] };
  } finally {
    tf.dispose([overlaps, gtOverlap, gtIdx]);
  }
}

// The dragged boxes and the anchor set are the view's state: the threshold (a live setting) changes the
// positives without touching them; Run starts again from the lesson's example.
function MatchView({ first }: { first: MatchResult }) {
  const presenting = usePresenting();
  const [threshold] = useSetting(THRESHOLD);
  const [objects, setObjects] = useState<ExampleObject[]>(WORKED_EXAMPLE);
  const [multi, setMulti] = useState(false);
  const anchors = useMemo(() => makeAnchors(multi ? ANCHORS_MULTI : ANCHORS_4x4), [multi]);
  const [matched, setMatched] = useState<MatchResult>(first);
  useEffect(() => {
    let live = true;
    matchObjects(objects, anchors.corners).then((m) => live && setMatched(m), console.error);
    return () => {
      live = false;
    };
  }, [objects, anchors]);
  const r = useMemo(
    () => ({ ...matched, positives: positivesAt(matched.gtOverlap, threshold) }),
    [matched, threshold],
  );
  const size = displaySize(presenting, 400);
  const gtClas = r.gtIdx.map((j, i) => (r.gtOverlap[i] > threshold ? (objects[j]?.name ?? "?") : "bg"));
  const pos = new Set(r.positives);
  const marks = anchors.corners.flatMap((c, i) =>
    multi && !pos.has(i)
      ? []
      : [
          {
            corners: c,
            color: pos.has(i) ? classColor(objects[r.gtIdx[i]]?.cls ?? -1) : BACKGROUND_COLOR,
            bold: pos.has(i),
            dashed: pos.has(i),
            label: pos.has(i) || !multi ? String(i) : undefined,
          },
        ],
  );
  return (
    <div>
      <div className="chips" role="group" aria-label="Anchor set">
        <span>Anchors:</span>
        <button type="button" aria-pressed={!multi} onClick={() => setMulti(false)}>
          4×4 (16)
        </button>
        <button type="button" aria-pressed={multi} onClick={() => setMulti(true)}>
          grids 4/2/1 × 9 (189)
        </button>
        <button type="button" onClick={() => setObjects(WORKED_EXAMPLE)}>
          Reset to the lesson's example
        </button>
      </div>
      <div className="row">
        <AnchorBoxes size={size} grid={4} marks={marks} large={presenting} label="Anchors and ground truth">
          <DraggableBoxes
            boxes={objects.map((o) => ({ box: o.box, color: classColor(o.cls), label: o.name }))}
            imageSize={SZ}
            size={size}
            large={presenting}
            onChange={(i, box: Box) => setObjects((os) => os.map((o, j) => (j === i ? { ...o, box } : o)))}
          />
        </AnchorBoxes>
        <div className="numbers" data-role="match-numbers">
          <p className="big-count">
            Positives (IoU &gt; {threshold.toFixed(2)} or an object's best anchor):{" "}
            <b data-role="positives">{r.positives.join(", ") || "none"}</b>
          </p>
          {!multi && (
            <Heatmap
              title="jaccard(bbox, anchor_cnr): objects × anchors (pink = positive)"
              values={r.overlaps}
              rowLabels={objects.map((o) => o.name)}
              colLabels={anchors.corners.map((_, i) => String(i))}
              marked={r.positives.map((a) => [r.gtIdx[a], a])}
              cell={presenting ? 38 : 30}
              large={presenting}
            />
          )}
          <table className="num-table">
            <caption>map_to_ground_truth, anchor by anchor{multi ? " (positives only)" : ""}</caption>
            <thead>
              <tr>
                <th>anchor</th>
                <th>gt_overlap</th>
                <th>gt_idx</th>
                <th>gt_clas</th>
              </tr>
            </thead>
            <tbody>
              {r.gtOverlap.map((v, i) =>
                multi && !pos.has(i) ? null : (
                  <tr key={i} className={pos.has(i) ? "pos" : undefined}>
                    <td>{i}</td>
                    <td className="num">{v.toFixed(4)}</td>
                    <td className="num">{r.gtIdx[i]}</td>
                    <td>{gtClas[i]}</td>
                  </tr>
                ),
              )}
            </tbody>
          </table>
          <p className="hint">
            1.99 marks an object's own best anchor, forced positive so every object gets at least one anchor.
            Drag a box (or focus it and use the arrow keys) and watch the positives change.
          </p>
        </div>
      </div>
    </div>
  );
}

export const cell: CellModule = {
  sources: [
    { name: "src/ssd/match.ts", code: matchSrc },
    { name: "src/ssd/iou.ts", code: iouSrc },
  ],
  async run(ctx) {
    const first = await matchObjects(WORKED_EXAMPLE, makeAnchors(ANCHORS_4x4).corners);
    ctx.render(<MatchView first={first} />);
    return undefined;
  },
};
