// Cell "evaluate": mAP@0.5 of the trained SSD over the validation set — VOC07 11-point and all-point —
// per-class AP, precision–recall curves per class, and what the false positives were.
import * as Comlink from "comlink";
import { useEffect, useMemo, useState } from "react";
import { trainValSplit } from "../../data/lesson";
import type { Dataset, VocImage } from "../../data/types";
import { errorText } from "../../errors";
import { useSetting } from "../../settings";
import type { Detection, GroundTruth } from "../../ssd/map";
import mapSrc from "../../ssd/map.ts?raw";
import { BarChart } from "../../viz/BarChart";
import { PrCurve } from "../../viz/PrCurve";
import { classColor } from "../../viz/palette";
import { usePresenting } from "../../viz/ui/presenting";
import { onCheckpointSaved } from "../common/checkpoints";
import { getDataset, imageOf } from "../common/dataset";
import { ModelBadge } from "../common/ModelBadge";
import type { ModelSource, UserCheckpointQuery } from "../common/model";
import { SCORE } from "../settings";
import type { CellModule, RunContext } from "../types";
import { PR_CLASS } from "./def";
import { confusions, type EvalImage, type MapBoth, OUTCOMES } from "./scoring";
import scoringSrc from "./scoring.ts?raw";
import type { EvaluateWorkerApi } from "./worker";

/** With `?steps=N` (tests) only this many validation images are evaluated: the backbone is slow on SwiftShader. */
export const TEST_IMAGES = 4;

interface Evaluated {
  source: ModelSource;
  ds: Dataset;
  images: VocImage[];
  total: number;
  lists: { dets: Detection[]; gts: GroundTruth[] };
  maps: MapBoth;
}

/** images per message to the worker: each is decoded here (a few ms) and predicted there */
const CHUNK = 4;

function evaluateWorker(): Worker {
  return new Worker(new URL("./worker.ts", import.meta.url), { type: "module" });
}

/**
 * Predict and score the validation set in a worker (src/lessons/evaluate/worker.ts): the page only decodes
 * images, a few at a time, and stays responsive (no main-thread task over 50 ms).
 */
async function evaluate(
  ds: Dataset,
  query: UserCheckpointQuery,
  forced: string | null,
  limit: number | null,
  onProgress: (done: number, total: number) => void,
  signal: AbortSignal,
): Promise<Evaluated> {
  const all = trainValSplit(ds).val;
  const images = limit ? all.slice(0, limit) : all;
  const worker = evaluateWorker();
  const remote = Comlink.wrap<EvaluateWorkerApi>(worker);
  const stop = () => worker.terminate();
  signal.addEventListener("abort", stop);
  try {
    const { source } = await remote.init(document.baseURI, query, forced);
    const classes = [...ds.classes];
    const dets: Detection[] = [];
    const gts: GroundTruth[] = [];
    onProgress(0, images.length);
    for (let i = 0; i < images.length; i += CHUNK) {
      if (signal.aborted) throw new DOMException("aborted", "AbortError");
      const some = images.slice(i, i + CHUNK);
      const pixels = await Promise.all(some.map((im) => imageOf(ds, im)));
      // copies: the decoded images stay in imageOf's cache for the other cells
      const copies = pixels.map((p) => ({ width: p.width, height: p.height, data: p.data.slice() }));
      const meta: EvalImage[] = some.map((im) => ({
        id: im.id,
        width: im.width,
        height: im.height,
        objects: im.objects,
      }));
      const out = await remote.predict(
        Comlink.transfer(
          copies,
          copies.map((c) => c.data.buffer as ArrayBuffer),
        ),
        meta,
        classes,
      );
      dets.push(...out.dets);
      gts.push(...out.gts);
      onProgress(Math.min(images.length, i + CHUNK), images.length);
    }
    const maps = await remote.mapBoth(dets, gts, classes);
    return { source, ds, images, total: all.length, lists: { dets, gts }, maps };
  } finally {
    signal.removeEventListener("abort", stop);
    worker.terminate();
  }
}

const pct = (v: number) => `${(100 * v).toFixed(1)}%`;

function EvaluateView({ ctx, first }: { ctx: RunContext; first: Evaluated }) {
  const presenting = usePresenting();
  const [ev, setEv] = useState(first);
  const [progress, setProgress] = useState<string | null>(null);
  const [minScore] = useSetting(SCORE);
  const [cls, setCls] = useSetting(PR_CLASS);
  const [picked, setPicked] = useState<string[]>(() => (ev.ds.classes.includes(cls) ? [cls] : []));
  const { ds, lists, maps } = ev;
  const conf = useMemo(() => confusions(lists.dets, lists.gts, minScore), [lists, minScore]);
  const scored = ds.classes.filter((c) => c in maps.voc07.ap);
  const ranked = [...scored].sort((a, b) => maps.voc07.ap[b] - maps.voc07.ap[a]);
  const picks = picked.filter((c) => c in maps.voc07.pr);
  // nothing picked yet: the best class's curve
  const shownClasses = picks.length ? picks : ranked.slice(0, 1);
  const curves = shownClasses.map((c) => ({
    name: `${c} (AP ${maps.voc07.ap[c].toFixed(2)})`,
    color: classColor(ds.classes.indexOf(c)),
    ...maps.voc07.pr[c],
  }));

  // New weights from a training cell: evaluate again.
  useEffect(
    () =>
      onCheckpointSaved(() => {
        void (async () => {
          const next = await evaluate(
            ev.ds,
            { datasetName: ev.ds.name, quick: ctx.maxSteps !== null },
            ctx.forcedBackend,
            ctx.maxSteps !== null ? TEST_IMAGES : null,
            (d, t) => setProgress(`Re-evaluating with the new weights: ${d} / ${t} images`),
            ctx.signal,
          );
          setEv(next);
          setProgress(null);
        })().catch((e) => setProgress(errorText(e)));
      }),
    [ev.ds, ctx],
  );

  const toggle = (c: string) => {
    const next = shownClasses.includes(c) ? shownClasses.filter((x) => x !== c) : [...shownClasses, c];
    setPicked(next);
    setCls(next[0] ?? "");
  };
  const total = OUTCOMES.reduce((s, o) => s + conf.counts[o], 0);
  return (
    <div data-role="evaluate-view">
      <ModelBadge source={ev.source} />
      {progress && <p className="hint">{progress}</p>}
      <p className="big-count" data-role="map">
        mAP@0.5 over <b>{ev.images.length}</b> validation images
        {ev.images.length < ev.total
          ? ` (of ${ev.total}: a quick run evaluates the first ${ev.images.length})`
          : ""}
        : VOC07 11-point{" "}
        <b data-value="map07" data-metric="map07">
          {maps.voc07.mAP.toFixed(3)}
        </b>{" "}
        · all-point{" "}
        <b data-value="mapall" data-metric="map-all">
          {maps.all.mAP.toFixed(3)}
        </b>
      </p>
      <p className="hint">
        {lists.dets.length} detections (score &gt; 0.01 after NMS, as VOC evaluations keep them) against{" "}
        {lists.gts.length} objects; {scored.length} classes have objects here
        {maps.voc07.skipped.length
          ? `, ${maps.voc07.skipped.length} have none and are left out of the mean`
          : ""}
        .
      </p>
      <div className="row">
        <BarChart
          title="Average precision per class (%)"
          series={["VOC07 11-point", "all-point"]}
          xLabel="AP at IoU 0.5 (%)"
          width={presenting ? 560 : 440}
          large={presenting}
          bars={ranked.map((c) => ({
            label: c,
            values: [+(100 * maps.voc07.ap[c]).toFixed(1), +(100 * maps.all.ap[c]).toFixed(1)],
            color: classColor(ds.classes.indexOf(c)),
          }))}
          onSelect={(i) => toggle(ranked[i])}
          selectHint="Click a class to show or hide its precision–recall curve."
        />
        <div>
          <PrCurve
            title="Precision–recall (detections by falling score)"
            curves={curves}
            large={presenting}
            width={presenting ? 520 : 420}
            height={presenting ? 380 : 320}
          />
          <div role="group" aria-label="Classes on the precision–recall chart" className="chips pr-chips">
            {ranked.map((c) => (
              <button
                type="button"
                key={c}
                aria-pressed={shownClasses.includes(c)}
                onClick={() => toggle(c)}
                style={{ borderColor: classColor(ds.classes.indexOf(c)) }}
              >
                {c}
              </button>
            ))}
          </div>
        </div>
      </div>
      <div className="row">
        <table className="num-table" data-role="confusions">
          <caption>
            What the {total} detections scoring ≥ {minScore.toFixed(2)} were
          </caption>
          <tbody>
            {OUTCOMES.map((o) => (
              <tr key={o} data-outcome={o}>
                <th scope="row">{o}</th>
                <td className="num">{conf.counts[o]}</td>
                <td className="num">{total ? pct(conf.counts[o] / total) : "–"}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <div className="numbers">
          <p className="hint">
            Correct: IoU &gt; 0.5 with an object of its class not yet found. Duplicate: that object was
            already found by a higher score (NMS let both through). Localisation: the right class but IoU only
            0.1–0.5. Wrong class: it overlaps (IoU ≥ 0.1) an object of another class. Background: nothing
            there.
            {conf.ignored > 0 ? ` ${conf.ignored} hit "difficult" objects and are not counted.` : ""}
            {total === 0
              ? " No detection scores this high: lower the threshold to see what the detector finds."
              : ""}
          </p>
          {conf.swaps.length > 0 && (
            <p data-role="swaps">
              Most confused:{" "}
              {conf.swaps
                .slice(0, 5)
                .map((s) => `${s.predicted} for ${s.actual} (${s.n})`)
                .join(", ")}
            </p>
          )}
        </div>
      </div>
    </div>
  );
}

export const cell: CellModule = {
  sources: [
    { name: "src/ssd/map.ts", code: mapSrc },
    { name: "src/lessons/evaluate/scoring.ts", code: scoringSrc },
  ],
  async run(ctx) {
    ctx.render(<p className="hint">Loading the backbone and the trained head…</p>);
    const ds = await getDataset();
    const ev = await evaluate(
      ds,
      { datasetName: ds.name, quick: ctx.maxSteps !== null },
      ctx.forcedBackend,
      ctx.maxSteps !== null ? TEST_IMAGES : null,
      (done, total) =>
        ctx.render(
          <p className="hint" data-role="progress">
            Predicting the validation set (in a worker): {done} / {total} images
            <progress max={total} value={done} />
          </p>,
        ),
      ctx.signal,
    );
    ctx.render(<EvaluateView ctx={ctx} first={ev} />);
    return undefined;
  },
};
