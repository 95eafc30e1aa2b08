// What the browser keeps of the data the user loaded (for the next visit), its size, and a Forget button.
import { forget, useKept } from "../common/kept";

const size = (n: number) =>
  n < 1024 * 1024 ? `${(n / 1024).toFixed(0)} KB` : `${(n / 1024 / 1024).toFixed(1)} MB`;

export function KeptData() {
  const k = useKept();
  const state = k.status === "saving" ? "saving" : k.info ? "kept" : "none";
  return (
    <div className="kept-data" data-role="kept-data" data-state={state}>
      {k.status === "saving" && <p className="hint">Keeping a copy in this browser for the next visit…</p>}
      {k.status !== "saving" && k.info && (
        <p>
          {k.status === "restored" ? "Loaded from the copy kept in this browser: " : "Kept in this browser: "}
          <b>{k.info.name}</b>
          {k.info.format ? ` (${k.info.format})` : ""}, {k.info.files} file{k.info.files === 1 ? "" : "s"},{" "}
          <span data-role="kept-size">{size(k.info.bytes)}</span>, since{" "}
          {new Date(k.info.savedAt).toLocaleString()}. It loads again when you come back.{" "}
          <button type="button" data-action="forget-kept" onClick={() => void forget()}>
            Forget it
          </button>
        </p>
      )}
      {k.status !== "saving" && !k.info && !k.error && (
        <p className="hint">Data you load from your own files is kept in this browser for your next visit.</p>
      )}
      {k.error && (
        <p className="cell-error" role="alert" data-role="kept-error">
          Not kept: {k.error}
        </p>
      )}
    </div>
  );
}
