// Index a zip archive without holding it in memory: unzipit reads the central directory with Blob.slice and
// inflates one entry when asked (never more than the entry declares). Archive bombs are refused up front.
import { unzipRaw } from "unzipit";
import type { LoadReport } from "./report";
import { normalisePath, type VirtualFile, type VirtualFiles } from "./vfs";

/** No single VOC file is near this size; a larger declared size is refused. */
export const MAX_ENTRY_BYTES = 256 * 1024 * 1024;
/** Deflate reaches ~1000:1 only on degenerate data; real XML compresses ~5:1, JPEG ~1:1. */
export const MAX_RATIO = 200;
export const MAX_ZIP_ENTRIES = 1_000_000;

/** List the files of a zip blob; entries that look like a bomb, encrypted ones, and bad archives are reported. */
export async function indexZip(blob: Blob, name: string, report: LoadReport): Promise<VirtualFiles> {
  let entries: Awaited<ReturnType<typeof unzipRaw>>["entries"];
  try {
    ({ entries } = await unzipRaw(blob));
  } catch (e) {
    throw new Error(`not a readable zip archive (${e instanceof Error ? e.message : String(e)})`);
  }
  if (entries.length > MAX_ZIP_ENTRIES) {
    throw new Error(
      `${entries.length} entries (more than ${MAX_ZIP_ENTRIES}): refused as a possible zip bomb`,
    );
  }
  const files: VirtualFile[] = [];
  for (const entry of entries) {
    if (entry.isDirectory) continue;
    const path = normalisePath(entry.name);
    const where = `${name}: ${path}`;
    if (entry.encrypted) {
      report.error(where, "encrypted zip entry: skipped");
      continue;
    }
    if (entry.size > MAX_ENTRY_BYTES) {
      report.error(
        where,
        `declares ${entry.size} bytes uncompressed (limit ${MAX_ENTRY_BYTES}): skipped as a possible zip bomb`,
      );
      continue;
    }
    if (entry.size > 1024 * 1024 && entry.size > MAX_RATIO * Math.max(1, entry.compressedSize)) {
      report.error(
        where,
        `compression ratio ${Math.round(entry.size / Math.max(1, entry.compressedSize))}:1 (limit ${MAX_RATIO}:1): skipped as a possible zip bomb`,
      );
      continue;
    }
    files.push({
      path,
      size: entry.size,
      read: async (length?: number) => {
        const bytes = new Uint8Array(await entry.arrayBuffer());
        return length === undefined ? bytes : bytes.subarray(0, length);
      },
    });
  }
  return { kind: "zip", name, files };
}
