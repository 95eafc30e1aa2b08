// The header badge that says which tfjs backend really runs (tfjs falls back silently, so we check).
import type { BackendInfo } from "../compute/backend";

const LABEL: Record<string, string> = { webgpu: "WebGPU", webgl: "WebGL", wasm: "WASM (CPU)", cpu: "CPU" };

export function BackendBadge({ info, error }: { info: BackendInfo | null; error: string | null }) {
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
    ...failed.map((a) => `${LABEL[a.name]} unavailable: ${a.error}`),
  ].join("\n");
  return (
    <span className={`badge badge-${info.name}`} data-backend={info.name} role="status" title={title}>
      <span className="sr-only">Compute backend: </span>
      {LABEL[info.name] ?? info.name}
      {failed.length > 0 && <span className="badge-note"> (fallback)</span>}
    </span>
  );
}
