// Offline support: registers the service worker that vite-plugin-pwa builds (dist/sw.js, workbox precache of
// the whole app, the backbone and the built-in pack) and keeps a small store the header badge reads:
// is the app saved for offline use, and is a new build waiting to be activated (the update prompt)?
import { Workbox } from "workbox-window";
import { errorText } from "../errors";

export type OfflineStatus =
  /** no service worker here: the dev server, a browser without them, or a page that is not a secure context */
  | { kind: "unsupported"; reason: string }
  /** first visit: the service worker is downloading and caching the app */
  | { kind: "saving" }
  /** a service worker with a complete precache is active: the next visit works with no network */
  | { kind: "ready" }
  | { kind: "error"; message: string };

export interface PwaState {
  offline: OfflineStatus;
  /** a new build is installed and waiting; `applyUpdate()` switches to it and reloads */
  updateReady: boolean;
}

let state: PwaState = { offline: { kind: "saving" }, updateReady: false };
const listeners = new Set<() => void>();
let wb: Workbox | null = null;
let started = false;

function set(patch: Partial<PwaState>): void {
  state = { ...state, ...patch };
  for (const l of listeners) l();
}

export function getPwaState(): PwaState {
  return state;
}

export function subscribePwa(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Why this page cannot have a service worker, or null when it can. */
export function noServiceWorkerReason(): string | null {
  if (import.meta.env.DEV)
    return "the dev server does not register the service worker (npm run build, npm run preview)";
  if (!globalThis.isSecureContext) {
    return "not a secure context: browsers allow service workers only over HTTPS or on localhost";
  }
  if (!("serviceWorker" in navigator)) return "this browser has no service workers (or they are turned off)";
  return null;
}

/** Register the service worker once (after the page has loaded, so it never delays the first paint). */
export function startPwa(): void {
  if (started) return;
  started = true;
  const reason = noServiceWorkerReason();
  if (reason) {
    set({ offline: { kind: "unsupported", reason } });
    return;
  }
  // sw.js sits beside index.html; resolving against the page keeps sub-path hosting working.
  wb = new Workbox(new URL("sw.js", document.baseURI).href, { scope: "./" });
  // Workbox activates a first service worker only after precaching everything: then the app is offline-ready.
  wb.addEventListener("activated", (e) => {
    if (!e.isUpdate) set({ offline: { kind: "ready" } });
  });
  wb.addEventListener("waiting", () => set({ updateReady: true }));
  // After applyUpdate(): the new service worker took over, so load the page it serves.
  wb.addEventListener("controlling", (e) => {
    if (e.isUpdate) location.reload();
  });
  wb.register().then(
    (reg) => {
      if (reg?.active) set({ offline: { kind: "ready" } });
      else if (!reg)
        set({ offline: { kind: "error", message: "service worker registration returned nothing" } });
    },
    // With the server off, the browser's update check of sw.js fails and register() rejects; the
    // installed service worker still answers from its cache.
    async (e: unknown) => {
      const reg = await navigator.serviceWorker.getRegistration().catch(() => undefined);
      if (reg?.active) set({ offline: { kind: "ready" } });
      else
        set({ offline: { kind: "error", message: `service worker registration failed: ${errorText(e)}` } });
    },
  );
}

/** Switch to the waiting build: tell it to take over; the "controlling" event reloads the page. */
export function applyUpdate(): void {
  wb?.messageSkipWaiting();
}
