// Cell "predict": the trained SSD on one picture — a validation image, an uploaded photo or a webcam frame —
// with every candidate box above the confidence threshold next to what non-maximum suppression keeps.
import { useEffect, useMemo, useRef, useState } from "react";
import { trainValSplit } from "../../data/lesson";
import type { Dataset, RgbaImage, VocImage } from "../../data/types";
import predictSrc from "../../model/predict.ts?raw";
import nmsSrc from "../../ssd/nms.ts?raw";
import { type DrawnBox, ImageBoxes } from "../../viz/ImageBoxes";
import { classColor } from "../../viz/palette";
import { usePresenting } from "../../viz/ui/presenting";
import { onCheckpointSaved } from "../common/checkpoints";
import { clampIndex, getDataset, imageOf, useDataset } from "../common/dataset";
import {
  cachedPredictions,
  type InferenceModel,
  loadInferenceModel,
  predictRaw,
  type RawPrediction,
} from "../common/model";
import modelSrc from "../common/model.ts?raw";
import { fitWidth } from "../data/image";
import type { CellModule, RunContext } from "../types";
import { beforeAfter, toPixels, topScore } from "./detect";
import detectSrc from "./detect.ts?raw";
import { ModelBadge } from "./ModelBadge";
import { fileToRgba, grabFrame, startCamera, stopCamera } from "./sources";

type Source = "val" | "upload" | "webcam";
interface Shown {
  key: string;
  image: RgbaImage;
  raw: RawPrediction;
  /** ground truth (validation images only) */
  truth?: VocImage;
}

/** The uploaded photo survives re-runs of the cell (the page keeps it until another is picked). */
let uploaded: { name: string; image: RgbaImage } | null = null;
/** The camera, if the user started it; the cell's disposer stops it. */
let camera: MediaStream | null = null;

function boxesOf(
  list: { box: number[]; cls: number; score: number }[],
  im: RgbaImage,
  ds: Dataset | null,
  faint: boolean,
): DrawnBox[] {
  return list.map((d) => {
    const name = ds?.classes[d.cls] ?? String(d.cls);
    return {
      box: toPixels(d.box, im.width, im.height),
      color: classColor(d.cls),
      label: faint ? undefined : `${name} ${d.score.toFixed(2)}`,
      faint,
      detail: `${name} · score ${d.score.toFixed(3)}`,
    };
  });
}

interface ViewProps {
  ctx: RunContext;
  first: { model: InferenceModel; ds: Dataset };
}

function PredictView({ ctx, first }: ViewProps) {
  const presenting = usePresenting();
  const ds = useDataset() ?? first.ds;
  const [model, setModel] = useState(first.model);
  const [source, setSource] = useState<Source>("val");
  const [index, setIndex] = useState(Number(ctx.settings.image) - 1);
  const [score, setScore] = useState(Number(ctx.settings.score));
  const [overlap, setOverlap] = useState(Number(ctx.settings.nms));
  const [showTruth, setShowTruth] = useState(true);
  const [shown, setShown] = useState<Shown | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [live, setLive] = useState(false);
  const [camOn, setCamOn] = useState(camera !== null);
  const video = useRef<HTMLVideoElement>(null);
  const val = useMemo(() => trainValSplit(ds).val, [ds]);
  const k = clampIndex(index, val.length);

  // New weights saved by a training cell: reload the model (cached predictions key on its id).
  useEffect(
    () =>
      onCheckpointSaved(() => {
        void loadInferenceModel({ datasetName: ds.name, quick: ctx.maxSteps !== null }).then(setModel, (e) =>
          setMessage(String(e)),
        );
      }),
    [ds, ctx],
  );

  // Predict the picture the source points at.
  useEffect(() => {
    let live_ = true;
    const go = async () => {
      setMessage(null);
      if (source === "val") {
        const im = val[k];
        if (!im) return setMessage("The validation set is empty.");
        setBusy(true);
        const [raw] = await cachedPredictions(model, [
          { id: `${ds.source}/${im.id}`, load: () => imageOf(ds, im) },
        ]);
        const image = await imageOf(ds, im);
        if (live_) setShown({ key: im.id, image, raw, truth: im });
      } else if (source === "upload" && uploaded) {
        setBusy(true);
        const [raw] = await predictRaw(model, [uploaded.image]);
        if (live_) setShown({ key: uploaded.name, image: uploaded.image, raw });
      }
    };
    go()
      .catch((e) => live_ && setMessage(e instanceof Error ? e.message : String(e)))
      .finally(() => live_ && setBusy(false));
    return () => {
      live_ = false;
    };
  }, [source, k, val, ds, model]);

  // Webcam: one frame on demand, or continuously while "live" is on.
  const detectFrame = async () => {
    const v = video.current;
    if (!v) return;
    const image = grabFrame(v);
    const [raw] = await predictRaw(model, [image]);
    setShown({ key: "webcam", image, raw });
  };
  useEffect(() => {
    if (!live || !camOn) return;
    let on = true;
    const loop = async () => {
      while (on && !ctx.signal.aborted) {
        try {
          await detectFrame();
        } catch (e) {
          setMessage(e instanceof Error ? e.message : String(e));
          break;
        }
        await new Promise((r) => requestAnimationFrame(r));
      }
    };
    void loop();
    return () => {
      on = false;
    };
  });
  useEffect(
    () => () => {
      stopCamera(camera, video.current);
      camera = null;
    },
    [],
  );

  const view = useMemo(
    () => (shown ? beforeAfter(shown.raw, score, overlap) : null),
    [shown, score, overlap],
  );
  const top = useMemo(() => (shown ? topScore(shown.raw) : null), [shown]);
  const setS = (v: number) => {
    setScore(v);
    ctx.setSettings({ score: v });
  };
  const setO = (v: number) => {
    setOverlap(v);
    ctx.setSettings({ nms: v });
  };
  const go = (j: number) => {
    const n = val.length;
    const next = ((j % n) + n) % n;
    setIndex(next);
    ctx.setSettings({ image: next + 1 });
  };
  const pick = async (f: File | undefined) => {
    if (!f) return;
    try {
      uploaded = { name: f.name, image: await fileToRgba(f) };
      setSource("upload");
      setShown(null);
      const [raw] = await predictRaw(model, [uploaded.image]);
      setShown({ key: f.name, image: uploaded.image, raw });
    } catch (e) {
      setMessage(e instanceof Error ? e.message : String(e));
    }
  };
  const camStart = async () => {
    setSource("webcam");
    setMessage(null);
    try {
      const v = video.current;
      if (!v) return;
      camera = await startCamera(v);
      setCamOn(true);
    } catch (e) {
      setMessage(e instanceof Error ? e.message : String(e));
    }
  };
  const camStop = () => {
    setLive(false);
    stopCamera(camera, video.current);
    camera = null;
    setCamOn(false);
  };

  const w = shown ? fitWidth(shown.image, presenting ? 520 : 400, presenting ? 420 : 360) : 0;
  const truth: DrawnBox[] =
    shown?.truth && showTruth
      ? shown.truth.objects.map((o) => ({
          box: o.box,
          color: "#222",
          dashed: true,
          detail: `ground truth: ${o.name}`,
        }))
      : [];
  return (
    <div data-role="predict-view">
      <ModelBadge source={model.source} />
      <div role="group" aria-label="Picture to predict on" className="chips">
        <span>Picture:</span>
        <button type="button" aria-pressed={source === "val"} onClick={() => setSource("val")}>
          Validation image
        </button>
        <label className="file-button">
          Upload a photo…
          <input
            type="file"
            accept="image/*"
            data-role="upload"
            onChange={(e) => void pick(e.target.files?.[0])}
          />
        </label>
        <button type="button" aria-pressed={source === "webcam"} onClick={() => void camStart()}>
          Webcam
        </button>
      </div>
      {source === "val" && (
        <div className="chips">
          <span>Image:</span>
          <button type="button" onClick={() => go(k - 1)} aria-label="Previous validation image">
            ◀
          </button>
          <span data-role="image-index">
            {k + 1} of {val.length} ({val[k]?.file})
          </span>
          <button type="button" onClick={() => go(k + 1)} aria-label="Next validation image">
            ▶
          </button>
          <label>
            <input type="checkbox" checked={showTruth} onChange={(e) => setShowTruth(e.target.checked)} />{" "}
            ground truth (dashed)
          </label>
        </div>
      )}
      <div className="chips" style={{ display: source === "webcam" ? undefined : "none" }}>
        {/* biome-ignore lint/a11y/useMediaCaption: a muted camera preview, no audio to caption */}
        <video ref={video} className="webcam" width={160} height={120} aria-label="Camera preview" />
        {camOn ? (
          <>
            <button type="button" onClick={() => void detectFrame().catch((e) => setMessage(String(e)))}>
              Detect this frame
            </button>
            <label>
              <input type="checkbox" checked={live} onChange={(e) => setLive(e.target.checked)} />{" "}
              continuously
            </label>
            <button type="button" onClick={camStop}>
              Stop camera
            </button>
          </>
        ) : (
          <button type="button" onClick={() => void camStart()}>
            Start camera
          </button>
        )}
      </div>
      <div className="predict-sliders">
        <label>
          Confidence threshold (sigmoid score) <b data-value="score">{score.toFixed(2)}</b>
          <input
            type="range"
            min={0.05}
            max={0.95}
            step={0.05}
            value={score}
            data-role="score"
            onChange={(e) => setS(Number(e.target.value))}
          />
        </label>
        <label>
          NMS overlap (IoU above which a box is dropped) <b data-value="nms">{overlap.toFixed(2)}</b>
          <input
            type="range"
            min={0.1}
            max={0.9}
            step={0.05}
            value={overlap}
            data-role="nms"
            onChange={(e) => setO(Number(e.target.value))}
          />
        </label>
      </div>
      {message && (
        <p className="hint" role="status" data-role="message">
          {message}
        </p>
      )}
      {busy && !shown && <p className="hint">Running the backbone and the head…</p>}
      {top && (
        <p className="hint" data-role="top-score">
          Highest class score on this picture: <b>{top.score.toFixed(3)}</b> ({ds.classes[top.cls] ?? top.cls}
          ).
          {view && view.before.length === 0
            ? " Nothing clears the threshold: lower it to see the candidates."
            : ""}
        </p>
      )}
      {shown && view && (
        <div className="row">
          <ImageBoxes
            image={shown.image}
            width={w}
            large={presenting}
            boxes={boxesOf(view.before, shown.image, ds, true)}
            caption={
              <span data-role="before-count" data-value={view.before.length}>
                Before NMS: <b>{view.before.length}</b> (anchor, class) pairs score above {score.toFixed(2)}
              </span>
            }
          />
          <ImageBoxes
            image={shown.image}
            width={w}
            large={presenting}
            boxes={[...truth, ...boxesOf(view.after, shown.image, ds, false)]}
            caption={
              <span data-role="after-count" data-value={view.after.length}>
                After NMS: <b>{view.after.length}</b> kept (per class, overlap &gt; {overlap.toFixed(2)}{" "}
                suppressed)
              </span>
            }
          />
          <table className="num-table" data-role="detections">
            <caption>Kept detections</caption>
            <thead>
              <tr>
                <th>class</th>
                <th>score</th>
                <th>box [t, l, b, r] px</th>
              </tr>
            </thead>
            <tbody>
              {view.after.slice(0, presenting ? 6 : 12).map((d, i) => (
                <tr key={`${d.cls}-${i}`}>
                  <td>
                    <span className="swatch-box" style={{ borderColor: classColor(d.cls) }} />
                    {ds.classes[d.cls] ?? d.cls}
                  </td>
                  <td className="num">{d.score.toFixed(3)}</td>
                  <td>
                    [
                    {toPixels(d.box, shown.image.width, shown.image.height)
                      .map((v) => Math.round(v))
                      .join(", ")}
                    ]
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

export const cell: CellModule = {
  sources: [
    { name: "src/model/predict.ts", code: predictSrc },
    { name: "src/ssd/nms.ts", code: nmsSrc },
    { name: "src/lessons/predict/detect.ts", code: detectSrc },
    { name: "src/lessons/common/model.ts", code: modelSrc },
  ],
  async run(ctx) {
    ctx.render(<p className="hint">Loading the backbone and the trained head…</p>);
    const ds = await getDataset();
    const model = await loadInferenceModel({ datasetName: ds.name, quick: ctx.maxSteps !== null });
    const val = trainValSplit(ds).val;
    const im = val[clampIndex(Number(ctx.settings.image) - 1, val.length)];
    // The first picture is predicted before the cell reports done (tests wait for it).
    if (im) await cachedPredictions(model, [{ id: `${ds.source}/${im.id}`, load: () => imageOf(ds, im) }]);
    ctx.render(<PredictView ctx={ctx} first={{ model, ds }} />);
    return () => {
      stopCamera(camera);
      camera = null;
    };
  },
};
