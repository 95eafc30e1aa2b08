// A uniform view of the files a class hands us (a picked/dropped folder, a zip, a tar, a hosted pack):
// paths plus lazy reads, so the VOC reader runs one code path for every source.
export interface VirtualFile {
  /** path inside the source, "/"-separated, e.g. "VOCdevkit/VOC2007/JPEGImages/000005.jpg" */
  path: string;
  size: number;
  /** the first bytes, when the source already has them (saves a read when checking the file type) */
  head?: Uint8Array;
  /** read the bytes (or the first `length` bytes); only this file's bytes are read */
  read(length?: number): Promise<Uint8Array>;
}

export interface VirtualFiles {
  /** "folder" | "files" (loose files picked or dropped together, no folder) | "zip" | "tar" */
  kind: string;
  /** what the user picked, for messages */
  name: string;
  files: VirtualFile[];
}

/** "./a\\b//c" -> "a/b/c" */
export function normalisePath(p: string): string {
  return p
    .replace(/\\/g, "/")
    .replace(/\/{2,}/g, "/")
    .replace(/^(\.\/|\/)+/, "");
}

async function blobBytes(blob: Blob, length?: number): Promise<Uint8Array> {
  const part = length === undefined ? blob : blob.slice(0, length);
  return new Uint8Array(await part.arrayBuffer());
}

/** A file with the path it had in the picked/dropped folder (File.webkitRelativePath, or a walked drop). */
export interface PathedFile {
  file: Blob;
  path: string;
}

/** Files of a picked/dropped folder, or loose files (kind "files": no path has a folder), as virtual files. */
export function filesFromBlobs(name: string, files: readonly PathedFile[]): VirtualFiles {
  return {
    kind: files.some((f) => normalisePath(f.path).includes("/")) ? "folder" : "files",
    name,
    files: files.map(({ file, path }) => ({
      path: normalisePath(path),
      size: file.size,
      read: (length?: number) => blobBytes(file, length),
    })),
  };
}

/** The path a browser gives a File: webkitRelativePath when a folder was picked, else its name. */
export function pathOf(file: File): string {
  const rel = (file as File & { webkitRelativePath?: string }).webkitRelativePath;
  return rel ? rel : file.name;
}

/** Blob slice reader shared by the archive indexes. */
export function sliceReader(blob: Blob, offset: number, size: number) {
  return (length?: number) => blobBytes(blob.slice(offset, offset + size), length);
}
