// Which weights made the predictions: the user's own checkpoint, or the one shipped with the app.
import type { ModelSource } from "./model";

export function ModelBadge({ source }: { source: ModelSource }) {
  const head = source.head === "ssdMulti" ? "SSD multi-head, 189 anchors" : "SSD 4×4 head, 16 anchors";
  const when = new Date(source.savedAt);
  const saved = Number.isNaN(when.getTime()) ? source.savedAt : when.toLocaleString();
  return (
    <p className="model-badge" data-role="model-source" data-kind={source.kind}>
      {source.kind === "shipped" ? (
        <>
          <b>Shipped checkpoint</b> — predictions of the weights that come with the app ({head}, width{" "}
          {source.width}, trained in Node on the built-in pack for {source.epoch} epochs
          {source.valMap !== undefined
            ? `; validation mAP@0.5 ${source.valMap.toFixed(3)} when it was made`
            : ""}
          ). Train the SSD head above and these cells switch to your weights.
        </>
      ) : (
        <>
          <b>Your checkpoint</b> ({source.key}) — {head}, width {source.width}, epoch {source.epoch}, step{" "}
          {source.step}, saved {saved}.
        </>
      )}
    </p>
  );
}
