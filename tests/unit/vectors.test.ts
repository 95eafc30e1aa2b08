// Every case of ../shared/reference/vectors.json through the vectors registry (the same code as
// `npm run vectors`). A case whose op nobody has registered yet fails: it is not skipped.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { caseTolerance, compare, loadOps, runCase, type VectorFile } from "../../scripts/vectors/registry";

const FILE = fileURLToPath(new URL("../../../shared/reference/vectors.json", import.meta.url));
const file: VectorFile = JSON.parse(readFileSync(FILE, "utf8"));
const { ops } = await loadOps();

describe("reference vectors (../shared/reference/vectors.json)", () => {
  it("has cases", () => {
    expect(file.cases.length).toBeGreaterThan(0);
  });
  for (const c of file.cases) {
    it(`${c.id} (${c.op})`, async () => {
      const { expect: _hidden, ...input } = c; // the runner is never given `expect`
      const r = await runCase(ops, input);
      if ("error" in r) throw new Error(`${c.id}: ${r.error}`);
      expect(compare(r.result, c.expect, caseTolerance(file, c))).toEqual([]);
    });
  }
});

describe("vectors registry", () => {
  it("gives an unknown op or bad arguments an error, not a crash", async () => {
    expect(await runCase(ops, { id: "x", op: "no_such_op", args: {} })).toEqual({
      id: "x",
      error: 'unknown op "no_such_op"',
    });
    const bad = await runCase(ops, { id: "y", op: "jaccard", args: { a: [[0, 0, 1]], b: [] } });
    expect("error" in bad && bad.error).toMatch(/a\[0\] must be a list of length 4/);
    const noArgs = await runCase(ops, { id: "z", op: "nms", args: null });
    expect("error" in noArgs).toBe(true);
  });

  it("compares with atol + rtol*|expected|, index fields exactly, and checks shapes and keys", () => {
    const tol = { rtol: 1e-4, atol: 1e-5 };
    expect(compare(1.00009, 1, tol)).toEqual([]);
    expect(compare(1.0002, 1, tol)).toHaveLength(1);
    expect(compare({ keep: [1, 2] }, { keep: [1, 2] }, tol)).toEqual([]);
    expect(compare({ keep: [1, 2.000001] }, { keep: [1, 2] }, tol)).toHaveLength(1);
    expect(compare([1, 2], [1, 2, 3], tol)).toHaveLength(1);
    expect(compare({ a: 1, b: 2 }, { a: 1 }, tol)).toHaveLength(1);
    expect(compare({}, { a: 1 }, tol)).toHaveLength(1);
    expect(compare("x", "y", tol)).toHaveLength(1);
  });
});

describe("npm run vectors (the CLI, under plain Node/tsx)", () => {
  it("prints only {results}, computes without `expect`, and gives bad cases an error", () => {
    const pick = file.cases.filter((c) =>
      ["ssd_loss-1", "nms-0.4", "voc_map-all", "match-rand-0"].includes(c.id),
    );
    const cases = [
      ...pick.map(({ expect: _e, ...c }) => c),
      { id: "unknown", op: "no_such_op", args: {} },
      { id: "bad", op: "anchors", args: { grids: "four" } },
    ];
    const dir = mkdtempSync(join(tmpdir(), "vectors-"));
    const input = join(dir, "in.json");
    writeFileSync(input, JSON.stringify({ cases }));
    const root = fileURLToPath(new URL("../..", import.meta.url));
    const stdout = execFileSync(join(root, "node_modules/.bin/tsx"), ["scripts/vectors.ts", input], {
      cwd: root,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    });
    const out = JSON.parse(stdout) as { results: { id: string; result?: unknown; error?: string }[] };
    expect(Object.keys(out)).toEqual(["results"]);
    expect(out.results.map((r) => r.id)).toEqual(cases.map((c) => c.id));
    for (const c of pick) {
      const r = out.results.find((x) => x.id === c.id)!;
      expect(compare(r.result, c.expect, caseTolerance(file, c))).toEqual([]);
    }
    expect(out.results.at(-2)?.error).toMatch(/unknown op/);
    expect(out.results.at(-1)?.error).toMatch(/grids must be/);
  });
});
