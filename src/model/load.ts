// One entry point for every backbone a host can name (BackboneSpec): ours, or any tfjs GraphModel + node.
import type { Backbone, BackboneSpec } from "./backbone";
import { CENTERNET, loadCenternet, loadGraphBackbone } from "./graph-backbone";
import { createScratchBackbone } from "./scratch";
import { loadTrainableCenternet } from "./trainable-body";

/** Where the app serves the CenterNet files (copied from node_modules at build time): `models/` beside the page. */
export function centernetUrl(base?: string): string {
  const where =
    base ?? (globalThis as { document?: Document }).document?.baseURI ?? globalThis.location?.href;
  if (!where) throw new Error("centernetUrl: no base URL here; pass the page's URL (e.g. from a worker)");
  return new URL(`models/${CENTERNET.file}`, where).href;
}

/** Load (or build) the backbone a spec names. `base` resolves the default CenterNet URL inside a worker. */
export async function loadBackbone(spec: BackboneSpec, base?: string): Promise<Backbone> {
  switch (spec.kind) {
    case "centernet": {
      const url = spec.url ?? centernetUrl(base);
      return spec.trainable
        ? loadTrainableCenternet(url, { inputSize: spec.inputSize })
        : loadCenternet(url, { inputSize: spec.inputSize });
    }
    case "scratch":
      return createScratchBackbone({ inputSize: spec.inputSize, seed: spec.seed, widths: spec.widths });
    case "graph":
      return loadGraphBackbone(spec.url, spec.node, {
        inputSize: spec.inputSize,
        name: spec.name,
        range: spec.range,
      });
    default:
      throw new Error(`unknown backbone kind "${(spec as { kind: string }).kind}"`);
  }
}
