// Pascal VOC mean average precision, by the devkit's rules (py-faster-rcnn voc_eval.py / VOCevaldet.m).
// Not part of the lesson's code: it is how detectors are scored, and what the notebook reports.

export interface Detection {
  image: string;
  class: string;
  score: number;
  /** [xmin, ymin, xmax, ymax], inclusive pixels */
  box: number[];
}
export interface GroundTruth {
  image: string;
  class: string;
  box: number[];
  difficult?: boolean;
}
export type ApMethod = "voc07" | "all";
export interface VocMapOptions {
  /** a detection matches when IoU > iouThreshold (devkit: 0.5) */
  iouThreshold?: number;
  /** "voc07": 11-point interpolated AP; "all": area under the monotone precision envelope */
  method?: ApMethod;
  /** classes to score; default: every class with at least one non-difficult object */
  classes?: string[];
}
export interface PrCurve {
  recall: number[];
  precision: number[];
}
export interface VocMapResult {
  mAP: number;
  ap: Record<string, number>;
  pr: Record<string, PrCurve>;
  /** classes asked for (or detected) that have no non-difficult object: no AP, left out of the mean */
  skipped: string[];
}

/** AP of one class from its recall/precision points. devkit: `voc_ap(rec, prec, use_07_metric)`. */
export function vocAp(rec: number[], prec: number[], method: ApMethod = "voc07"): number {
  if (method === "voc07") {
    let ap = 0;
    for (let k = 0; k <= 10; k++) {
      const t = k * 0.1; // np.arange(0., 1.1, 0.1)
      let p = 0;
      rec.forEach((r, i) => {
        if (r >= t && prec[i] > p) p = prec[i];
      });
      ap += p / 11;
    }
    return ap;
  }
  const mrec = [0, ...rec, 1];
  const mpre = [0, ...prec, 0];
  for (let i = mpre.length - 1; i > 0; i--) mpre[i - 1] = Math.max(mpre[i - 1], mpre[i]);
  let ap = 0;
  for (let i = 0; i + 1 < mrec.length; i++) {
    if (mrec[i + 1] !== mrec[i]) ap += (mrec[i + 1] - mrec[i]) * mpre[i + 1];
  }
  return ap;
}

/** IoU with the devkit's +1 pixel terms. */
function vocIou(a: number[], b: number[]): number {
  const iw = Math.max(Math.min(a[2], b[2]) - Math.max(a[0], b[0]) + 1, 0);
  const ih = Math.max(Math.min(a[3], b[3]) - Math.max(a[1], b[1]) + 1, 0);
  const inter = iw * ih;
  const uni = (a[2] - a[0] + 1) * (a[3] - a[1] + 1) + (b[2] - b[0] + 1) * (b[3] - b[1] + 1) - inter;
  return inter / uni;
}

/** Precision/recall points of one class: detections by falling score; each object counts once. */
function classPr(dets: Detection[], gts: GroundTruth[], iouThreshold: number): PrCurve & { npos: number } {
  const byImage = new Map<string, { box: number[]; difficult: boolean; det: boolean }[]>();
  for (const g of gts) {
    const list = byImage.get(g.image) ?? [];
    list.push({ box: g.box, difficult: !!g.difficult, det: false });
    byImage.set(g.image, list);
  }
  const npos = gts.filter((g) => !g.difficult).length;
  const sorted = [...dets].sort((a, b) => b.score - a.score); // stable: equal scores keep input order
  let tp = 0;
  let fp = 0;
  const recall: number[] = [];
  const precision: number[] = [];
  for (const d of sorted) {
    const objs = byImage.get(d.image) ?? [];
    let ovmax = Number.NEGATIVE_INFINITY;
    let jmax = -1;
    objs.forEach((o, j) => {
      const ov = vocIou(d.box, o.box);
      if (ov > ovmax) {
        ovmax = ov;
        jmax = j;
      }
    });
    if (ovmax > iouThreshold) {
      const o = objs[jmax];
      if (!o.difficult) {
        if (!o.det) {
          tp++;
          o.det = true;
        } else fp++;
      }
    } else fp++;
    recall.push(tp / npos);
    precision.push(tp / Math.max(tp + fp, Number.EPSILON));
  }
  return { recall, precision, npos };
}

/** Per-class AP, their mean, and the PR curves. devkit: `voc_eval` for each class, then the mean. */
export function vocMap(
  detections: Detection[],
  groundTruth: GroundTruth[],
  { iouThreshold = 0.5, method = "voc07", classes }: VocMapOptions = {},
): VocMapResult {
  for (const [what, list] of [
    ["detection", detections],
    ["ground-truth object", groundTruth],
  ] as const) {
    list.forEach((x, i) => {
      if (!x || !Array.isArray(x.box) || x.box.length !== 4 || typeof x.class !== "string") {
        throw new Error(`vocMap: ${what} ${i} needs a class and a box [xmin, ymin, xmax, ymax]`);
      }
    });
  }
  const names = classes ?? [...new Set([...groundTruth, ...detections].map((x) => x.class))].sort();
  const ap: Record<string, number> = {};
  const pr: Record<string, PrCurve> = {};
  const skipped: string[] = [];
  for (const c of names) {
    const r = classPr(
      detections.filter((d) => d.class === c),
      groundTruth.filter((g) => g.class === c),
      iouThreshold,
    );
    if (r.npos === 0) {
      skipped.push(c);
      continue;
    }
    ap[c] = vocAp(r.recall, r.precision, method);
    pr[c] = { recall: r.recall, precision: r.precision };
  }
  const aps = Object.values(ap);
  return { mAP: aps.length ? aps.reduce((s, v) => s + v, 0) / aps.length : 0, ap, pr, skipped };
}
