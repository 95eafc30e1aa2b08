// One dataset image with its boxes, decoded lazily, and the small helpers the data, largest and augment cells
// share (how wide to draw it, how its boxes look).
import type { ReactNode } from "react";
import type { Dataset, VocImage } from "../../data/types";
import { type DrawnBox, ImageBoxes } from "../../viz/ImageBoxes";
import { classColor } from "../../viz/palette";
import { usePresenting } from "../../viz/ui/presenting";
import { useImage } from "./dataset";

/** A display width that fits the image inside maxW × maxH (portrait images get narrower). */
export function fitWidth(im: { width: number; height: number }, maxW: number, maxH: number): number {
  return Math.round(Math.min(maxW, (maxH * im.width) / im.height));
}

/** The boxes of an image as drawn: the class colour, the name as label, the flags in the hover card. */
export function drawnBoxes(im: VocImage): DrawnBox[] {
  return im.objects.map((o) => ({
    box: o.box,
    label: o.name,
    color: classColor(o.cls),
    dashed: o.difficult,
    detail: `difficult: ${o.difficult ? "yes" : "no"} · truncated: ${o.truncated ? "yes" : "no"}`,
  }));
}

/** One image of the dataset with its boxes (decoded lazily). */
export function DatasetImage({
  ds,
  image,
  width,
  boxes,
  caption,
}: {
  ds: Dataset;
  image: VocImage;
  width: number;
  boxes?: DrawnBox[];
  caption?: ReactNode;
}) {
  const presenting = usePresenting();
  const px = useImage(ds, image);
  const height = Math.round((image.height / image.width) * width);
  if (!px?.image)
    return (
      <figure className="image-placeholder" style={{ width, margin: 0 }}>
        <div style={{ width, height }} className={px?.error ? "cell-error" : "loading-box"}>
          {px?.error ?? "decoding…"}
        </div>
        {caption && <figcaption>{caption}</figcaption>}
      </figure>
    );
  return (
    <ImageBoxes
      image={px.image}
      boxes={boxes ?? drawnBoxes(image)}
      width={width}
      large={presenting}
      caption={caption}
    />
  );
}
