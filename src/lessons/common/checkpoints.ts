// Where the cells find trained SSD weights: the user's own checkpoint (IndexedDB, saved by the train-ssd
// cell under SSD_CHECKPOINT_KEY after every epoch and on pause), else the checkpoint shipped with the app for
// the built-in pack (public/models/ssd-builtin.bin, made by scripts/train-builtin-checkpoint.ts).
// A tiny same-page signal lets a training cell tell the prediction cells that new weights were saved.

/**
 * IndexedDB key (src/train/checkpoint idbStore, stored as `ckpt:<key>`) under which the train-ssd cell saves the
 * multi-head's checkpoints: one per dataset, and a separate one for quick runs (`?steps=N`), so a 2-step test
 * run never stands in for real training.
 */
export function ssdCheckpointKey(datasetName: string, quick = false): string {
  return `ssd-notebook/train-ssd/${datasetName}${quick ? "/quick" : ""}`;
}

/** The shipped checkpoint, relative to the page (served from public/models/). */
export const SHIPPED_CHECKPOINT_FILE = "models/ssd-builtin.bin";

export function shippedCheckpointUrl(base?: string): string {
  const where =
    base ?? (globalThis as { document?: Document }).document?.baseURI ?? globalThis.location?.href;
  if (!where) throw new Error("shippedCheckpointUrl: no base URL here; pass the page's URL");
  return new URL(SHIPPED_CHECKPOINT_FILE, where).href;
}

const listeners = new Set<(key: string) => void>();

/** A training cell calls this when a `checkpoint` event arrives (after each epoch, on pause). */
export function notifyCheckpointSaved(key: string): void {
  for (const l of [...listeners]) l(key);
}

/** Call `listener` with the key whenever new weights were saved; returns the unsubscribe function. */
export function onCheckpointSaved(listener: (key: string) => void): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}
