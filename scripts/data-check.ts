// `npm run data:check -- [--json] PATH...` — for instructors, before the lesson: load folders, archives
// (.zip, .tar) and json files — the inputs the data cell accepts — through the app's own data layer (src/data)
// in Node, decode every image (jpeg-js), and print the load report. Several paths load together, as files
// picked together do. Exit 0 whenever the input could be read, whatever the report says; 2 on a usage error
// or a path that cannot be read. `--json`: one JSON object on the last line of stdout.
import { type Dirent, openAsBlob, readdirSync, statSync } from "node:fs";
import { basename, dirname, join, relative, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { nodeDecoder } from "../src/data/decode-node";
import { loadFromFiles } from "../src/data/load";
import { formatReport, messageCount } from "../src/data/report";
import type { LoadMessage } from "../src/data/types";
import type { PathedFile } from "../src/data/vfs";

export const USAGE = `Usage: npm run data:check -- [--json] PATH...

Load Pascal VOC data the way the notebook's data cell does — a VOCdevkit folder, a .zip or .tar of one,
or the lesson's pascal_*.json with its JPEGImages/ folder — decode every image, and print the load report
(errors and warnings, each naming the file). Several paths are loaded together, like files picked together.

  --json   print one JSON object on the last line of stdout:
           {"images", "objects", "decoded", "report": [{"severity", "file", "message"}], "reportCount"}
  --help   this text

Exit status: 0 when the input could be read (whatever the report says), 2 on a usage error or a path that
cannot be read.`;

export interface CheckResult {
  images: number;
  objects: number;
  decoded: number;
  report: LoadMessage[];
  /** messages in all (a grouped "and N more like this" line counts N) */
  reportCount: number;
}

/** Files under a folder, with paths that start with the folder's own name (as a browser's folder pick gives). */
async function folderFiles(dir: string): Promise<PathedFile[]> {
  const root = dirname(dir);
  const out: PathedFile[] = [];
  const walk = async (d: string) => {
    let entries: Dirent[];
    try {
      entries = readdirSync(d, { withFileTypes: true });
    } catch {
      return; // unreadable sub-folder: its files are simply not there, as in a browser pick
    }
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const e of entries) {
      const p = join(d, e.name);
      if (e.isDirectory()) await walk(p);
      else if (e.isFile())
        out.push({ path: relative(root, p).split("\\").join("/"), file: await openAsBlob(p) });
      // symlinks, sockets, devices: not followed (a picked folder never holds them)
    }
  };
  await walk(dir);
  return out;
}

/** The inputs for paths (folders walked, files as they are); throws naming a path that cannot be read. */
export async function inputsOf(paths: readonly string[]): Promise<PathedFile[]> {
  const out: PathedFile[] = [];
  for (const p of paths) {
    const full = resolve(p);
    let st: ReturnType<typeof statSync>;
    try {
      st = statSync(full);
    } catch {
      throw new Error(`${p}: no such file or folder`);
    }
    if (st.isDirectory()) out.push(...(await folderFiles(full)));
    else if (st.isFile()) out.push({ path: basename(full), file: await openAsBlob(full) });
    else throw new Error(`${p}: not a file or a folder`);
  }
  return out;
}

/** Load, decode every image (2 at a time), and return the counts and the report. */
export async function checkPaths(
  paths: readonly string[],
  onProgress?: (done: number, total: number) => void,
): Promise<CheckResult> {
  const ds = await loadFromFiles(await inputsOf(paths), { decoder: nodeDecoder });
  let decoded = 0;
  let next = 0;
  const worker = async () => {
    while (next < ds.images.length) {
      const im = ds.images[next++];
      try {
        await ds.loadImage(im); // a failure or a size mismatch is added to ds.report
        decoded++;
      } catch {
        // reported by loadImage
      }
      if (next % 50 === 0) onProgress?.(next, ds.images.length);
    }
  };
  await Promise.all([worker(), worker()]);
  return {
    images: ds.images.length,
    objects: ds.images.reduce((n, im) => n + im.objects.length, 0),
    decoded,
    report: ds.report.map(({ severity, file, message }) => ({ severity, file, message })),
    reportCount: messageCount(ds.report),
  };
}

/** The text report. */
export function formatCheck(r: CheckResult): string {
  const errors = r.report.filter((m) => m.severity === "error").length;
  const n = (k: number, what: string) => `${k} ${what}${k === 1 ? "" : "s"}`;
  const head = `${n(r.images, "image")}, ${n(r.objects, "object")}, ${r.decoded} of ${r.images} decoded; ${r.reportCount} report message${r.reportCount === 1 ? "" : "s"} (${errors} error line${errors === 1 ? "" : "s"} listed)`;
  return r.report.length ? `${head}\n${formatReport(r.report)}` : `${head}\neverything loaded`;
}

export async function main(argv: string[]): Promise<number> {
  const parse = () =>
    parseArgs({
      args: argv,
      options: { json: { type: "boolean" }, help: { type: "boolean" } },
      allowPositionals: true,
    });
  let args: ReturnType<typeof parse>;
  try {
    args = parse();
  } catch (e) {
    console.error(`${e instanceof Error ? e.message : String(e)}\n\n${USAGE}`);
    return 2;
  }
  if (args.values.help) {
    console.log(USAGE);
    return 0;
  }
  if (args.positionals.length === 0) {
    console.error(`no PATH given\n\n${USAGE}`);
    return 2;
  }
  let r: CheckResult;
  try {
    r = await checkPaths(args.positionals, (d, t) => {
      if (!args.values.json) process.stderr.write(`\rdecoded ${d} / ${t}`);
    });
  } catch (e) {
    console.error(`data:check: ${e instanceof Error ? e.message : String(e)}`);
    return 2;
  }
  if (args.values.json) console.log(JSON.stringify(r));
  else {
    process.stderr.write("\r");
    console.log(formatCheck(r));
  }
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
