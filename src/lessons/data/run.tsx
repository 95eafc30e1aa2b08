// Cell "data": the dataset the notebook uses — one image large with its boxes and labels (hover a box for its
// class, size and flags), its objects as the lesson's [top, left, bottom, right], the class counts, a strip of
// further images, and where the data comes from (the synthetic built-in pack, a hosted pack, or dropped VOC).
import { useMemo } from "react";
import loadSrc from "../../data/load.ts?raw";
import objectsSrc from "../../data/objects.ts?raw";
import vocXmlSrc from "../../data/voc-xml.ts?raw";
import { BarChart } from "../../viz/BarChart";
import { classColor } from "../../viz/palette";
import { usePresenting } from "../../viz/ui/presenting";
import { classCounts, datasetTotals, nextImageWith } from "../common/counts";
import countsSrc from "../common/counts.ts?raw";
import { DatasetImage, fitWidth } from "../common/DatasetImage";
import { getDataset, useDataset } from "../common/dataset";
import { ImagePager, useImageIndex } from "../common/ImagePager";
import type { CellModule } from "../types";
import { DataSource } from "./source";

function DatasetView() {
  const presenting = usePresenting();
  const ds = useDataset();
  const [k, go] = useImageIndex(ds?.images.length ?? 0);
  const counts = useMemo(() => (ds ? classCounts(ds.classes, ds.images) : []), [ds]);
  const totals = useMemo(() => (ds ? datasetTotals(ds.images) : null), [ds]);
  if (!ds || !totals) return <p className="hint">Loading the data…</p>;
  const n = ds.images.length;
  const im = ds.images[k];
  const strip = Array.from({ length: Math.min(n - 1, presenting ? 5 : 6) }, (_, s) => (k + 1 + s) % n);
  return (
    <div data-role="data-view" data-images={n}>
      <p className={ds.synthetic ? "synthetic-banner" : "real-banner"} data-role="data-banner">
        {ds.synthetic ? (
          <>
            <b>Synthetic data:</b> emoji pictures of the 20 VOC classes with exact boxes, not photographs.
            Load the real Pascal VOC below.
          </>
        ) : (
          <>
            <b>{ds.name}</b>: {n} images, {totals.objects} objects.
          </>
        )}
      </p>
      <div className="row">
        <div>
          <ImagePager k={k} n={n} go={go}>
            image {k + 1} of {n}
            {im ? ` · ${im.file.split("/").pop()}` : ""}
          </ImagePager>
          {im ? (
            <DatasetImage
              ds={ds}
              image={im}
              width={fitWidth(im, presenting ? 460 : 420, presenting ? 400 : 380)}
              caption={`${im.width}×${im.height} px · ${im.objects.length} object${im.objects.length === 1 ? "" : "s"} · hover a box (dashed = difficult)`}
            />
          ) : (
            <p className="hint">This dataset has no images.</p>
          )}
        </div>
        <div className="numbers">
          {im && (
            <table className="num-table nowrap" data-role="objects">
              <caption>
                Objects as the lesson stores them: <code>[top, left, bottom, right]</code> in pixels
              </caption>
              <thead>
                <tr>
                  <th>class</th>
                  <th>box</th>
                  <th>size (w×h)</th>
                  <th>flags</th>
                </tr>
              </thead>
              <tbody>
                {im.objects.map((o, j) => (
                  <tr key={j}>
                    <td>
                      <span className="swatch-box" style={{ borderColor: classColor(o.cls) }} />
                      {o.name}
                    </td>
                    <td className="num">[{o.box.join(", ")}]</td>
                    <td className="num">
                      {o.box[3] - o.box[1] + 1}×{o.box[2] - o.box[0] + 1}
                    </td>
                    <td>
                      {[o.difficult && "difficult", o.truncated && "truncated"].filter(Boolean).join(", ")}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <BarChart
            title={`Objects per class (${totals.objects} objects in ${n} images)`}
            bars={counts.map((c) => ({
              label: c.name,
              values: [c.objects, c.images],
              color: classColor(c.cls),
            }))}
            series={["objects", "images containing it"]}
            xLabel="count (objects / images)"
            width={presenting ? 460 : 400}
            large={presenting}
            onSelect={(c) => {
              const j = nextImageWith(ds.images, c, k);
              if (j >= 0) go(j);
            }}
            selectHint="Click a class to jump to the next image that has one."
          />
        </div>
      </div>
      {strip.length > 0 && (
        <div className="thumb-strip" data-role="thumbs" role="group" aria-label="More images">
          {strip.map((j) => (
            <button
              key={ds.images[j].id}
              type="button"
              className="thumb"
              onClick={() => go(j)}
              aria-label={`Show image ${j + 1}`}
            >
              <DatasetImage
                ds={ds}
                image={ds.images[j]}
                width={fitWidth(ds.images[j], presenting ? 160 : 136, presenting ? 130 : 110)}
                caption={ds.images[j].objects.map((o) => o.name).join(", ") || "no objects"}
              />
            </button>
          ))}
        </div>
      )}
      <DataSource ds={ds} onLoaded={() => go(0)} />
    </div>
  );
}

export const cell: CellModule = {
  sources: [
    { name: "src/data/voc-xml.ts", code: vocXmlSrc },
    { name: "src/data/objects.ts", code: objectsSrc },
    { name: "src/data/load.ts", code: loadSrc },
    { name: "src/lessons/common/counts.ts", code: countsSrc },
  ],
  async run(ctx) {
    await getDataset();
    ctx.render(<DatasetView />);
    return undefined;
  },
};
