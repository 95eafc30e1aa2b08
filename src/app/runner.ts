// The lifecycle of one cell run: dispose what the last run held, then run, then record the outcome.
// Kept free of React so the rules (abort + dispose before re-run, errors stay in the cell) are testable.
import { errorText } from "../errors";
import type { CellModule, Disposer, RunContext } from "../lessons/types";

export interface RunHandle {
  controller: AbortController;
  disposer?: Disposer;
}

export type RunOutcome = { state: "done" } | { state: "error"; message: string } | { state: "aborted" };

/** Abort a run in flight and release what a finished one held (tensors, timers, workers). */
export function release(handle: RunHandle | null): void {
  if (!handle) return;
  handle.controller.abort();
  try {
    handle.disposer?.();
  } catch (e) {
    console.warn("dispose failed", e);
  }
  handle.disposer = undefined;
}

/** Run a cell module; a finished run's disposer is stored on the handle; one aborted meanwhile is disposed at once. */
export async function runCell(
  mod: CellModule,
  handle: RunHandle,
  ctx: Omit<RunContext, "signal">,
): Promise<RunOutcome> {
  try {
    const disposer = await mod.run({ ...ctx, signal: handle.controller.signal });
    if (handle.controller.signal.aborted) {
      disposer?.();
      return { state: "aborted" };
    }
    handle.disposer = disposer;
    return { state: "done" };
  } catch (e) {
    if (handle.controller.signal.aborted) return { state: "aborted" };
    return { state: "error", message: errorText(e) };
  }
}
