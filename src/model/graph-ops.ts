// The TensorFlow graph ops a converted MobileNetV3 body uses, each as plain differentiable tfjs ops. The converter
// fuses conv + bias (+ ReLU) into one kernel whose gradient tfjs lacks for some activations; here every fused node
// is split back into conv → add bias → activation, so each piece has a gradient on every backend.
import * as tf from "@tensorflow/tfjs-core";

/** One node of a tfjs model.json graph (GraphDef as JSON: attributes keep TensorFlow's AttrValue shape). */
export interface GraphNode {
  name: string;
  op: string;
  input?: string[];
  attr?: Record<string, GraphAttr>;
}
export interface GraphAttr {
  s?: string;
  b?: boolean;
  i?: string;
  f?: number;
  list?: { i?: string[]; s?: string[] };
  tensor?: unknown;
  type?: string;
  shape?: unknown;
}

/** A value a node reads: a tensor, or a constant already read into JS (scalars and axis lists). */
export type GraphValue = tf.Tensor | number | number[];

/** TensorFlow stores string attributes base64-encoded in model.json. */
const decode = (s: string) => atob(s);

export function attrString(node: GraphNode, key: string): string | undefined {
  const s = node.attr?.[key]?.s;
  return s === undefined ? undefined : decode(s);
}
export function attrStrings(node: GraphNode, key: string): string[] {
  return (node.attr?.[key]?.list?.s ?? []).map(decode);
}
function attrInts(node: GraphNode, key: string): number[] {
  return (node.attr?.[key]?.list?.i ?? []).map(Number);
}

/** A node's inputs by name: "^x" are control edges (no data), "x:0" is output 0 of x. */
export function dataInputs(node: GraphNode): string[] {
  return (node.input ?? []).filter((i) => !i.startsWith("^")).map((i) => i.replace(/:0$/, ""));
}

/** Conv attributes as tfjs wants them: [sh, sw] and "same"/"valid" (explicit paddings are not used by this body). */
function convAttrs(node: GraphNode): { strides: [number, number]; pad: "same" | "valid" } {
  const s = attrInts(node, "strides");
  const pad = attrString(node, "padding");
  if (pad !== "SAME" && pad !== "VALID") throw new Error(`${node.name}: padding ${pad} is not supported`);
  const dil = attrInts(node, "dilations");
  if (dil.some((d) => d !== 1)) throw new Error(`${node.name}: dilated convolutions are not supported`);
  if ((attrString(node, "data_format") ?? "NHWC") !== "NHWC") throw new Error(`${node.name}: only NHWC`);
  return { strides: s.length === 4 ? [s[1], s[2]] : [1, 1], pad: pad === "SAME" ? "same" : "valid" };
}

/** The fused tail of _FusedConv2D / FusedDepthwiseConv2dNative: BiasAdd, then an optional activation. */
function fusedTail(node: GraphNode, y: tf.Tensor, args: GraphValue[]): tf.Tensor {
  const ops = attrStrings(node, "fused_ops");
  if (ops[0] !== "BiasAdd") throw new Error(`${node.name}: fused ops [${ops}] are not supported`);
  const withBias = tf.add(y, args[0] as tf.Tensor);
  switch (ops[1]) {
    case undefined:
      return withBias;
    case "Relu":
      return tf.relu(withBias);
    case "Relu6":
      return tf.relu6(withBias);
    default:
      throw new Error(`${node.name}: fused activation ${ops[1]} is not supported`);
  }
}

const T = (v: GraphValue) => v as tf.Tensor;

/** Run one node on its input values. Throws on an op this body does not use, rather than guessing. */
export function runNode(node: GraphNode, inputs: GraphValue[]): tf.Tensor {
  const [a, b, ...rest] = inputs;
  switch (node.op) {
    case "_FusedConv2D": {
      const { strides, pad } = convAttrs(node);
      return fusedTail(node, tf.conv2d(T(a) as tf.Tensor4D, T(b) as tf.Tensor4D, strides, pad), rest);
    }
    case "FusedDepthwiseConv2dNative": {
      const { strides, pad } = convAttrs(node);
      return fusedTail(
        node,
        tf.depthwiseConv2d(T(a) as tf.Tensor4D, T(b) as tf.Tensor4D, strides, pad),
        rest,
      );
    }
    case "Conv2D": {
      const { strides, pad } = convAttrs(node);
      return tf.conv2d(T(a) as tf.Tensor4D, T(b) as tf.Tensor4D, strides, pad);
    }
    case "DepthwiseConv2dNative": {
      const { strides, pad } = convAttrs(node);
      return tf.depthwiseConv2d(T(a) as tf.Tensor4D, T(b) as tf.Tensor4D, strides, pad);
    }
    case "BiasAdd":
    case "Add":
    case "AddV2":
      return tf.add(a as tf.Tensor, b as tf.Tensor);
    case "Sub":
      return tf.sub(a as tf.Tensor, b as tf.Tensor);
    case "Mul":
      return tf.mul(a as tf.Tensor, b as tf.Tensor);
    case "RealDiv":
      return tf.div(a as tf.Tensor, b as tf.Tensor);
    case "Relu":
      return tf.relu(T(a));
    case "Relu6":
      return tf.relu6(T(a));
    case "Sigmoid":
      return tf.sigmoid(T(a));
    case "Identity":
      return tf.clone(T(a));
    case "Mean":
      return tf.mean(T(a), b as number | number[], node.attr?.keep_dims?.b ?? false);
    default:
      throw new Error(`${node.name}: op ${node.op} is not supported by the trainable body`);
  }
}
