// The header badge that says whether the notebook is saved for offline use (service worker + precache),
// and offers to reload when a new build has been deployed (the update prompt).
import { useEffect, useSyncExternalStore } from "react";
import { applyUpdate, getPwaState, type OfflineStatus, startPwa, subscribePwa } from "./pwa";

const VIEW: Record<OfflineStatus["kind"], { label: string; className: string }> = {
  ready: { label: "Available offline", className: "badge-webgpu" },
  saving: { label: "Saving for offline…", className: "badge-pending" },
  unsupported: { label: "Online only", className: "badge-cpu" },
  error: { label: "Offline unavailable", className: "badge-error" },
};

function explain(s: OfflineStatus): string {
  switch (s.kind) {
    case "ready":
      return "Saved in this browser: the notebook, the backbone and the built-in sample work with no network.";
    case "saving":
      return "Saving the notebook, the backbone and the built-in sample in this browser…";
    case "unsupported":
      return `Not saved for offline use: ${s.reason}.`;
    case "error":
      return `Not saved for offline use: ${s.message}.`;
  }
}

export function OfflineBadge() {
  const { offline, updateReady } = useSyncExternalStore(subscribePwa, getPwaState);
  useEffect(() => {
    // Registration waits for the page's load event (workbox-window), so it never competes with the first paint.
    startPwa();
  }, []);
  const view = VIEW[offline.kind];
  return (
    <>
      <span
        className={`badge ${view.className}`}
        data-offline={offline.kind}
        role="status"
        title={explain(offline)}
      >
        {view.label}
      </span>
      {updateReady && (
        <button type="button" data-action="update" onClick={applyUpdate} title="A new version was deployed">
          Update available — reload
        </button>
      )}
    </>
  );
}
