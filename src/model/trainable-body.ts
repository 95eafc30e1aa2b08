// The pretrained MobileNetV3 body of CenterNet, trainable: the same graph as graph-backbone.ts's frozen GraphModel,
// walked node by node from the input to the cut, with its weights as tf.variables. A GraphModel keeps its weights as
// constants, so nothing can unfreeze it; this is what the lesson's `learn.freeze_to(-2)` / `learn.unfreeze()` need.
// BatchNorm is already folded into the convolutions by the converter, so there are no running statistics.
import * as tf from "@tensorflow/tfjs-core";
import type { Backbone } from "./backbone";
import { CENTERNET, patchedHandler } from "./graph-backbone";
import { dataInputs, type GraphNode, type GraphValue, runNode } from "./graph-ops";
import { evalCtx, type ForwardCtx, ParamStore } from "./layers";

/**
 * The first MobileNetV3 block of the body's late layer group. fastai splits resnet34 after `layer2` (stride 8,
 * 28×28 at 224): layer3 + layer4 (14×14 and 7×7) are the second group. Here blocks 0–5 run at stride ≤ 8 and
 * block 6 starts the stride-16 stage, so blocks 6–14 and the final 1×1 conv (`extern1`) are group 1.
 */
export const LATE_BLOCK = 6;

/** Layer group of a CenterNet weight, by the block its name names (the stem `Conv` is block −1). */
export function centernetLayerGroup(name: string): 0 | 1 {
  if (name.includes("/extern")) return 1;
  const m = /expanded_conv(?:_(\d+))?\//.exec(name);
  if (!m) return 0;
  return Number(m[1] ?? 0) >= LATE_BLOCK ? 1 : 0;
}

/** The nodes `output` depends on, inputs first (a depth-first post-order), and the graph input they start from. */
export function planGraph(nodes: GraphNode[], output: string): { order: GraphNode[]; input: string } {
  const byName = new Map(nodes.map((n) => [n.name, n]));
  const order: GraphNode[] = [];
  const state = new Map<string, "open" | "done">();
  // an explicit stack: the body is ~380 nodes deep in places, too deep to recurse comfortably
  const stack: { name: string; expanded: boolean }[] = [{ name: output, expanded: false }];
  while (stack.length > 0) {
    const top = stack.pop() as { name: string; expanded: boolean };
    const node = byName.get(top.name);
    if (!node) throw new Error(`graph: no node "${top.name}"`);
    if (top.expanded) {
      state.set(top.name, "done");
      order.push(node);
      continue;
    }
    if (state.has(top.name)) continue;
    state.set(top.name, "open");
    stack.push({ name: top.name, expanded: true });
    for (const i of dataInputs(node)) {
      if (state.get(i) === "open") throw new Error(`graph: cycle through "${i}"`);
      if (!state.has(i)) stack.push({ name: i, expanded: false });
    }
  }
  const inputs = order.filter((n) => n.op === "Placeholder");
  if (inputs.length !== 1) throw new Error(`graph: expected one input, found ${inputs.length}`);
  return { order, input: inputs[0].name };
}

export interface TrainableGraphOptions {
  name: string;
  node: string;
  inputSize?: number;
  /** layer group (0 = earliest) of each weight, by node name */
  groupOf: (name: string) => number;
  credit?: string;
}

/** Build a trainable body from a graph's artifacts (topology + weights), cut at `opts.node`. */
export function trainableGraphBody(artifacts: tf.io.ModelArtifacts, opts: TrainableGraphOptions): Backbone {
  const nodes = (artifacts.modelTopology as { node?: GraphNode[] }).node ?? [];
  if (!artifacts.weightData || !artifacts.weightSpecs)
    throw new Error("trainable body: the model has no weights");
  const { order, input } = planGraph(nodes, opts.node);
  const weights = tf.io.decodeWeights(artifacts.weightData, artifacts.weightSpecs);
  const store = new ParamStore();
  // constants read into JS once (the hard-swish 3 and 1/6, the squeeze-excite's mean axes); weights become variables
  const fixed = new Map<string, GraphValue>();
  const steps: GraphNode[] = [];
  for (const node of order) {
    if (node.op === "Placeholder") continue;
    if (node.op !== "Const") {
      steps.push(node);
      continue;
    }
    const w = weights[node.name];
    if (!w) throw new Error(`trainable body: no weight for constant "${node.name}"`);
    if (w.rank === 0) fixed.set(node.name, w.dataSync()[0]);
    else if (w.dtype === "int32") fixed.set(node.name, Array.from(w.dataSync()));
    else {
      fixed.set(node.name, store.add(node.name, w, opts.groupOf(node.name)));
      delete weights[node.name];
    }
  }
  tf.dispose(Object.values(weights));
  const paramsOf = (node: GraphNode) =>
    dataInputs(node).reduce((n, i) => {
      const v = fixed.get(i);
      return n + (v instanceof tf.Tensor ? v.size : 0);
    }, 0);
  const forward = (images: tf.Tensor4D, ctx: ForwardCtx): tf.Tensor4D =>
    tf.tidy(() => {
      const values = new Map<string, GraphValue>(fixed);
      values.set(input, images);
      for (const node of steps) {
        const args = dataInputs(node).map((i) => {
          const v = values.get(i);
          if (v === undefined)
            throw new Error(`trainable body: "${node.name}" reads "${i}" before it is computed`);
          return v;
        });
        const out = runNode(node, args);
        values.set(node.name, out);
        if (ctx.trace && node.op.includes("Conv"))
          ctx.trace(node.name, node.op.replace(/^_?Fused/, ""), out, paramsOf(node));
      }
      return values.get(opts.node) as tf.Tensor4D;
    });
  const inputSize = opts.inputSize ?? 224;
  const probe = tf.tidy(() => forward(tf.zeros([1, inputSize, inputSize, 3]), evalCtx()));
  const [, h, w, c] = probe.shape;
  tf.dispose(probe);
  return {
    name: opts.name,
    inputSize,
    featureShape: [h, w, c],
    frozen: false,
    store,
    credit: opts.credit,
    features: (images, ctx = evalCtx()) => forward(images, ctx),
    dispose: () => store.dispose(),
  };
}

/** CenterNet's MobileNetV3 body, cut where the frozen backbone is (7×7×480 at 224), every weight a variable. */
export async function loadTrainableCenternet(
  source: string | tf.io.IOHandler,
  opts: { inputSize?: number; node?: string } = {},
): Promise<Backbone> {
  const handler = patchedHandler(typeof source === "string" ? tf.io.http(source) : source);
  if (!handler.load) throw new Error("model handler cannot load");
  const artifacts = await handler.load();
  return trainableGraphBody(artifacts, {
    // its own name: a checkpoint of a trained body must not load over the frozen one (nor the reverse)
    name: "centernet-mobilenetv3-trainable",
    node: opts.node ?? CENTERNET.node,
    inputSize: opts.inputSize,
    groupOf: centernetLayerGroup,
    credit: CENTERNET.credit,
  });
}
