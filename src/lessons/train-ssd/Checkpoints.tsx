// Checkpoint status and actions for the SSD training cell: what was saved to this browser (after each epoch
// and on pause), the offer to resume after a refresh, and download / upload of the checkpoint file.
import { useRef, useState } from "react";
import { clearSavedCheckpoint } from "../../train/client";
import type { LiveTrainer } from "../common/liveTrainer";
import type { TrainViewState } from "../common/trainState";

export interface SavedInfo {
  epoch: number;
  step: number;
  savedAt: string;
}

/** Trigger a download of a blob under a file name. */
function download(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function Checkpoints({
  trainer,
  s,
  storageKey,
  saved,
  onResolved,
}: {
  trainer: LiveTrainer;
  s: TrainViewState;
  storageKey: string;
  /** a checkpoint found in this browser when the cell started (null: none, or already answered) */
  saved: SavedInfo | null;
  onResolved(): void;
}) {
  const file = useRef<HTMLInputElement>(null);
  const [note, setNote] = useState<string | null>(null);
  const busy = s.busy !== null || s.phase === "running" || s.phase === "caching" || s.phase === "loading";
  const c = s.checkpoint;
  return (
    <div className="train-checkpoints" data-role="checkpoints">
      {saved && (
        <div className="note" data-role="resume-offer" role="alert">
          A checkpoint of this head was saved in this browser at {new Date(saved.savedAt).toLocaleString()}{" "}
          (epoch {saved.epoch}, step {saved.step}).{" "}
          <button
            type="button"
            data-action="resume"
            disabled={busy}
            onClick={async () => {
              if (await trainer.resumeSaved(storageKey))
                setNote(`Resumed from epoch ${saved.epoch}, step ${saved.step}.`);
              onResolved();
            }}
          >
            Resume from it
          </button>{" "}
          <button
            type="button"
            data-action="discard"
            disabled={busy}
            onClick={async () => {
              await clearSavedCheckpoint(storageKey);
              setNote("Saved checkpoint discarded: training starts from scratch.");
              onResolved();
            }}
          >
            Start over
          </button>
        </div>
      )}
      <p className="hint" data-role="checkpoint-status">
        Checkpoint:{" "}
        {c
          ? `saved to this browser at ${c.at} (epoch ${c.epoch}, step ${c.step}, ${(c.bytes / 1e6).toFixed(1)} MB, ${c.reason === "epoch" ? "end of epoch" : c.reason})`
          : "none saved yet — one is saved after each epoch and when you pause"}
        {note && <span data-role="checkpoint-note"> · {note}</span>}
      </p>
      <div className="train-controls">
        <button
          type="button"
          data-action="download-checkpoint"
          disabled={busy}
          onClick={async () => {
            const blob = await trainer.exportCheckpoint();
            const last = s.batches[s.batches.length - 1];
            if (blob) {
              download(blob, `ssd-head-step${last?.step ?? 0}.ckpt`);
              setNote(`Downloaded ${(blob.size / 1e6).toFixed(1)} MB.`);
            }
          }}
        >
          Download checkpoint
        </button>
        <label className="file-button">
          Load a checkpoint file…{" "}
          <input
            ref={file}
            type="file"
            accept=".ckpt,application/octet-stream"
            data-role="upload-checkpoint"
            disabled={busy}
            onChange={async (e) => {
              const f = e.target.files?.[0];
              if (!f) return;
              if (await trainer.importCheckpoint(f, f.name)) setNote(`Loaded ${f.name}.`);
              if (file.current) file.current.value = "";
            }}
          />
        </label>
      </div>
    </div>
  );
}
