// The README's layer rule, enforced: a lower layer never imports a higher one, and a cell never imports another
// cell's folder (shared cell parts live in lessons/common). Every import in src/ is read, static and dynamic.
// `?raw` imports are the "Show code" text of a file, not code the importer runs, so they are not dependencies.
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const SRC = resolve(dirname(fileURLToPath(import.meta.url)), "../../src");

/** Layers, lowest first (README, Architecture); a module may import its own layer and any lower one. */
const LAYERS: string[][] = [
  ["errors", "settings"],
  ["compute"],
  ["ssd"],
  ["data"],
  ["augment"],
  ["model"],
  ["train"],
  ["viz"],
  ["lessons"],
  ["app"],
  ["main"],
];

/** The layer of a path relative to src/ (its first segment). */
function layerOf(path: string): number {
  const top = path.split("/")[0].replace(/\.tsx?$/, "");
  const i = LAYERS.findIndex((l) => l.includes(top));
  if (i < 0) throw new Error(`${path}: not in any layer (add "${top}" to LAYERS)`);
  return i;
}

/** The cell folder a lessons/ path is in, or null (lessons/common and the files beside the cells are shared). */
function cellOf(path: string): string | null {
  const [top, folder, file] = path.split("/");
  if (top !== "lessons" || file === undefined || folder === "common") return null;
  return folder;
}

/** The module specifiers a source file imports (import/export … from, import "x", import("x")). */
function importsOf(code: string): string[] {
  const out: string[] = [];
  const re = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)["']([^"']+)["']/g;
  for (const m of code.matchAll(re)) out.push(m[1]);
  return out;
}

/** What is wrong with `from` (relative to src/) importing `spec`; null when it is allowed. */
function violation(from: string, spec: string): string | null {
  if (!spec.startsWith(".") || spec.endsWith("?raw")) return null;
  const target = relative(SRC, resolve(SRC, dirname(from), spec.replace(/\?.*$/, "")));
  if (target.startsWith("..")) return null; // outside src/ (public/, package files)
  if (layerOf(target) > layerOf(from)) return `${from} imports ${target}: a higher layer`;
  const a = cellOf(from);
  const b = cellOf(target);
  if (a && b && a !== b)
    return `${from} imports ${target}: another cell (move the shared part to lessons/common)`;
  return null;
}

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return /\.(ts|tsx)$/.test(e.name) ? [p] : [];
  });
}

describe("layers", () => {
  it("finds an upward import and a cell-to-cell import (the check can fail)", () => {
    expect(importsOf(`import { x } from "../lessons/types";\nconst m = import("./y");\nimport "z";`)).toEqual(
      ["../lessons/types", "./y", "z"],
    );
    expect(violation("viz/ui/SettingControl.tsx", "../../lessons/types")).toMatch(/higher layer/);
    expect(violation("compute/backend.ts", "../model/wasm-fast")).toMatch(/higher layer/);
    expect(violation("lessons/largest/run.tsx", "../data/counts")).toMatch(/another cell/);
    expect(violation("lessons/largest/run.tsx", "../common/dataset")).toBeNull();
    expect(violation("lessons/largest/run.tsx", "../../data/lesson.ts?raw")).toBeNull();
    expect(violation("lessons/index.ts", "./largest/def")).toBeNull();
    expect(violation("app/App.tsx", "../settings")).toBeNull();
  });

  it("no module in src/ imports a higher layer or another cell", () => {
    const files = sources(SRC);
    expect(files.length).toBeGreaterThan(100);
    const bad = files.flatMap((f) => {
      const from = relative(SRC, f);
      return importsOf(readFileSync(f, "utf8")).flatMap((s) => violation(from, s) ?? []);
    });
    expect(bad).toEqual([]);
  });
});
