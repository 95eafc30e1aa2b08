// The evaluate cell's worker: the backbone, the trained head, predictions and scoring run here, so the page
// never blocks while 150 validation images go through the network (on the main thread that froze the page
// for seconds at a time). The page decodes the images and sends them a few at a time.
import * as Comlink from "comlink";
import { initBackend } from "../../compute/backend";
import { isBackendName, TRAIN_ORDER } from "../../compute/backends";
import type { RgbaImage } from "../../data/types";
import type { Detection, GroundTruth } from "../../ssd/map";
import {
  type InferenceModel,
  loadInferenceModel,
  predictRaw,
  type UserCheckpointQuery,
} from "../common/model";
import { devkitLists, type EvalImage, mapBoth } from "./scoring";

let model: InferenceModel | null = null;

const api = {
  /** Start tfjs (the training worker's order: WebGPU, the WASM fast path, WebGL, CPU) and load the model. */
  async init(base: string, query: UserCheckpointQuery, forced: string | null) {
    const backend = await initBackend(isBackendName(forced) ? forced : null, TRAIN_ORDER);
    model = await loadInferenceModel(query, base);
    return { backend: backend.name, source: model.source };
  },
  /** Predict a few images and turn them into the devkit's detections and ground truth. */
  async predict(
    images: RgbaImage[],
    meta: EvalImage[],
    classes: string[],
  ): Promise<{ dets: Detection[]; gts: GroundTruth[] }> {
    if (!model) throw new Error("evaluate worker: call init() first");
    return devkitLists(meta, await predictRaw(model, images), classes);
  },
  mapBoth(dets: Detection[], gts: GroundTruth[], classes: string[]) {
    return mapBoth(dets, gts, classes);
  },
};

export type EvaluateWorkerApi = typeof api;

Comlink.expose(api);
