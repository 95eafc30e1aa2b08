// Index a tar archive (e.g. the 450 MB VOCtrainval_06-Nov-2007.tar) without holding it in memory: walk the
// 512-byte headers with Blob.slice, record each file's (offset, size), and read a file only when asked.
// Written by hand because the maintained streaming tar readers (modern-tar, tar-stream) do not expose entry
// offsets, and lazy per-image reads need them. Handles ustar prefixes, GNU long names and pax paths/sizes.
import type { LoadReport } from "./report";
import { normalisePath, sliceReader, type VirtualFile, type VirtualFiles } from "./vfs";

const BLOCK = 512;
const MAX_ENTRIES = 2_000_000;
/** Headers are read through a 64 KB window: small entries (annotations) come many per read. */
const WINDOW = 64 * 1024;
/** Entries up to this size that arrive inside a window are kept (annotation files), not read again. */
const KEEP_SMALL = 16 * 1024;
/** A long name or a pax header is a few hundred bytes; larger ones are refused, not read. */
const MAX_META = 1024 * 1024;

const ascii = (b: Uint8Array, from: number, to: number): string => {
  let end = from;
  while (end < to && b[end] !== 0) end++;
  return new TextDecoder().decode(b.subarray(from, end));
};

/**
 * A numeric header field: octal text, or GNU base-256 when the high bit of the first byte is set. NaN when
 * the field is not a number, or is negative (base-256 with the sign bit): the caller refuses the entry.
 */
function numeric(b: Uint8Array, from: number, len: number): number {
  if (b[from] & 0x80) {
    if (b[from] & 0x40) return Number.NaN; // negative
    let v = b[from] & 0x3f;
    for (let i = from + 1; i < from + len; i++) v = v * 256 + b[i];
    return v;
  }
  const s = ascii(b, from, from + len).trim();
  if (s === "") return 0;
  return /^[0-7]+$/.test(s) ? Number.parseInt(s, 8) : Number.NaN;
}

/** A pax "size" value: decimal digits only (no sign, no exponent, no fraction). */
function paxSize(v: string): number {
  return /^\d{1,16}$/.test(v.trim()) ? Number(v.trim()) : Number.NaN;
}

/** True when the header's checksum field matches its bytes (the checksum field itself counted as spaces). */
function checksumOk(h: Uint8Array): boolean {
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : h[i];
  return numeric(h, 148, 8) === sum;
}

/** pax records "LEN key=value\n" -> {key: value} */
function paxRecords(data: Uint8Array): Record<string, string> {
  const out: Record<string, string> = {};
  const text = new TextDecoder().decode(data);
  for (const line of text.split("\n")) {
    const m = /^\d+ ([^=]+)=(.*)$/s.exec(line);
    if (m) out[m[1]] = m[2];
  }
  return out;
}

/** List the regular files of a tar blob; problems go to the report under the archive's name. */
export async function indexTar(
  blob: Blob,
  name: string,
  report: LoadReport,
  onProgress?: (bytesRead: number, totalBytes: number) => void,
): Promise<VirtualFiles> {
  const files: VirtualFile[] = [];
  const read = async (at: number, n: number) => new Uint8Array(await blob.slice(at, at + n).arrayBuffer());
  let win = new Uint8Array(0);
  let winAt = 0;
  /** n bytes at `at`, from the window when they are inside it; else a fresh window (or a direct read). */
  const get = async (at: number, n: number): Promise<Uint8Array> => {
    if (at >= winAt && at + n <= winAt + win.length) return win.subarray(at - winAt, at - winAt + n);
    if (n > WINDOW) return read(at, n);
    win = await read(at, WINDOW);
    winAt = at;
    return win.subarray(0, n);
  };
  /** the bytes at `at` only if the current window already holds them */
  const inWindow = (at: number, n: number) =>
    at >= winAt && at + n <= winAt + win.length ? win.subarray(at - winAt, at - winAt + n) : undefined;
  let at = 0;
  let longName: string | undefined;
  let pax: Record<string, string> = {};
  for (let count = 0; at + BLOCK <= blob.size; count++) {
    if (count > MAX_ENTRIES) {
      report.error(name, `more than ${MAX_ENTRIES} tar entries: stopped reading`);
      break;
    }
    if (count % 512 === 0) onProgress?.(at, blob.size);
    const h = await get(at, BLOCK);
    if (h.every((v) => v === 0)) break; // end-of-archive marker
    if (!checksumOk(h)) {
      if (at === 0) throw new Error("not a tar archive (the first header's checksum does not match)");
      report.error(name, `corrupt tar header at byte ${at}: stopped reading, the files before it are kept`);
      break;
    }
    const type = String.fromCharCode(h[156] || 48);
    const ustar = ascii(h, 257, 263).startsWith("ustar");
    const prefix = ustar ? ascii(h, 345, 500) : "";
    let path = longName ?? pax.path ?? (prefix ? `${prefix}/${ascii(h, 0, 100)}` : ascii(h, 0, 100));
    const size = pax.size !== undefined ? paxSize(pax.size) : numeric(h, 124, 12);
    const dataAt = at + BLOCK;
    if (!Number.isSafeInteger(size) || size < 0) {
      const raw = pax.size !== undefined ? `pax size "${pax.size}"` : `size field "${ascii(h, 124, 136)}"`;
      report.error(
        name,
        `${path}: invalid ${raw} in the tar header at byte ${at} (a size must be a whole number of bytes, 0 or more): stopped reading, the files before it are kept`,
      );
      break;
    }
    if (dataAt + size > blob.size) {
      report.error(
        name,
        `${path}: truncated archive (the entry needs ${size} bytes past byte ${dataAt}): stopped`,
      );
      break;
    }
    if ((type === "L" || type === "x" || type === "g") && size > MAX_META) {
      report.error(
        name,
        `${path}: a ${type === "L" ? "long-name" : "pax"} header of ${size} bytes (limit ${MAX_META}) at byte ${at}: stopped reading, the files before it are kept`,
      );
      break;
    }
    if (type === "L") longName = ascii(await get(dataAt, size), 0, size);
    else if (type === "x") pax = paxRecords(await get(dataAt, size));
    else if (type !== "g") {
      if (type === "0" || type === "7") {
        path = normalisePath(path);
        const kept = size <= KEEP_SMALL ? inWindow(dataAt, size)?.slice() : undefined;
        const head = kept ?? inWindow(dataAt, Math.min(size, 16))?.slice();
        const lazy = sliceReader(blob, dataAt, size);
        files.push({
          path,
          size,
          head,
          read: kept
            ? async (length?: number) => (length === undefined ? kept : kept.subarray(0, length))
            : lazy,
        });
      }
      longName = undefined;
      pax = {};
    }
    const next = dataAt + Math.ceil(size / BLOCK) * BLOCK;
    if (!(next > at) || next > blob.size + BLOCK) {
      // cannot happen with the checks above; a walk that does not move forward must never loop
      report.error(name, `tar entry at byte ${at} does not advance the walk: stopped reading`);
      break;
    }
    at = next;
  }
  onProgress?.(blob.size, blob.size);
  return { kind: "tar", name, files };
}
