// The header badge that says which tfjs backend really runs (tfjs falls back silently, so we check).
import type { BackendInfo } from "../compute/backend";

import { BACKEND_LABEL, type BackendName } from "../compute/backends";

/** The badge says where the page computes: the WASM backend is the CPU. */
const label = (name: BackendName) => (name === "wasm" ? `${BACKEND_LABEL.wasm} (CPU)` : BACKEND_LABEL[name]);

interface Props {
  info: BackendInfo | null;
  error: string | null;
  /** `?backend=` as written in the URL, if any */
  forced?: string | null;
}

export function BackendBadge({ info, error, forced = null }: Props) {
  if (error) {
    return (
      <span className="badge badge-error" role="status" title={error}>
        No compute backend
      </span>
    );
  }
  if (!info) {
    return (
      <span className="badge badge-pending" role="status">
        Loading tfjs…
      </span>
    );
  }
  const failed = info.attempts.filter((a) => !a.ok);
  const title = [
    `tf.getBackend() = "${info.name}"`,
    ...failed.map((a) => `${label(a.name)} unavailable: ${a.error}`),
  ].join("\n");
  // The URL asked for a backend that could not start: say so on the badge itself, not only on hover.
  const missed =
    forced && forced !== info.name ? info.attempts.find((a) => a.name === forced && !a.ok) : null;
  const unknown = forced && !info.attempts.some((a) => a.name === forced);
  return (
    <span
      className={`badge badge-${info.name}`}
      data-backend={info.name}
      data-forced={forced ?? undefined}
      role="status"
      title={title}
    >
      <span className="sr-only">Compute backend: </span>
      {label(info.name)}
      {missed ? (
        <span className="badge-note" data-role="backend-fallback">
          {" "}
          · {label(missed.name)} asked for, unavailable<span className="sr-only">: {missed.error}</span>
        </span>
      ) : unknown ? (
        <span className="badge-note" data-role="backend-fallback">
          {" "}
          · unknown backend "{forced}"
        </span>
      ) : (
        failed.length > 0 && <span className="badge-note"> (fallback)</span>
      )}
    </span>
  );
}
