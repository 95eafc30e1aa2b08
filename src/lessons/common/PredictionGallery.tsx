// The validation images with what the model predicts now drawn over the truth (updated after each epoch
// and each manual step). Each cell says which boxes to draw for an item.
import type { ReactNode } from "react";
import type { PreviewItem } from "../../train/preview";
import { type DrawnBox, ImageBoxes } from "../../viz/ImageBoxes";
import { usePresenting } from "../../viz/ui/presenting";
import { rgbaOf } from "./startTraining";

interface Props {
  items: PreviewItem[] | null;
  boxesOf(item: PreviewItem): DrawnBox[];
  captionOf?(item: PreviewItem): ReactNode;
  title: string;
  /** what the line styles mean */
  legend?: ReactNode;
}

export function PredictionGallery({ items, boxesOf, captionOf, title, legend }: Props) {
  const presenting = usePresenting();
  const width = presenting ? 300 : 224;
  return (
    <section className="prediction-gallery" data-role="predictions" aria-label={title}>
      <h3 className="chart-title">{title}</h3>
      {legend && <p className="hint">{legend}</p>}
      {!items ? (
        <p className="hint">Predicting…</p>
      ) : (
        <div className="row">
          {items.map((it) => (
            <div key={it.id} data-role="prediction" data-image={it.id}>
              <ImageBoxes
                image={rgbaOf(it)}
                boxes={boxesOf(it)}
                width={width}
                large={presenting}
                caption={captionOf?.(it)}
              />
            </div>
          ))}
        </div>
      )}
    </section>
  );
}
