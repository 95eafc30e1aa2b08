// Cell "predict": the trained SSD on one picture — a validation image, an uploaded photo or a webcam frame —
// with every candidate box above the confidence threshold next to what non-maximum suppression keeps.
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { trainValSplit } from "../../data/lesson";
import type { Dataset, RgbaImage, VocImage } from "../../data/types";
import { errorText } from "../../errors";
import predictSrc from "../../model/predict.ts?raw";
import { useSetting } from "../../settings";
import nmsSrc from "../../ssd/nms.ts?raw";
import { type DrawnBox, ImageBoxes } from "../../viz/ImageBoxes";
import { classColor } from "../../viz/palette";
import { usePresenting } from "../../viz/ui/presenting";
import { onCheckpointSaved } from "../common/checkpoints";
import { fitWidth } from "../common/DatasetImage";
import { getDataset, imageOf, useDataset } from "../common/dataset";
import { ImagePager, useImageIndex } from "../common/ImagePager";
import { ModelBadge } from "../common/ModelBadge";
import {
  cachedPredictions,
  type InferenceModel,
  loadInferenceModel,
  predictRaw,
  type RawPrediction,
} from "../common/model";
import modelSrc from "../common/model.ts?raw";
import { SCORE } from "../settings";
import type { CellModule, RunContext } from "../types";
import { NMS } from "./def";
import { beforeAfter, toImagePixels, topScore } from "./detect";
import detectSrc from "./detect.ts?raw";
import { fileToRgba, grabFrame, startCamera, stopCamera } from "./sources";

type Source = "val" | "upload" | "webcam";
interface Shown {
  key: string;
  image: RgbaImage;
  raw: RawPrediction;
  /** ground truth (validation images only) */
  truth?: VocImage;
}

function boxesOf(
  list: { box: number[]; cls: number; score: number }[],
  im: RgbaImage,
  ds: Dataset | null,
  faint: boolean,
): DrawnBox[] {
  return list.map((d) => {
    const name = ds?.classes[d.cls] ?? String(d.cls);
    return {
      box: toImagePixels(d.box, im.width, im.height),
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
  /** called once the first picture is predicted (or could not be): the cell's run is then done */
  onFirst(): void;
}

function PredictView({ ctx, first, onFirst }: ViewProps) {
  const presenting = usePresenting();
  const ds = useDataset() ?? first.ds;
  const [model, setModel] = useState(first.model);
  const [source, setSource] = useState<Source>("val");
  /** the photo the user picked (kept until another is picked or the cell is run again) */
  const [uploaded, setUploaded] = useState<{ name: string; image: RgbaImage } | null>(null);
  const [score] = useSetting(SCORE);
  const [overlap] = useSetting(NMS);
  const [showTruth, setShowTruth] = useState(true);
  const [shown, setShown] = useState<Shown | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [live, setLive] = useState(false);
  const [camera, setCamera] = useState<MediaStream | null>(null);
  const video = useRef<HTMLVideoElement>(null);
  const val = useMemo(() => trainValSplit(ds).val, [ds]);
  const [k, go] = useImageIndex(val.length);

  // New weights saved by a training cell: reload the model (cached predictions key on its id).
  useEffect(
    () =>
      onCheckpointSaved(() => {
        void loadInferenceModel({ datasetName: ds.name, quick: ctx.maxSteps !== null }).then(setModel, (e) =>
          setMessage(errorText(e)),
        );
      }),
    [ds, ctx.maxSteps],
  );

  // Predict the picture the source points at (a validation image or the uploaded photo); a newer picture
  // cancels what an older one was still computing, so the last choice always wins.
  useEffect(() => {
    if (source === "webcam") return;
    let current = true;
    const predict = async (): Promise<Shown | null> => {
      if (source === "upload") {
        if (!uploaded) return null;
        const [raw] = await predictRaw(model, [uploaded.image]);
        return { key: uploaded.name, image: uploaded.image, raw };
      }
      const im = val[k];
      if (!im) throw new Error("The validation set is empty.");
      const [raw] = await cachedPredictions(model, [
        { id: `${ds.source}/${im.id}`, load: () => imageOf(ds, im) },
      ]);
      return { key: im.id, image: await imageOf(ds, im), raw, truth: im };
    };
    setMessage(null);
    setBusy(true);
    predict()
      .then(
        (next) => current && next && setShown(next),
        (e: unknown) => current && setMessage(errorText(e)),
      )
      .finally(() => {
        if (current) setBusy(false);
        onFirst();
      });
    return () => {
      current = false;
    };
  }, [source, uploaded, k, val, ds, model, onFirst]);

  // Webcam: one frame on demand, or continuously while "live" is on.
  const detectFrame = useCallback(async () => {
    const v = video.current;
    if (!v) return;
    const image = grabFrame(v);
    const [raw] = await predictRaw(model, [image]);
    setShown({ key: "webcam", image, raw });
  }, [model]);
  useEffect(() => {
    if (!live || !camera) return;
    let on = true;
    const loop = async () => {
      while (on) {
        try {
          await detectFrame();
        } catch (e) {
          setMessage(errorText(e));
          break;
        }
        await new Promise((r) => requestAnimationFrame(r));
      }
    };
    void loop();
    return () => {
      on = false;
    };
  }, [live, camera, detectFrame]);
  // The camera stops when the cell is re-run or leaves the page, and when the view goes.
  useEffect(() => {
    if (!camera) return;
    const v = video.current;
    const stop = () => stopCamera(camera, v);
    ctx.signal.addEventListener("abort", stop);
    return () => {
      ctx.signal.removeEventListener("abort", stop);
      stop();
    };
  }, [camera, ctx.signal]);

  const view = useMemo(
    () => (shown ? beforeAfter(shown.raw, score, overlap) : null),
    [shown, score, overlap],
  );
  const top = useMemo(() => (shown ? topScore(shown.raw) : null), [shown]);
  const pick = async (f: File | undefined) => {
    if (!f) return;
    try {
      const image = await fileToRgba(f);
      setShown(null);
      setUploaded({ name: f.name, image });
      setSource("upload");
    } catch (e) {
      setMessage(errorText(e));
    }
  };
  const camStart = async () => {
    setSource("webcam");
    setMessage(null);
    const v = video.current;
    if (!v || camera) return;
    try {
      setCamera(await startCamera(v));
    } catch (e) {
      setMessage(errorText(e));
    }
  };
  const camStop = () => {
    setLive(false);
    setCamera(null);
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
          <ImagePager k={k} n={val.length} go={go} noun="validation image">
            {k + 1} of {val.length} ({val[k]?.file})
          </ImagePager>
          <label>
            <input type="checkbox" checked={showTruth} onChange={(e) => setShowTruth(e.target.checked)} />{" "}
            ground truth (dashed)
          </label>
        </div>
      )}
      <div className="chips" style={{ display: source === "webcam" ? undefined : "none" }}>
        {/* biome-ignore lint/a11y/useMediaCaption: a muted camera preview, no audio to caption */}
        <video ref={video} className="webcam" width={160} height={120} aria-label="Camera preview" />
        {camera ? (
          <>
            <button type="button" onClick={() => void detectFrame().catch((e) => setMessage(errorText(e)))}>
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
                    {toImagePixels(d.box, shown.image.width, shown.image.height)
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
    // The first picture is predicted before the cell reports done (tests wait for it).
    let onFirst = () => {};
    const first = new Promise<void>((resolve) => {
      onFirst = resolve;
    });
    ctx.render(<PredictView ctx={ctx} first={{ model, ds }} onFirst={onFirst} />);
    await first;
    return undefined;
  },
};
