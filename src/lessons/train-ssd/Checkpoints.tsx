// Checkpoint status and actions for the SSD training cell: what was saved to this browser (after each epoch
// and on pause), the offer to resume what earlier runs saved (after a refresh, or a re-run of the cell), and
// download / upload of the checkpoint file. The offer is read again after every save, so it is never stale;
// a run that saves over a further-trained checkpoint moves it to the key's history (src/train/checkpoint),
// so Play while the offer shows, or "Start over", never loses it.
import { useEffect, useRef, useState } from "react";
import { type SavedCheckpoint, savedCheckpoints } from "../../train/client";
import type { LiveTrainer } from "../common/liveTrainer";
import type { TrainViewState } from "../common/trainState";

export type SavedInfo = SavedCheckpoint;

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
  since,
}: {
  trainer: LiveTrainer;
  s: TrainViewState;
  storageKey: string;
  /** when this run of the cell began (ISO time): checkpoints saved before it are offered */
  since: string;
}) {
  const file = useRef<HTMLInputElement>(null);
  const [note, setNote] = useState<string | null>(null);
  const [earlier, setEarlier] = useState<SavedInfo[]>([]);
  const [answered, setAnswered] = useState(false);
  const savedAtNow = s.checkpoint?.at;
  // biome-ignore lint/correctness/useExhaustiveDependencies: read again whenever this run saves (savedAtNow)
  useEffect(() => {
    let live = true;
    savedCheckpoints(storageKey).then(
      (list) => live && setEarlier(list.filter((c) => c.savedAt < since)),
      () => live && setEarlier([]),
    );
    return () => {
      live = false;
    };
  }, [storageKey, since, savedAtNow]);
  const saved = answered ? null : (earlier[0] ?? null);
  const busy = s.busy !== null || ["running", "caching", "loading", "dead"].includes(s.phase);
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
              if (await trainer.resumeSaved(storageKey, saved.savedAt)) {
                setNote(`Resumed from epoch ${saved.epoch}, step ${saved.step}.`);
                setAnswered(true);
              }
            }}
          >
            Resume from it
          </button>{" "}
          <button
            type="button"
            data-action="discard"
            disabled={busy}
            onClick={() => {
              setNote(
                "Training starts from scratch; the saved checkpoint is kept in this browser until this run has trained further.",
              );
              setAnswered(true);
            }}
          >
            Start over
          </button>
          {earlier.length > 1 && (
            <span className="hint" data-role="earlier-checkpoints">
              {" "}
              Also kept:{" "}
              {earlier
                .slice(1)
                .map((c) => `epoch ${c.epoch}, step ${c.step}`)
                .join("; ")}
              .
            </span>
          )}
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
