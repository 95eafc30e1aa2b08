// Cell "largest": the largest object of each image and why — every object's area by the lesson's rule
// (r1-r0)*(c1-c0), the winner (first on ties, as get_lrg's sort), a gallery of images reduced to their largest
// object, and what the simplification leaves out across the dataset.
import { useMemo } from "react";
import lessonSrc from "../../data/lesson.ts?raw";
import type { VocImage } from "../../data/types";
import boxesSrc from "../../ssd/boxes.ts?raw";
import { BarChart } from "../../viz/BarChart";
import type { DrawnBox } from "../../viz/ImageBoxes";
import { classColor } from "../../viz/palette";
import { usePresenting } from "../../viz/ui/presenting";
import { classCounts } from "../common/counts";
import { DatasetImage, fitWidth } from "../common/DatasetImage";
import { getDataset, useDataset } from "../common/dataset";
import { ImagePager, useImageIndex } from "../common/ImagePager";
import type { CellModule } from "../types";
import { type AreaRow, areaRows, largestStats } from "./ranking";
import rankingSrc from "./ranking.ts?raw";

/** All boxes faint and dashed, the largest one bold with its label. */
function largestBoxes(im: VocImage, rows: AreaRow[], onlyLargest = false): DrawnBox[] {
  return im.objects.flatMap((o, i) => {
    const big = rows[i]?.largest;
    if (onlyLargest && !big) return [];
    return [
      {
        box: o.box,
        color: classColor(o.cls),
        label: big ? (onlyLargest ? o.name : `largest: ${o.name}`) : undefined,
        dashed: !big,
        faint: !big,
        detail: `area (r1−r0)·(c1−c0) = ${rows[i]?.area}`,
      },
    ];
  });
}

function LargestView() {
  const presenting = usePresenting();
  const ds = useDataset();
  const [k, go] = useImageIndex(ds?.images.length ?? 0);
  const counts = useMemo(() => (ds ? classCounts(ds.classes, ds.images) : []), [ds]);
  const stats = useMemo(() => (ds ? largestStats(ds.images) : null), [ds]);
  if (!ds || !stats) return <p className="hint">Loading the data…</p>;
  const n = ds.images.length;
  if (n === 0) return <p className="hint">This dataset has no images.</p>;
  const im = ds.images[k];
  const rows = areaRows(im);
  const winner = rows.find((r) => r.largest);
  const tie = rows.some((r) => r.tiedWithLargest);
  const gallery = Array.from({ length: Math.min(n - 1, presenting ? 4 : 6) }, (_, s) => (k + 1 + s) % n);
  return (
    <div data-role="largest-view">
      <div className="row">
        <div>
          <ImagePager k={k} n={n} go={go} />
          <DatasetImage
            ds={ds}
            image={im}
            width={fitWidth(im, presenting ? 440 : 400, presenting ? 380 : 360)}
            boxes={largestBoxes(im, rows)}
            caption="bold: the largest object · dashed: the others"
          />
        </div>
        <div className="numbers">
          <table className="num-table nowrap" data-role="areas">
            <caption>
              Area = (bottom − top) · (right − left), in pixels² — the lesson's <code>get_lrg</code> key
            </caption>
            <thead>
              <tr>
                <th>#</th>
                <th>class</th>
                <th>box [t, l, b, r]</th>
                <th>(b − t) · (r − l)</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => {
                const b = im.objects[r.index].box;
                return (
                  <tr key={r.index} className={r.largest ? "pos" : undefined}>
                    <td className="num">{r.index}</td>
                    <td>
                      <span className="swatch-box" style={{ borderColor: classColor(r.cls) }} />
                      {r.name}
                      {r.largest ? " ← largest" : r.tiedWithLargest ? " (tie: the first wins)" : ""}
                    </td>
                    <td className="num">[{b.join(", ")}]</td>
                    <td className="num">
                      {b[2] - b[0]} · {b[3] - b[1]} = {r.area.toLocaleString("en")}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <p className="big-count" data-role="largest-answer">
            {winner ? (
              <>
                Largest: <b>{winner.name}</b>
                {rows.length > 1
                  ? `, ${rows.length - 1} other object${rows.length > 2 ? "s" : ""} ignored`
                  : ""}
                {tie ? " — a tie, so the first in the file wins (like a stable sort)." : "."}
              </>
            ) : (
              "No objects in this image: it has no largest object."
            )}
          </p>
          <p>
            Across all {n} images, {stats.multi} have more than one object: the single-object model ignores{" "}
            {stats.ignored} of {stats.ignored + stats.withObjects} objects. {stats.ties} image
            {stats.ties === 1 ? " was" : "s were"} decided by a tie.
          </p>
        </div>
      </div>
      <div className="row">
        <div
          className="thumb-strip"
          data-role="largest-gallery"
          role="group"
          aria-label="More images, largest object only"
        >
          {gallery.map((j) => {
            const g = ds.images[j];
            const gr = areaRows(g);
            return (
              <button
                key={g.id}
                type="button"
                className="thumb"
                onClick={() => go(j)}
                aria-label={`Show image ${j + 1}`}
              >
                <DatasetImage
                  ds={ds}
                  image={g}
                  width={fitWidth(g, presenting ? 150 : 128, presenting ? 120 : 104)}
                  boxes={largestBoxes(g, gr, true)}
                  caption={gr.find((r) => r.largest)?.name ?? "no objects"}
                />
              </button>
            );
          })}
        </div>
        <BarChart
          title="Per class: images where it is the largest object vs all its objects"
          bars={counts.map((c) => ({
            label: c.name,
            values: [c.largest, c.objects],
            color: classColor(c.cls),
          }))}
          series={["largest object of an image", "objects in all"]}
          xLabel="count (images / objects)"
          width={presenting ? 460 : 400}
          large={presenting}
        />
      </div>
    </div>
  );
}

export const cell: CellModule = {
  sources: [
    { name: "src/data/lesson.ts", code: lessonSrc },
    { name: "src/ssd/boxes.ts", code: boxesSrc },
    { name: "src/lessons/largest/ranking.ts", code: rankingSrc },
  ],
  async run(ctx) {
    await getDataset();
    ctx.render(<LargestView />);
    return undefined;
  },
};
