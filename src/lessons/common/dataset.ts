// The dataset every cell shows: one tiny store shared across cells. It loads the built-in pack lazily, once;
// the data cell replaces it when a class drops or picks real VOC files, and every view subscribed with
// useDataset() re-renders with the new data.
import { useEffect, useState, useSyncExternalStore } from "react";
import { loadBuiltin } from "../../data/pack";
import type { Dataset, RgbaImage, VocImage } from "../../data/types";
import { errorText } from "../../errors";
import { restoreKept } from "./kept";

type Loader = () => Promise<Dataset>;

/** Data the user loaded on an earlier visit (kept in the browser), else the built-in pack. */
const defaultLoader: Loader = async () => (await restoreKept()) ?? loadBuiltin();

let loader: Loader = defaultLoader;
let current: Dataset | null = null;
let loading: Promise<Dataset> | null = null;
/** bumps on every change, so a view can tell one dataset from the next even when names agree */
let version = 0;
const listeners = new Set<() => void>();

function notify(): void {
  version++;
  for (const l of [...listeners]) l();
}

/** The current dataset; the built-in pack is loaded on the first call (a failed load can be retried). */
export function getDataset(): Promise<Dataset> {
  if (current) return Promise.resolve(current);
  if (!loading) {
    const mine = loader().then(
      (ds) => {
        if (loading === mine) {
          loading = null;
          if (!current) {
            current = ds;
            notify();
          }
        }
        return current ?? ds;
      },
      (e: unknown) => {
        if (loading === mine) loading = null;
        throw e;
      },
    );
    loading = mine;
  }
  return loading;
}

/** Replace the dataset for every cell (the user loaded files or a pack). */
export function setDataset(ds: Dataset): void {
  current = ds;
  loading = null;
  notify();
}

/** The dataset now, or null while the first load is still running. */
export function currentDataset(): Dataset | null {
  return current;
}

/** How many times the dataset has changed (0 before the first load). */
export function datasetVersion(): number {
  return version;
}

/** Call `listener` whenever the dataset changes; returns the unsubscribe function. */
export function subscribeDataset(listener: () => void): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

/** React: the current dataset (null until loaded); the view re-renders when it is replaced. */
export function useDataset(): Dataset | null {
  return useSyncExternalStore(subscribeDataset, currentDataset, currentDataset);
}

/**
 * Whether a freshly loaded dataset should replace the current one: only if it has images. A load where
 * nothing usable was found keeps the current data, and its report says why.
 */
export function shouldReplace(loaded: Dataset): boolean {
  return loaded.images.length > 0;
}

/** Tests: start over with another loader (the default loads the built-in pack). */
export function resetDatasetStore(load: Loader = defaultLoader): void {
  loader = load;
  current = null;
  loading = null;
  version = 0;
  listeners.clear();
}

const decoded = new WeakMap<Dataset, Map<string, Promise<RgbaImage>>>();
const KEEP = 48;

/** Decode an image of a dataset, keeping the last few decoded (views ask for the same image often). */
export function imageOf(ds: Dataset, image: VocImage): Promise<RgbaImage> {
  let cache = decoded.get(ds);
  if (!cache) {
    cache = new Map();
    decoded.set(ds, cache);
  }
  const hit = cache.get(image.id);
  if (hit) {
    cache.delete(image.id);
    cache.set(image.id, hit); // most recently used last
    return hit;
  }
  const p = ds.loadImage(image);
  cache.set(image.id, p);
  p.catch(() => cache.delete(image.id));
  while (cache.size > KEEP) cache.delete(cache.keys().next().value as string);
  return p;
}

export type Decoded = { image: RgbaImage; error?: undefined } | { image?: undefined; error: string };

/** "file: problem", naming the file once (decoders already start their messages with it). */
export function namedError(file: string, e: unknown): string {
  const text = errorText(e);
  return text.startsWith(`${file}: `) ? text : `${file}: ${text}`;
}

/** React: the decoded pixels of one image (null while decoding; an error names the file). */
export function useImage(ds: Dataset | null, image: VocImage | undefined): Decoded | null {
  const [got, setGot] = useState<{ key: VocImage; value: Decoded } | null>(null);
  useEffect(() => {
    if (!ds || !image) return;
    let live = true;
    imageOf(ds, image).then(
      (px) => live && setGot({ key: image, value: { image: px } }),
      (e: unknown) => live && setGot({ key: image, value: { error: namedError(image.file, e) } }),
    );
    return () => {
      live = false;
    };
  }, [ds, image]);
  return got && got.key === image ? got.value : null;
}

/** A list index from the URL (`?image=`), clamped to a list of n. */
export function clampIndex(i: number, n: number): number {
  return n === 0 ? 0 : Math.min(n - 1, Math.max(0, Math.floor(Number.isFinite(i) ? i : 0)));
}

/** The dataset and image `index` clamped to it, decoded before the cell says "done". */
export async function datasetAt(index: number): Promise<{ ds: Dataset; k: number }> {
  const ds = await getDataset();
  const k = clampIndex(index, ds.images.length);
  if (ds.images[k]) await imageOf(ds, ds.images[k]);
  return { ds, k };
}
