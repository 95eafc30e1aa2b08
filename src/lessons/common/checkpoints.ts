// Where the cells find trained SSD weights: the user's own checkpoint (IndexedDB, saved by the train-ssd
// cell under SSD_CHECKPOINT_KEY after every epoch and on pause), else the checkpoint shipped with the app for
// the built-in pack (public/models/ssd-builtin.bin, made by scripts/train-builtin-checkpoint.ts).
// A tiny same-page signal lets a training cell tell the prediction cells that new weights were saved.

/** IndexedDB key (through src/train/checkpoint idbStore, stored as `ckpt:<key>`) of the SSD multi-head training run. */
export const SSD_CHECKPOINT_KEY = "train-ssd";
/** The 4×4 head's training run: used when there is no multi-head checkpoint. */
export const SSD4_CHECKPOINT_KEY = "train-4x4";
/** User checkpoints the prediction cells look for, in order. */
export const USER_CHECKPOINT_KEYS = [SSD_CHECKPOINT_KEY, SSD4_CHECKPOINT_KEY] as const;

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
