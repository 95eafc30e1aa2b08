// The data a user loaded, kept across reloads (src/data/keep.ts, the browser's Origin Private File System):
// a tiny store the data cell's KeptData view subscribes to. On start the dataset store asks restoreKept()
// first; whatever goes wrong there (no OPFS, a damaged copy) leaves the built-in samples in place and says why.
import { useSyncExternalStore } from "react";
import { forgetKept, type KeptInfo, keepFiles, keptFiles } from "../../data/keep";
import { loadFromFiles } from "../../data/load";
import type { Dataset } from "../../data/types";
import type { PathedFile } from "../../data/vfs";

export interface KeptState {
  /** what is kept now (null: nothing) */
  info: KeptInfo | null;
  /** "saving" while the copy is written; "restored" when this page's data came from the kept copy */
  status: "idle" | "saving" | "restored";
  /** the last problem keeping, restoring or forgetting (the loaded data is never lost to it) */
  error: string | null;
}

let state: KeptState = { info: null, status: "idle", error: null };
const listeners = new Set<() => void>();

function set(patch: Partial<KeptState>): void {
  state = { ...state, ...patch };
  for (const l of [...listeners]) l();
}

const text = (e: unknown) => (e instanceof Error ? e.message : String(e));

export function keptState(): KeptState {
  return state;
}

export function useKept(): KeptState {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => {
        listeners.delete(l);
      };
    },
    keptState,
    keptState,
  );
}

/** The kept dataset, loaded the same way as the first time; null when nothing is kept or it cannot be read. */
export async function restoreKept(): Promise<Dataset | null> {
  try {
    const kept = await keptFiles();
    if (!kept) return null;
    const ds = await loadFromFiles(kept.files);
    if (ds.images.length === 0) {
      set({
        info: kept.info,
        error: `the kept copy of ${kept.info.name} has no usable images: the built-in samples are shown`,
      });
      return null;
    }
    set({ info: kept.info, status: "restored", error: null });
    return ds;
  } catch (e) {
    set({ error: `the kept data could not be read (${text(e)}): the built-in samples are shown` });
    return null;
  }
}

/** Keep the files the user just loaded (replacing what was kept); a failure is said, the data stays loaded. */
export async function keepLoaded(files: readonly PathedFile[], ds: Dataset): Promise<void> {
  set({ status: "saving", error: null });
  try {
    const info = await keepFiles(files, { name: ds.name, format: ds.format });
    set({ info, status: "idle" });
  } catch (e) {
    set({
      info: null,
      status: "idle",
      error: `${text(e)}. ${ds.name} stays loaded until the page is reloaded.`,
    });
  }
}

/** Forget the kept copy (the data on screen stays until the next reload). */
export async function forget(): Promise<void> {
  try {
    await forgetKept();
    set({ info: null, status: "idle", error: null });
  } catch (e) {
    set({ error: text(e) });
  }
}

/** Tests: start over. */
export function resetKept(): void {
  state = { info: null, status: "idle", error: null };
}
