// Non-maximum suppression: the lesson's greedy version, and a fast path on tfjs's built-in kernel.
// Lesson: `nms(boxes, scores, overlap=0.5, top_k=100)` (from the ssd.pytorch code).
import * as tf from "@tensorflow/tfjs-core";

export interface NmsResult {
  /** indices of the kept boxes into the input, highest score first */
  keep: number[];
  count: number;
}

type Boxes = number[][] | tf.Tensor2D;
type Scores = number[] | tf.Tensor1D;

function toArrays(boxes: Boxes, scores: Scores): { b: number[][]; s: number[] } {
  const b = Array.isArray(boxes) ? boxes : (boxes.arraySync() as number[][]);
  const s = Array.isArray(scores) ? scores : Array.from(scores.dataSync());
  if (b.length !== s.length || b.some((r) => r.length !== 4)) {
    throw new Error(`nms: need boxes [n, 4] and scores [n], got ${b.length} boxes and ${s.length} scores`);
  }
  return { b, s };
}

/**
 * Greedy NMS exactly as the lesson: sort scores ascending (stable), consider only the topK highest, repeatedly
 * keep the highest remaining box and drop every box whose IoU with it is > overlap (a box survives while
 * IoU <= overlap). Ties in score: the later index is taken first (the lesson's ascending sort, last = best).
 * Tensor inputs are read synchronously (fine on CPU/WebGL; on WebGPU pass arrays read with await, or use nmsFast).
 */
export function nms(boxes: Boxes, scores: Scores, overlap = 0.5, topK = 100): NmsResult {
  const { b, s } = toArrays(boxes, scores);
  const area = b.map(([x1, y1, x2, y2]) => (x2 - x1) * (y2 - y1));
  const sorted = s.map((_, i) => i).sort((i, j) => s[i] - s[j] || i - j); // v, idx = scores.sort(0)
  let idx = topK === 0 ? sorted : sorted.slice(-topK); // idx[-top_k:] (Python: -0 keeps everything)
  const keep: number[] = [];
  while (idx.length > 0) {
    const i = idx[idx.length - 1]; // current largest
    keep.push(i);
    idx = idx.slice(0, -1);
    const [x1, y1, x2, y2] = b[i];
    idx = idx.filter((j) => {
      const w = Math.max(Math.min(b[j][2], x2) - Math.max(b[j][0], x1), 0);
      const h = Math.max(Math.min(b[j][3], y2) - Math.max(b[j][1], y1), 0);
      const inter = w * h;
      return inter / (area[j] - inter + area[i]) <= overlap; // idx[IoU.le(overlap)]
    });
  }
  return { keep, count: keep.length };
}

/** The smallest double greater than x, so that tfjs's `iou >= t` suppression means the lesson's `iou > overlap`. */
function nextUp(x: number): number {
  if (x === 0) return Number.MIN_VALUE;
  const f = new Float64Array([x]);
  const u = new BigInt64Array(f.buffer);
  u[0] += x > 0 ? 1n : -1n;
  return f[0];
}

/**
 * The same result with tf.image.nonMaxSuppressionAsync (async; boxes [n, 4] in any corner order): the topK
 * highest scores are taken first, as in the lesson. Agrees with nms except at exact score ties (tfjs takes the
 * lower index first) and IoU ties within float rounding.
 */
export async function nmsFast(boxes: Boxes, scores: Scores, overlap = 0.5, topK = 100): Promise<NmsResult> {
  const [b, s] = tf.tidy(() => [
    Array.isArray(boxes) ? tf.tensor2d(boxes, [boxes.length, 4]) : tf.clone(boxes),
    Array.isArray(scores) ? tf.tensor1d(scores) : tf.clone(scores),
  ]) as [tf.Tensor2D, tf.Tensor1D];
  if (b.shape[0] !== s.shape[0] || b.shape[1] !== 4) {
    tf.dispose([b, s]);
    throw new Error(`nmsFast: need boxes [n, 4] and scores [n], got [${b.shape}] and [${s.shape}]`);
  }
  const k = Math.min(topK, s.shape[0]);
  const { values, indices } = tf.topk(s, k);
  const topBoxes = tf.gather(b, indices);
  const sel = await tf.image.nonMaxSuppressionAsync(
    topBoxes,
    values,
    k,
    nextUp(overlap),
    Number.NEGATIVE_INFINITY,
  );
  const local = await sel.data();
  const orig = await indices.data();
  tf.dispose([b, s, values, indices, topBoxes, sel]);
  const keep = Array.from(local, (i) => orig[i]);
  return { keep, count: keep.length };
}
