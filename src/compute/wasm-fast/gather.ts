// tf.gather with batchDims > 0, for tfjs-wasm 4.22, whose Gather kernel steps through the indices of batch b
// at b·batchSize instead of b·(indices per batch) (tensorflow/tfjs#8658): every batch after the first reads
// another batch's indices. The SSD loss gathers each anchor's matched object per image this way
// (tf.gather(gt, gtIdx, 1, 1)), so on wasm all images but the first trained on wrong classes and boxes.
// Here the batched gather becomes one plain gather (batchDims 0, which the wasm kernel does right) of
// flattened rows.
import * as tf from "@tensorflow/tfjs-core";

/**
 * gather(x, indices, axis, batchDims) via a batchDims-0 gather: x viewed as [batch·outer·dim, slice] rows,
 * row (b, o, idx[b, j]) for output position (b, o, j). Same result and shape as tf.gather.
 */
export function gatherViaFlatRows(
  x: tf.Tensor,
  indices: tf.Tensor,
  axis: number,
  batchDims: number,
): tf.Tensor {
  return tf.tidy(() => {
    const ax = axis < 0 ? axis + x.rank : axis;
    const bd = batchDims < 0 ? batchDims + indices.rank : batchDims;
    const info = tf.backend_util.segment_util.collectGatherOpShapeInfo(x, indices, ax, bd);
    const { batchSize, outerSize, dimSize, sliceSize, outputShape } = info;
    const perBatch = indices.size / batchSize;
    const rows = tf.reshape(x, [batchSize * outerSize * dimSize, sliceSize]);
    const idx = tf.reshape(tf.cast(indices, "int32"), [batchSize, 1, perBatch]);
    const base = tf.reshape(
      tf.mul(tf.range(0, batchSize * outerSize, 1, "int32"), tf.scalar(dimSize, "int32")),
      [batchSize, outerSize, 1],
    );
    const flat = tf.reshape(tf.add(base, idx), [batchSize * outerSize * perBatch]);
    return tf.reshape(tf.gather(rows, flat, 0), outputShape);
  });
}
