// What the data cell calls when a class picks or drops files: a VOCdevkit folder, a .zip or a .tar
// (including the original 450 MB VOCtrainval_06-Nov-2007.tar), or the lesson's json + images.

import { errorText } from "../errors";
import type { ImageDecoder } from "./decode";
import { LoadReport } from "./report";
import { indexTar } from "./tar";
import type { Dataset } from "./types";
import { filesFromBlobs, type PathedFile, pathOf, type VirtualFile, type VirtualFiles } from "./vfs";
import { makeDataset, type ReadOptions, readVoc } from "./voc-reader";
import { indexZip } from "./zip";

export type LoadInput = File | PathedFile;

async function head(blob: Blob, n: number): Promise<Uint8Array> {
  return new Uint8Array(await blob.slice(0, n).arrayBuffer());
}

/** "zip" | "tar" | "gzip" | null from the first bytes (names can lie). */
export async function sniffArchive(blob: Blob): Promise<"zip" | "tar" | "gzip" | null> {
  const h = await head(blob, 512);
  if (h[0] === 0x50 && h[1] === 0x4b && (h[2] === 3 || h[2] === 5) && (h[3] === 4 || h[3] === 6))
    return "zip";
  if (h[0] === 0x1f && h[1] === 0x8b) return "gzip";
  if (h.length === 512 && new TextDecoder().decode(h.subarray(257, 262)) === "ustar") return "tar";
  if (h.length === 512 && h[156] >= 48 && h[156] <= 55 && h.subarray(100, 108).some((v) => v !== 0))
    return "tar";
  return null;
}

/** An empty dataset whose report explains why nothing loaded. */
function failed(name: string, source: string, report: LoadReport, decoder?: ImageDecoder): Dataset {
  return makeDataset(
    { name, source, synthetic: false, images: [], splits: {}, report: report.messages },
    async (f) => {
      throw new Error(`${f}: not loaded`);
    },
    decoder,
  );
}

/**
 * Index picked or dropped files as one set of virtual files: archives (.zip/.tar, recognised by their bytes)
 * are indexed without being read whole; everything else is a folder (paths from webkitRelativePath or the
 * drop walk). Problems go to the report; null when nothing usable was given.
 */
export async function openFiles(
  inputs: readonly LoadInput[],
  report: LoadReport,
  onProgress?: ReadOptions["onProgress"],
): Promise<VirtualFiles | null> {
  const items: PathedFile[] = inputs.map((f) =>
    "path" in f && "file" in f ? f : { file: f as File, path: pathOf(f as File) },
  );
  const loose: PathedFile[] = [];
  const parts: VirtualFiles[] = [];
  for (const it of items) {
    const kind =
      /\.(zip|tar|tgz|gz)$/i.test(it.path) || items.length === 1 ? await sniffArchive(it.file) : null;
    try {
      if (kind === "zip") parts.push(await indexZip(it.file, it.path, report));
      else if (kind === "tar")
        parts.push(await indexTar(it.file, it.path, report, (d, t) => onProgress?.(d, t, "index")));
      else if (kind === "gzip")
        report.error(it.path, "a gzip-compressed archive: extract it first, or use the .tar or .zip");
      else if (/\.(zip|tar)$/i.test(it.path))
        report.error(it.path, "not a readable archive (its bytes are not zip or tar)");
      else loose.push(it);
    } catch (e) {
      report.error(it.path, errorText(e));
    }
  }
  if (loose.length) parts.push(filesFromBlobs(loose.length === 1 ? loose[0].path : commonRoot(loose), loose));
  if (parts.length === 0) return null;
  if (parts.length === 1) return parts[0];
  return { kind: "files", name: parts.map((p) => p.name).join(" + "), files: parts.flatMap((p) => p.files) };
}

/** Load picked or dropped files as a Dataset. Never throws for bad input: the reason is in `dataset.report`. */
export async function loadFromFiles(inputs: readonly LoadInput[], opts: ReadOptions = {}): Promise<Dataset> {
  const report = new LoadReport();
  const vfs = await openFiles(inputs, report, opts.onProgress);
  if (!vfs) {
    if (inputs.length === 0) report.error("(nothing)", "no files were given");
    return failed(
      inputs.map((i) => ("path" in i ? i.path : (i as File).name)).join(", ") || "(nothing)",
      "files",
      report,
      opts.decoder,
    );
  }
  const ds = await readVoc(vfs, opts);
  ds.report.unshift(...report.messages);
  return ds;
}

function commonRoot(files: readonly PathedFile[]): string {
  const first = files[0].path.split("/")[0];
  return files.every((f) => f.path.split("/")[0] === first) && files[0].path.includes("/")
    ? first
    : `${files.length} files`;
}

/** Walk a drop (DataTransfer items) into files with their folder paths. Browser only. */
export async function filesFromDrop(items: DataTransferItemList): Promise<PathedFile[]> {
  const out: PathedFile[] = [];
  const entries = [...items].map((i) => i.webkitGetAsEntry()).filter((e): e is FileSystemEntry => !!e);
  const walk = async (entry: FileSystemEntry, prefix: string): Promise<void> => {
    if (entry.isFile) {
      const file = await new Promise<File>((res, rej) => (entry as FileSystemFileEntry).file(res, rej));
      out.push({ file, path: `${prefix}${entry.name}` });
    } else if (entry.isDirectory) {
      const reader = (entry as FileSystemDirectoryEntry).createReader();
      for (;;) {
        const batch = await new Promise<FileSystemEntry[]>((res, rej) => reader.readEntries(res, rej));
        if (batch.length === 0) break;
        for (const e of batch) await walk(e, `${prefix}${entry.name}/`);
      }
    }
  };
  for (const e of entries) await walk(e, "");
  return out;
}

export type { VirtualFile };
