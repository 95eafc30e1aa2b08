// The squish the lesson uses (NoCrop: the whole picture resized to 224×224) next to a random crop + zoom of the
// same picture, boxes drawn on both, and what the crop did to each box: kept, clipped or dropped.
import { useMemo } from "react";
import { type BoxFate, cropZoomBoxes, MIN_VISIBLE } from "../../augment/crop-zoom";
import { sampleSeed } from "../../augment/random";
import { augmentSample } from "../../augment/sample";
import { NoCrop, RandomCropZoom } from "../../augment/transforms";
import type { RgbaImage, VocImage } from "../../data/types";
import type { Box } from "../../ssd/types";
import { type DrawnBox, ImageBoxes } from "../../viz/ImageBoxes";
import { classColor } from "../../viz/palette";
import { usePresenting } from "../../viz/ui/presenting";

const SZ = 224;
const FATE_TEXT: Record<BoxFate, string> = {
  kept: "kept (moved and zoomed)",
  clipped: "clipped at the crop's edge",
  dropped: "dropped (too little left)",
};

export function CropCompare({ im, px, seed }: { im: VocImage; px: RgbaImage; seed: number }) {
  const presenting = usePresenting();
  const r = useMemo(() => {
    const boxes = im.objects.map((o) => o.box);
    const s = sampleSeed(seed, 1000); // its own draw, apart from the grid's samples
    const squish = augmentSample(px, boxes, [NoCrop(SZ)], s);
    const crop = augmentSample(px, boxes, [RandomCropZoom(SZ)], s);
    const win = crop.plan.steps[0].params as { top: number; left: number; h: number; w: number };
    const fates = cropZoomBoxes(boxes, win, SZ);
    // the window drawn on the squished picture
    const sy = SZ / px.height;
    const sx = SZ / px.width;
    const window: Box = [
      win.top * sy,
      win.left * sx,
      (win.top + win.h - 1) * sy,
      (win.left + win.w - 1) * sx,
    ];
    return { squish, crop, win, fates, window };
  }, [px, im, seed]);
  const drawn = (bs: Box[]): DrawnBox[] =>
    bs.flatMap((b, j) =>
      b[2] - b[0] > 0 ? [{ box: b, color: classColor(im.objects[j].cls), label: im.objects[j].name }] : [],
    );
  const width = presenting ? 360 : 260;
  const counts = (f: BoxFate) => r.fates.fates.filter((x) => x === f).length;
  return (
    <div className="row" data-role="crop-compare" data-fates={r.fates.fates.join(",")}>
      <ImageBoxes
        image={r.squish.image}
        boxes={[
          ...drawn(r.squish.boxes),
          {
            box: r.window,
            color: "#fff",
            dashed: true,
            label: "crop window",
            detail: "the part zoomed on the right",
          },
        ]}
        width={width}
        caption="The lesson's squish: NoCrop(224), the whole picture · dashed: the random crop's window"
      />
      <ImageBoxes
        image={r.crop.image}
        boxes={drawn(r.crop.boxes)}
        width={width}
        caption={`Random crop ${r.win.h}×${r.win.w} at (${r.win.top}, ${r.win.left}), zoomed to 224×224`}
      />
      <div className="numbers">
        <table className="num-table" data-role="crop-fates">
          <caption>
            What the crop did to each box: {counts("kept")} kept, {counts("clipped")} clipped,{" "}
            {counts("dropped")} dropped
          </caption>
          <thead>
            <tr>
              <th>object</th>
              <th>of its box left</th>
              <th>box</th>
            </tr>
          </thead>
          <tbody>
            {im.objects.map((o, j) => (
              <tr key={j} data-fate={r.fates.fates[j]}>
                <td>
                  <span className="swatch-box" style={{ borderColor: classColor(o.cls) }} />
                  {o.name}
                </td>
                <td className="num">{Math.round(r.fates.visible[j] * 100)}%</td>
                <td>{FATE_TEXT[r.fates.fates[j]]}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="hint">
          A box the crop cuts keeps the part inside; one with under {MIN_VISIBLE * 100}% of it left (that also
          fills under {MIN_VISIBLE * 100}% of the crop) is dropped, like a box rotated out of the picture.
          Crops zoom in on objects and cut some off; the squish keeps every object but changes its shape.
          Re-roll for another crop.
        </p>
      </div>
    </div>
  );
}
