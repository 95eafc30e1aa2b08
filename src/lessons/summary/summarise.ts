// learn.summary() of a backbone with one of the lesson's heads, built fresh and disposed right after.
import type { Backbone } from "../../model/backbone";
import { buildHead, type HeadKind } from "../../model/heads";
import { modelSummary, type SummaryRow } from "../../model/summary";

/** The summary of backbone + a fresh head of `kind` (the head's weights are disposed right away). */
export function summarise(backbone: Backbone, kind: HeadKind): SummaryRow[] {
  const head = buildHead(kind, { inputShape: backbone.featureShape, numClasses: 20 });
  try {
    return modelSummary({ backbone, head });
  } finally {
    head.dispose();
  }
}
