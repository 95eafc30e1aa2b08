// Cell "summary": the lesson's learn.summary() — every layer's output shape and parameter count, from a real
// forward pass of one 224×224 image through the backbone (the pretrained MobileNetV3 body, frozen, or a
// small CNN from scratch) and one of the lesson's heads. The 7×7×C features are where the head starts.
import { useEffect, useState } from "react";
import { errorText } from "../../errors";
import type { Backbone } from "../../model/backbone";
import { HEAD_KINDS, type HeadKind } from "../../model/heads";
import headsSrc from "../../model/heads.ts?raw";
import { loadBackbone } from "../../model/load";
import { type SummaryRow, totalParams } from "../../model/summary";
import summarySrc from "../../model/summary.ts?raw";
import type { CellModule } from "../types";
import { summarise } from "./summarise";

const HEAD_NAMES: Record<HeadKind, string> = {
  single: "largest object: 4 + 20 (head_reg4)",
  multilabel: "multi-label: 20 classes",
  ssd4: "SSD 4×4: 16 anchors",
  ssdMulti: "SSD grids 4/2/1 × 9: 189 anchors",
};

type BodyKind = "pretrained" | "scratch";

const shape = (s: number[]) => s.join(" × ");

interface Bodies {
  pretrained: Backbone | null;
  /** why the pretrained body could not be loaded */
  error: string | null;
  scratch(): Promise<Backbone>;
  /** summaries already computed, by "body/head" (deterministic, so each is computed once) */
  cache: Map<string, SummaryRow[]>;
}

function SummaryView({ bodies, first }: { bodies: Bodies; first: BodyKind }) {
  const [body, setBody] = useState<BodyKind>(first);
  const [kind, setKind] = useState<HeadKind>("single");
  const [rows, setRows] = useState<SummaryRow[] | null>(bodies.cache.get(`${first}/single`) ?? null);
  const [err, setErr] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    const key = `${body}/${kind}`;
    const hit = bodies.cache.get(key);
    if (hit) {
      setRows(hit);
      setErr(null);
      return;
    }
    (async () => {
      const b = body === "pretrained" ? bodies.pretrained : await bodies.scratch();
      if (!b) throw new Error(bodies.error ?? "the pretrained backbone is not loaded");
      // let React paint the "computing" state before the forward pass blocks
      await new Promise((r) => setTimeout(r, 0));
      const r = summarise(b, kind);
      bodies.cache.set(key, r);
      return r;
    })().then(
      (r) => {
        if (live) {
          setRows(r);
          setErr(null);
        }
      },
      (e: unknown) => live && setErr(errorText(e)),
    );
    return () => {
      live = false;
    };
  }, [bodies, body, kind]);
  const lastBody = rows ? rows.filter((r) => !r.layer.startsWith("head/")).length - 1 : -1;
  const feat = lastBody >= 0 && rows ? rows[lastBody].outputShape : null;
  return (
    <div data-role="summary-view">
      <div className="chips" role="group" aria-label="Backbone">
        <span>Backbone:</span>
        <button
          type="button"
          aria-pressed={body === "pretrained"}
          disabled={!bodies.pretrained}
          onClick={() => setBody("pretrained")}
        >
          MobileNetV3 body, pretrained (frozen)
        </button>
        <button type="button" aria-pressed={body === "scratch"} onClick={() => setBody("scratch")}>
          small CNN from scratch
        </button>
      </div>
      {bodies.error && (
        <p className="cell-error" data-role="backbone-error">
          The pretrained backbone could not be loaded: {bodies.error}
        </p>
      )}
      <div className="chips" role="group" aria-label="Head">
        <span>Head:</span>
        {HEAD_KINDS.map((k) => (
          <button key={k} type="button" aria-pressed={kind === k} onClick={() => setKind(k)}>
            {HEAD_NAMES[k]}
          </button>
        ))}
      </div>
      {err && <p className="cell-error">{err}</p>}
      {rows && feat && (
        <>
          <p className="big-count" data-role="features">
            One 224 × 224 image becomes <b data-role="feature-shape">{shape(feat)}</b> features: a {feat[0]} ×{" "}
            {feat[1]} grid of {feat[2]}-number vectors. The head has{" "}
            <b data-role="head-params">
              {totalParams(rows.filter((r) => r.layer.startsWith("head/"))).toLocaleString("en")}
            </b>{" "}
            trainable parameters
            {body === "scratch"
              ? `; the from-scratch body adds ${totalParams(rows.filter((r) => !r.layer.startsWith("head/"))).toLocaleString("en")}.`
              : "; the pretrained body's weights stay frozen."}
          </p>
          <table className="num-table summary-table" data-role="summary">
            <caption>learn.summary(): output shape per image (batch axis left out)</caption>
            <thead>
              <tr>
                <th>layer</th>
                <th>kind</th>
                <th>output shape</th>
                <th>parameters</th>
                <th>trained</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r, i) => (
                <tr key={`${r.layer}-${r.kind}`} className={i === lastBody ? "pos" : undefined}>
                  <td>
                    <code>{r.layer}</code>
                  </td>
                  <td>{r.kind}</td>
                  <td className="num">{shape(r.outputShape)}</td>
                  <td className="num">
                    {!r.trainable && r.params === 0 && i === lastBody
                      ? "frozen"
                      : r.params.toLocaleString("en")}
                  </td>
                  <td>{r.trainable ? "yes" : "no"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {!rows && !err && <p className="hint">Running one image through the model…</p>}
    </div>
  );
}

export const cell: CellModule = {
  sources: [
    { name: "src/model/summary.ts", code: summarySrc },
    { name: "src/model/heads.ts", code: headsSrc },
  ],
  async run(ctx) {
    const owned: Backbone[] = [];
    let pretrained: Backbone | null = null;
    let error: string | null = null;
    try {
      pretrained = await loadBackbone({ kind: "centernet" });
      owned.push(pretrained);
    } catch (e) {
      error = errorText(e);
    }
    let scratch: Promise<Backbone> | null = null;
    const bodies: Bodies = {
      pretrained,
      error,
      cache: new Map(),
      scratch: () => {
        scratch ??= loadBackbone({ kind: "scratch", seed: 1 }).then((b) => {
          owned.push(b);
          return b;
        });
        return scratch;
      },
    };
    const dispose = () => {
      for (const b of owned.splice(0)) b.dispose();
    };
    if (ctx.signal.aborted) {
      dispose();
      return undefined;
    }
    const first: BodyKind = pretrained ? "pretrained" : "scratch";
    // the first summary before "done", so the cell is finished when it says so
    bodies.cache.set(`${first}/single`, summarise(pretrained ?? (await bodies.scratch()), "single"));
    ctx.render(<SummaryView bodies={bodies} first={first} />);
    return dispose;
  },
};
