// Index a zip archive without holding it in memory: unzipit reads the central directory with Blob.slice and
// inflates one entry when asked (never more than the entry declares). Archive bombs are refused up front;
// a whole-entry read checks the entry's CRC-32, so damaged bytes are reported, not loaded.
import { unzipRaw } from "unzipit";
import { errorText } from "../errors";
import type { LoadReport } from "./report";
import { normalisePath, type VirtualFile, type VirtualFiles } from "./vfs";

/** No single VOC file is near this size; a larger declared size is refused. */
export const MAX_ENTRY_BYTES = 256 * 1024 * 1024;
/** Deflate reaches ~1000:1 only on degenerate data; real XML compresses ~5:1, JPEG ~1:1. */
export const MAX_RATIO = 200;
export const MAX_ZIP_ENTRIES = 1_000_000;

const hex = (n: number) => `0x${n.toString(16).padStart(8, "0")}`;

/** The CRC-32 the central directory records for an entry (unzipit keeps it on the raw entry), or null. */
function declaredCrc(entry: unknown): number | null {
  const raw = (entry as { _rawEntry?: { crc32?: unknown } })._rawEntry;
  return typeof raw?.crc32 === "number" ? raw.crc32 >>> 0 : null;
}

let table: Uint32Array | null = null;

/** CRC-32 (IEEE 802.3, as zip uses). Neither fflate nor unzipit exports theirs; it is a few lines. */
export function crc32(bytes: Uint8Array): number {
  if (!table) {
    table = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table[n] = c >>> 0;
    }
  }
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = table[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** List the files of a zip blob; entries that look like a bomb, encrypted ones, and bad archives are reported. */
export async function indexZip(blob: Blob, name: string, report: LoadReport): Promise<VirtualFiles> {
  let entries: Awaited<ReturnType<typeof unzipRaw>>["entries"];
  try {
    ({ entries } = await unzipRaw(blob));
  } catch (e) {
    throw new Error(`not a readable zip archive (${errorText(e)})`);
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
    const expected = declaredCrc(entry);
    files.push({
      path,
      size: entry.size,
      read: async (length?: number) => {
        const bytes = new Uint8Array(await entry.arrayBuffer());
        if (bytes.length !== entry.size) {
          throw new Error(
            `corrupt zip entry: ${bytes.length} bytes where the archive declares ${entry.size}`,
          );
        }
        if (expected !== null) {
          const got = crc32(bytes);
          if (got !== expected) {
            throw new Error(
              `corrupt zip entry: its CRC-32 is ${hex(got)}, the archive says ${hex(expected)} (the bytes were damaged)`,
            );
          }
        }
        return length === undefined ? bytes : bytes.subarray(0, length);
      },
    });
  }
  return { kind: "zip", name, files };
}
