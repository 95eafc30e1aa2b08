// Where the data comes from, and how to load real VOC: drop or pick a VOCdevkit folder, a .zip or a .tar
// (e.g. VOCtrainval_06-Nov-2007.tar), or load a pack hosted beside the app (`npm run data:voc`). A load that
// finds images replaces the dataset for every cell; its report (errors and warnings naming the file) opens here.
import { type DragEvent, useRef, useState, useSyncExternalStore } from "react";
import { filesFromDrop, type LoadInput, loadFromFiles } from "../../data/load";
import { loadBuiltin, loadPack, packUrl } from "../../data/pack";
import { messageCount } from "../../data/report";
import type { Dataset, LoadMessage } from "../../data/types";
import { type PathedFile, pathOf } from "../../data/vfs";
import { errorText } from "../../errors";
import { setDataset, shouldReplace } from "../common/dataset";
import { forget, keepLoaded } from "../common/kept";
import { KeptData } from "./KeptData";

const SOURCE_NAMES: Record<string, string> = {
  pack: "sample pack",
  folder: "VOCdevkit folder",
  zip: ".zip archive",
  tar: ".tar archive",
  files: "loose files",
};

const pathed = (f: LoadInput): PathedFile => ("path" in f && "file" in f ? f : { file: f, path: pathOf(f) });

/** A failed or empty load: what was tried and why nothing replaced the data. */
interface Failed {
  what: string;
  messages: LoadMessage[];
}

/** Lines of a report rendered at first, and added per "show more" (a report can hold thousands). */
export const REPORT_PAGE = 200;

const noSubscribe = () => () => {};

/** React: re-render when messages are added to a dataset's report after loading (decode errors, sizes). */
export function useLiveReport(ds: Dataset): readonly LoadMessage[] {
  // the count, not the length: past the cap a message only raises an "and N more" line's count
  const count = () => messageCount(ds.report);
  useSyncExternalStore(ds.subscribeReport ?? noSubscribe, count, count);
  return ds.report;
}

export function LoadReport({ messages, open }: { messages: readonly LoadMessage[]; open?: boolean }) {
  const errors = messageCount(messages, "error");
  const warnings = messageCount(messages, "warning");
  const [isOpen, setOpen] = useState(!!open);
  const [shown, setShown] = useState(REPORT_PAGE);
  return (
    <details
      className="load-report"
      data-role="load-report"
      data-errors={errors}
      data-warnings={warnings}
      open={open}
      onToggle={(e) => setOpen(e.currentTarget.open)}
    >
      <summary>
        Load report: {errors} error{errors === 1 ? "" : "s"}, {warnings} warning{warnings === 1 ? "" : "s"}
        {messages.length === 0 && " — everything loaded"}
      </summary>
      {isOpen && messages.length > 0 && (
        <ul>
          {messages.slice(0, shown).map((m, i) => (
            <li key={i} className={m.severity}>
              <b>{m.severity}</b> <code>{m.file}</code>: {m.message}
            </li>
          ))}
        </ul>
      )}
      {isOpen && messages.length > shown && (
        <button type="button" data-action="report-more" onClick={() => setShown((n) => n + REPORT_PAGE)}>
          Show {Math.min(REPORT_PAGE, messages.length - shown)} more of {messages.length - shown}
        </button>
      )}
    </details>
  );
}

export function DataSource({ ds, onLoaded }: { ds: Dataset; onLoaded(): void }) {
  const report = useLiveReport(ds);
  const [busy, setBusy] = useState<string | null>(null);
  const [failed, setFailed] = useState<Failed | null>(null);
  const [over, setOver] = useState(false);
  const [pack, setPack] = useState("voc2007");
  const folderRef = useRef<HTMLInputElement>(null);
  const filesRef = useRef<HTMLInputElement>(null);

  /** `keep`: the user's own files, kept for the next visit; a pack or the built-in samples forget them */
  const adopt = async (what: string, load: () => Promise<Dataset | [Dataset, PathedFile[]]>) => {
    setBusy(`Reading ${what}…`);
    setFailed(null);
    try {
      const got = await load();
      const [loaded, files] = Array.isArray(got) ? got : [got, null];
      if (shouldReplace(loaded)) {
        setDataset(loaded);
        onLoaded();
        void (files ? keepLoaded(files, loaded) : forget());
      } else setFailed({ what, messages: loaded.report });
    } catch (e) {
      setFailed({
        what,
        messages: [{ file: what, severity: "error", message: errorText(e) }],
      });
    } finally {
      setBusy(null);
    }
  };
  const loadInputs = (inputs: LoadInput[], what: string) =>
    adopt(what, async () => [await loadFromFiles(inputs), inputs.map(pathed)]);
  const onPick = (input: HTMLInputElement | null) => {
    const files = [...(input?.files ?? [])];
    if (input) input.value = "";
    if (files.length) void loadInputs(files, files.length === 1 ? files[0].name : `${files.length} files`);
  };
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    // read the entries (folders) and the plain file list now, while the drop is live
    const walk = filesFromDrop(e.dataTransfer.items);
    const flat = [...e.dataTransfer.files];
    void adopt("the dropped files", async () => {
      const walked = await walk;
      const inputs = walked.length ? walked : flat;
      return [await loadFromFiles(inputs), inputs.map(pathed)];
    });
  };
  const hosted = pack.trim();
  const hostedUrl = () =>
    /\.json$|\//.test(hosted) ? new URL(hosted, document.baseURI).href : packUrl(hosted);

  return (
    <div className="data-source" data-role="data-source">
      <p>
        <b>Showing:</b> {ds.name} (
        <span data-role="data-format">{ds.format ?? SOURCE_NAMES[ds.source] ?? ds.source}</span>) ·{" "}
        {ds.images.length} images
        {ds.synthetic && (
          <>
            {" "}
            · <span className="synthetic-badge">synthetic</span>
          </>
        )}
      </p>
      {ds.description && <p className="hint">{ds.description}</p>}
      {ds.credit && (
        <p className="credit" data-role="credit">
          Image credit: {ds.credit}
        </p>
      )}
      <section
        className={`drop-zone${over ? " over" : ""}`}
        data-role="drop-zone"
        aria-label="Load real Pascal VOC"
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
      >
        <p>
          <b>Use the real Pascal VOC:</b> drop a <code>VOCdevkit</code> folder, a <code>.zip</code> or a{" "}
          <code>.tar</code> (such as <code>VOCtrainval_06-Nov-2007.tar</code>, 450 MB, read in place) here, or
          pick one; the lesson's <code>pascal_train2007.json</code> with its JPEGs can be picked or dropped as
          loose files. Everything stays on this computer; every cell then uses the new data.
        </p>
        <div className="chips">
          <button type="button" onClick={() => folderRef.current?.click()} disabled={!!busy}>
            Pick a VOCdevkit folder…
          </button>
          <button type="button" onClick={() => filesRef.current?.click()} disabled={!!busy}>
            Pick files (.zip, .tar, or json + JPEGs)…
          </button>
          <label className="setting">
            hosted pack
            <input
              type="text"
              value={pack}
              size={10}
              onChange={(e) => setPack(e.target.value)}
              aria-label="Name or URL of a hosted sample pack"
            />
          </label>
          <button
            type="button"
            disabled={!!busy || !hosted}
            onClick={() => void adopt(hosted, () => loadPack(hostedUrl()))}
          >
            Load pack
          </button>
          {ds.source !== "builtin" ? (
            <button
              type="button"
              disabled={!!busy}
              onClick={() => void adopt("built-in samples", loadBuiltin)}
            >
              Back to the built-in samples
            </button>
          ) : null}
        </div>
        <p className="hint">
          A pack is a folder of real VOC images made with <code>npm run data:voc</code> and served beside the
          app as <code>data/&lt;name&gt;/manifest.json</code>.
        </p>
        <input
          ref={folderRef}
          type="file"
          hidden
          data-role="pick-folder"
          onChange={(e) => onPick(e.currentTarget)}
          {...{ webkitdirectory: "" }}
        />
        <input
          ref={filesRef}
          type="file"
          hidden
          multiple
          accept=".zip,.tar,.xml,.jpg,.jpeg,.png,.json,.txt"
          data-role="pick-files"
          onChange={(e) => onPick(e.currentTarget)}
        />
      </section>
      {busy && (
        <p className="hint" data-role="loading">
          {busy}
        </p>
      )}
      {failed && (
        <div className="cell-error" role="alert" data-role="load-failed">
          Nothing was loaded from <code>{failed.what}</code>, so the data did not change.
          <LoadReport messages={failed.messages} open />
        </div>
      )}
      <KeptData />
      <LoadReport key={ds.name} messages={[...report]} />
    </div>
  );
}
