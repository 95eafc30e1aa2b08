// The student's last finished predictions per class loss, for this page's life: train with BCE, switch the
// class loss to softmax and Run again, and the earlier run's detections stay beside the new ones.
import { useSyncExternalStore } from "react";
import type { PreviewItem } from "../../train/preview";
import type { ClassLoss } from "../../train/task";

const last = new Map<ClassLoss, PreviewItem[]>();
const listeners = new Set<() => void>();

export function keepPreview(loss: ClassLoss, items: PreviewItem[]): void {
  if (last.get(loss) === items) return;
  last.set(loss, items);
  for (const f of listeners) f();
}

function subscribe(f: () => void): () => void {
  listeners.add(f);
  return () => listeners.delete(f);
}

/** The last predictions a run with `loss` showed (null if none this page's life). */
export function useLastPreview(loss: ClassLoss): PreviewItem[] | null {
  return useSyncExternalStore(subscribe, () => last.get(loss) ?? null);
}
