// Cell "augment": a re-rollable grid of augmented samples with their boxes moved (tfm_y=COORD) beside the
// very same pictures with the boxes left alone (tfm_y=NO), and a rotation slider that shows why boxes get
// loose: the turned box is a parallelogram, and its enclosing box is bigger than the object.
import { useMemo } from "react";
import gridSrc from "../../augment/grid.ts?raw";
import { augmentGrid, BOX_TRANSFORM_NOTE } from "../../augment/index";
import planSrc from "../../augment/plan.ts?raw";
import type { RgbaImage, VocImage } from "../../data/types";
import { useSetting } from "../../settings";
import { type DrawnBox, ImageBoxes } from "../../viz/ImageBoxes";
import { classColor } from "../../viz/palette";
import { usePresenting } from "../../viz/ui/presenting";
import { getDataset, useDataset, useImage } from "../common/dataset";
import { ImagePager, useImageIndex } from "../common/ImagePager";
import { SEED } from "../settings";
import type { CellModule } from "../types";
import { CropCompare } from "./CropCompare";
import { AUGS, ROTATION } from "./def";
import { type AugSet, pipelineFor } from "./pipelines";
import { loosenedBoxes, squareGrowth } from "./rotate-demo";
import rotateSrc from "./rotate-demo.ts?raw";

function boxesOf(im: VocImage, boxes: readonly number[][]): DrawnBox[] {
  return boxes.flatMap((b, j) =>
    b[2] - b[0] > 0
      ? [{ box: b as DrawnBox["box"], color: classColor(im.objects[j].cls), label: im.objects[j].name }]
      : [],
  );
}

/** Whether a turned box pokes out of the image (then the new box is clipped and the ratio is smaller). */
function clipped(outline: [number, number][], sz: number): boolean {
  return outline.some(([x, y]) => x < 0 || y < 0 || x > sz - 1 || y > sz - 1);
}

interface GridProps {
  im: VocImage;
  px: RgbaImage;
  seed: number;
  set: AugSet;
  deg: number;
}

function Grid({ im, px, seed, set, deg }: GridProps) {
  const presenting = usePresenting();
  const n = 6;
  const grid = useMemo(
    () =>
      augmentGrid(
        px,
        im.objects.map((o) => o.box),
        pipelineFor(set, deg).augs,
        { n, seed, sz: 224 },
      ),
    [px, im, set, deg, seed],
  );
  const w = presenting ? 240 : 132;
  const panel = (which: "coord" | "none") => (
    <div className="aug-panel" data-role={`aug-${which}`}>
      <h3>
        {which === "coord"
          ? "Boxes moved with the image (tfm_y=COORD)"
          : "Boxes left alone (tfm_y=NO): wrong"}
      </h3>
      <div className="aug-grid">
        {grid[which].map((s, j) => (
          <ImageBoxes
            key={j}
            image={s.image}
            boxes={boxesOf(im, s.boxes)}
            width={w}
            large={presenting}
            caption={grid.captions[j]}
          />
        ))}
      </div>
    </div>
  );
  return (
    <div className="row">
      {panel("coord")}
      {panel("none")}
    </div>
  );
}

function Loosen({ im, px, deg }: { im: VocImage; px: RgbaImage; deg: number }) {
  const presenting = usePresenting();
  const r = useMemo(
    () =>
      loosenedBoxes(
        px,
        im.objects.map((o) => o.box),
        deg,
      ),
    [px, im, deg],
  );
  const width = presenting ? 360 : 320;
  const s = width / r.image.width;
  return (
    <div className="row" data-role="loosen">
      <ImageBoxes
        image={r.image}
        boxes={boxesOf(im, r.boxes)}
        width={width}
        large={presenting}
        caption={`rotated exactly ${deg}° · dashed: the object's box turned · solid: the new box`}
      >
        <svg
          width={width}
          height={width}
          style={{ position: "absolute", inset: 0, pointerEvents: "none" }}
          aria-hidden="true"
        >
          {r.outlines.map((pts, j) => (
            <g key={j}>
              <polygon
                points={pts.map(([x, y]) => `${(x + 0.5) * s},${(y + 0.5) * s}`).join(" ")}
                fill="none"
                stroke="#000"
                strokeOpacity={0.7}
                strokeWidth={presenting ? 5 : 4}
              />
              <polygon
                points={pts.map(([x, y]) => `${(x + 0.5) * s},${(y + 0.5) * s}`).join(" ")}
                fill="none"
                stroke="#fff"
                strokeWidth={presenting ? 3 : 2}
                strokeDasharray="6 4"
              />
            </g>
          ))}
        </svg>
      </ImageBoxes>
      <div className="numbers">
        <table className="num-table" data-role="growth">
          <caption>How much bigger the new box is than the turned object box</caption>
          <thead>
            <tr>
              <th>object</th>
              <th>enclosing ÷ turned area</th>
            </tr>
          </thead>
          <tbody>
            {im.objects.map((o, j) => (
              <tr key={j}>
                <td>
                  <span className="swatch-box" style={{ borderColor: classColor(o.cls) }} />
                  {o.name}
                </td>
                <td className="num">
                  {Number.isFinite(r.growth[j]) ? `×${r.growth[j].toFixed(2)}` : "—"}
                  {clipped(r.outlines[j], r.image.width) ? " (clipped at the edge)" : ""}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <p>
          A square object turned by {deg}° gets a box (cos θ + sin θ)² = ×{squareGrowth(deg).toFixed(2)} its
          size (×{squareGrowth(3).toFixed(2)} at 3°, ×{squareGrowth(30).toFixed(2)} at 30°). The model is then
          taught boxes with background in their corners — which is why the lesson keeps rotations to 3°.
        </p>
      </div>
    </div>
  );
}

function AugmentView() {
  const ds = useDataset();
  const [seed, setSeed] = useSetting(SEED);
  const [deg] = useSetting(ROTATION);
  const [set] = useSetting(AUGS);
  const n = ds?.images.length ?? 0;
  const [i, go] = useImageIndex(n);
  const im = ds?.images[i];
  const px = useImage(ds, im);
  const { text } = pipelineFor(set, deg);
  if (!ds || !im) return <p className="hint">{ds ? "This dataset has no images." : "Loading the data…"}</p>;
  return (
    <div data-role="augment-view" data-seed={seed}>
      <div className="row">
        <ImagePager k={i} n={n} go={go} />
        <div className="chips" role="group" aria-label="Augmentations">
          <button type="button" data-action="reroll" onClick={() => setSeed(seed + 1)}>
            Re-roll
          </button>
          <span>seed {seed}</span>
        </div>
      </div>
      <p className="hint">
        <code>aug_tfms = [{text}]</code> then <code>NoCrop(224)</code>, on image {i + 1} of {n}.
      </p>
      {px?.image ? (
        <>
          <Grid im={im} px={px.image} seed={seed} set={set} deg={deg} />
          <h3>Why boxes get loose</h3>
          <Loosen im={im} px={px.image} deg={deg} />
          <h3>Random crop and zoom, next to the squish</h3>
          <CropCompare im={im} px={px.image} seed={seed} />
        </>
      ) : (
        <p className={px?.error ? "cell-error" : "hint"}>{px?.error ?? "decoding…"}</p>
      )}
      <p className="note" data-role="box-note">
        {BOX_TRANSFORM_NOTE}
      </p>
    </div>
  );
}

export const cell: CellModule = {
  sources: [
    { name: "src/augment/grid.ts", code: gridSrc },
    { name: "src/augment/plan.ts", code: planSrc },
    { name: "src/lessons/augment/rotate-demo.ts", code: rotateSrc },
  ],
  async run(ctx) {
    await getDataset();
    ctx.render(<AugmentView />);
    return undefined;
  },
};
