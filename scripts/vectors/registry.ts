// The vectors runner's machinery: an op registry merged from every scripts/vectors/ops-*.ts module, running a
// case into {id, result} | {id, error}, and the comparison rule of ../shared/reference/VECTORS.md.
import { readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

// biome-ignore lint/suspicious/noExplicitAny: case arguments are untyped JSON, checked by each op
export type Op = (args: any) => unknown | Promise<unknown>;
export type OpTable = Record<string, Op>;

export interface Tolerance {
  rtol: number;
  atol: number;
}
export const DEFAULT_TOLERANCE: Tolerance = { rtol: 1e-4, atol: 1e-5 };

export interface VectorCase {
  id: string;
  op: string;
  args: unknown;
  expect?: unknown;
  tol?: Partial<Tolerance>;
}
export interface VectorFile {
  tolerance?: Partial<Tolerance>;
  cases: VectorCase[];
}
export type CaseResult = { id: string; result: unknown } | { id: string; error: string };

const HERE = dirname(fileURLToPath(import.meta.url));

/**
 * Merge the `ops` of every ops-*.ts module beside this file. A module that fails to load, or an op defined
 * twice, is reported in `problems` (and named in the error of a case that needs it) instead of stopping the run.
 */
export async function loadOps(dir = HERE): Promise<{ ops: OpTable; modules: string[]; problems: string[] }> {
  const modules = readdirSync(dir)
    .filter((f) => /^ops-[\w-]+\.ts$/.test(f))
    .sort();
  const ops: OpTable = {};
  const origin: Record<string, string> = {};
  const problems: string[] = [];
  for (const file of modules) {
    let mod: { ops?: OpTable };
    try {
      mod = (await import(pathToFileURL(join(dir, file)).href)) as { ops?: OpTable };
    } catch (e) {
      problems.push(`${file} failed to load: ${e instanceof Error ? e.message : e}`);
      continue;
    }
    if (!mod.ops || typeof mod.ops !== "object") {
      problems.push(`${file} exports no \`ops\` table`);
      continue;
    }
    for (const [name, fn] of Object.entries(mod.ops)) {
      if (origin[name])
        problems.push(`op "${name}" is defined in both ${origin[name]} and ${file}; using the first`);
      else {
        ops[name] = fn;
        origin[name] = file;
      }
    }
  }
  unloaded = problems;
  return { ops, modules, problems };
}

let unloaded: string[] = [];

/** Run one case; never throws: an unknown op or a failing op gives the case an error. Never reads `expect`. */
export async function runCase(ops: OpTable, c: VectorCase): Promise<CaseResult> {
  const id = c && typeof c.id === "string" ? c.id : String(c?.id);
  try {
    if (!c || typeof c.op !== "string") throw new Error("case has no op");
    const fn = ops[c.op];
    if (!fn) throw new Error(`unknown op "${c.op}"${unloaded.length ? ` (${unloaded.join("; ")})` : ""}`);
    if (c.args === null || typeof c.args !== "object")
      throw new Error(`op "${c.op}": args must be an object`);
    return { id, result: await fn(c.args) };
  } catch (e) {
    return { id, error: e instanceof Error ? e.message : String(e) };
  }
}

export async function runFile(ops: OpTable, file: VectorFile): Promise<CaseResult[]> {
  if (!file || !Array.isArray(file.cases)) throw new Error("vectors file has no `cases` array");
  const out: CaseResult[] = [];
  for (const c of file.cases) out.push(await runCase(ops, c));
  return out;
}

/** The tolerance of a case: its own `tol` replaces the file's. */
export function caseTolerance(file: VectorFile, c: VectorCase): Tolerance {
  return { ...DEFAULT_TOLERANCE, ...(c.tol ?? file.tolerance ?? {}) };
}

/** Keys whose values are integers or index lists: compared exactly. */
const EXACT_KEYS = new Set(["keep", "count", "index", "gtIdx"]);

/**
 * Differences between a result and the expected value ([] = match): numbers within atol + rtol*|expected|,
 * integers/index lists (keep, count, index, gtIdx), strings and booleans exactly, same lengths and keys.
 */
export function compare(
  got: unknown,
  expected: unknown,
  tol: Tolerance,
  path = "$",
  exact = false,
): string[] {
  if (typeof expected === "number") {
    if (typeof got !== "number" || Number.isNaN(got))
      return [`${path}: expected ${expected}, got ${JSON.stringify(got)}`];
    const ok = exact
      ? got === expected
      : Math.abs(got - expected) <= tol.atol + tol.rtol * Math.abs(expected);
    return ok ? [] : [`${path}: expected ${expected}, got ${got} (diff ${Math.abs(got - expected)})`];
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(got)) return [`${path}: expected an array, got ${JSON.stringify(got)?.slice(0, 80)}`];
    if (got.length !== expected.length)
      return [`${path}: expected length ${expected.length}, got ${got.length}`];
    return expected.flatMap((e, i) => compare(got[i], e, tol, `${path}[${i}]`, exact));
  }
  if (expected !== null && typeof expected === "object") {
    if (got === null || typeof got !== "object" || Array.isArray(got)) {
      return [`${path}: expected an object, got ${JSON.stringify(got)?.slice(0, 80)}`];
    }
    const g = got as Record<string, unknown>;
    const e = expected as Record<string, unknown>;
    const extra = Object.keys(g).filter((k) => !(k in e));
    const errs = extra.map((k) => `${path}.${k}: not expected`);
    for (const k of Object.keys(e)) {
      if (!(k in g)) errs.push(`${path}.${k}: missing`);
      else errs.push(...compare(g[k], e[k], tol, `${path}.${k}`, exact || EXACT_KEYS.has(k)));
    }
    return errs;
  }
  return got === expected
    ? []
    : [`${path}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(got)}`];
}

// Argument checks for ops: each throws a message naming the argument and the problem.

export function argNumber(args: Record<string, unknown>, name: string, fallback?: number): number {
  const v = args[name] ?? fallback;
  if (typeof v !== "number" || !Number.isFinite(v))
    throw new Error(`${name} must be a finite number, got ${JSON.stringify(v)}`);
  return v;
}

export function argArray(args: Record<string, unknown>, name: string, len?: number): number[] {
  const v = args[name];
  if (!Array.isArray(v) || v.some((x) => typeof x !== "number") || (len !== undefined && v.length !== len)) {
    throw new Error(`${name} must be ${len ?? "a list of"} numbers, got ${JSON.stringify(v)?.slice(0, 80)}`);
  }
  return v;
}

/** A numeric array of the given shape; -1 in `shape` accepts any length there. */
export function argTensor(args: Record<string, unknown>, name: string, shape: number[]): unknown[] {
  const v = args[name];
  const check = (x: unknown, d: number, path: string): void => {
    if (d === shape.length) {
      if (typeof x !== "number" || !Number.isFinite(x))
        throw new Error(`${name}${path} must be a finite number`);
      return;
    }
    if (!Array.isArray(x) || (shape[d] >= 0 && x.length !== shape[d])) {
      throw new Error(`${name}${path} must be a list of length ${shape[d] >= 0 ? shape[d] : "n"}`);
    }
    x.forEach((y, i) => {
      check(y, d + 1, `${path}[${i}]`);
    });
  };
  check(v, 0, "");
  return v as unknown[];
}
