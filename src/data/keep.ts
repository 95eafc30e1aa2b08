// Keep the files a user loaded across reloads, in the browser's Origin Private File System
// (navigator.storage.getDirectory()): the picked or dropped files are copied as they are (a .tar stays one
// file) with a manifest of their paths, and read back as lazy File objects, so reloading loads them through
// the same loadFromFiles as the first time. The manifest is written last: a copy cut short is never restored.
import type { PathedFile } from "./vfs";

const DIR = "kept-dataset";
const MANIFEST = "manifest.json";

export interface KeptInfo {
  /** what the user picked (the dataset's name) */
  name: string;
  /** what it was ("VOCdevkit folder", "COCO json (…)") */
  format?: string;
  files: number;
  bytes: number;
  /** ISO time of the copy */
  savedAt: string;
}

interface Manifest extends KeptInfo {
  paths: string[];
}

/** Why keeping failed, said for the user (quota, no OPFS, a write error). */
export class KeepError extends Error {}

type Dir = FileSystemDirectoryHandle;

function storage(): StorageManager | undefined {
  return typeof navigator === "undefined" ? undefined : navigator.storage;
}

/** Whether this browser can keep files (OPFS with writable files). */
export function keepSupported(): boolean {
  return (
    typeof storage()?.getDirectory === "function" &&
    typeof FileSystemFileHandle !== "undefined" &&
    typeof FileSystemFileHandle.prototype.createWritable === "function"
  );
}

async function root(): Promise<Dir> {
  const s = storage();
  if (!s || typeof s.getDirectory !== "function")
    throw new KeepError("this browser has no Origin Private File System, so loaded data cannot be kept");
  return s.getDirectory();
}

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;

function explain(e: unknown): KeepError {
  if (e instanceof KeepError) return e;
  const name = e instanceof DOMException ? e.name : "";
  if (name === "QuotaExceededError")
    return new KeepError("the browser's storage for this site is full, so the data could not be kept");
  return new KeepError(`the data could not be kept: ${e instanceof Error ? e.message : String(e)}`);
}

/** Copy `files` into the browser's storage, replacing what was kept. Throws a KeepError saying why not. */
export async function keepFiles(
  files: readonly PathedFile[],
  info: { name: string; format?: string },
): Promise<KeptInfo> {
  const bytes = files.reduce((n, f) => n + f.file.size, 0);
  const dirRoot = await root();
  const est = await storage()?.estimate?.();
  if (est?.quota !== undefined && est.usage !== undefined && bytes > est.quota - est.usage) {
    throw new KeepError(
      `${mb(bytes)} is more than this browser lets the site store (${mb(est.quota - est.usage)} free), so the data could not be kept`,
    );
  }
  if (!keepSupported())
    throw new KeepError("this browser cannot write files to its storage, so loaded data cannot be kept");
  try {
    await dirRoot.removeEntry(DIR, { recursive: true }).catch(() => undefined);
    const dir = await dirRoot.getDirectoryHandle(DIR, { create: true });
    for (let i = 0; i < files.length; i++) {
      const w = await (await dir.getFileHandle(`f${i}`, { create: true })).createWritable();
      try {
        await w.write(files[i].file);
      } finally {
        await w.close();
      }
    }
    const kept: KeptInfo = { ...info, files: files.length, bytes, savedAt: new Date().toISOString() };
    const manifest: Manifest = { ...kept, paths: files.map((f) => f.path) };
    const w = await (await dir.getFileHandle(MANIFEST, { create: true })).createWritable();
    await w.write(JSON.stringify(manifest));
    await w.close();
    return kept;
  } catch (e) {
    await dirRoot.removeEntry(DIR, { recursive: true }).catch(() => undefined);
    throw explain(e);
  }
}

async function readManifest(dir: Dir): Promise<Manifest | null> {
  try {
    const text = await (await (await dir.getFileHandle(MANIFEST)).getFile()).text();
    const m = JSON.parse(text) as Manifest;
    return Array.isArray(m.paths) ? m : null;
  } catch {
    return null;
  }
}

async function keptDir(): Promise<Dir | null> {
  if (typeof storage()?.getDirectory !== "function") return null;
  try {
    return await (await root()).getDirectoryHandle(DIR);
  } catch {
    return null; // nothing kept
  }
}

/** What is kept, or null. */
export async function keptInfo(): Promise<KeptInfo | null> {
  const dir = await keptDir();
  const m = dir && (await readManifest(dir));
  if (!m) return null;
  const { paths: _paths, ...info } = m;
  return info;
}

/** The kept files (lazy, on disk) with their original paths, or null when nothing is kept. */
export async function keptFiles(): Promise<{ info: KeptInfo; files: PathedFile[] } | null> {
  const dir = await keptDir();
  const m = dir && (await readManifest(dir));
  if (!dir || !m) return null;
  const files = await Promise.all(
    m.paths.map(async (path, i) => ({ path, file: await (await dir.getFileHandle(`f${i}`)).getFile() })),
  );
  const { paths: _paths, ...info } = m;
  return { info, files };
}

/** Delete the kept copy (nothing kept: nothing to do). */
export async function forgetKept(): Promise<void> {
  if (typeof storage()?.getDirectory !== "function") return;
  await (await root()).removeEntry(DIR, { recursive: true }).catch((e: unknown) => {
    if (!(e instanceof DOMException && e.name === "NotFoundError")) throw explain(e);
  });
}
