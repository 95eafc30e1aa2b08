// The bad-input corpus (tests/corpus/make-corpus.ts, generated into a temporary folder) through the code of
// `npm run data:check`: every case is answered in seconds, names the file and the problem, and the good
// image beside each bad thing still loads. One case also runs the real command, under a 2 GB heap.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { checkPaths } from "../../../scripts/data-check";
import { makeCorpus } from "../../corpus/make-corpus";

const dir = mkdtempSync(join(tmpdir(), "ssd-corpus-"));
const cases = makeCorpus(dir);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the bad-input corpus through data:check", () => {
  for (const c of cases) {
    it(c.name, async () => {
      const t0 = performance.now();
      const r = await checkPaths(c.paths.map((p) => join(dir, p)));
      const ms = performance.now() - t0;
      const lines = r.report.map((m) => `${m.severity}:${m.file}:${m.message}`);
      expect(ms, lines.join("\n")).toBeLessThan(10_000);
      expect(r.images, lines.join("\n")).toBe(c.images);
      for (const re of c.expect)
        expect(
          lines.some((l) => re.test(l)),
          `${re}\n${lines.join("\n")}`,
        ).toBe(true);
      if (c.maxLines !== undefined) expect(lines.length, lines.join("\n")).toBeLessThanOrEqual(c.maxLines);
    });
  }

  it("the real command: --json on the last line, exit 0 for a bad archive, --help, exit 2 for no such path", () => {
    const run = (...args: string[]) =>
      spawnSync(
        process.execPath,
        ["--max-old-space-size=2048", "--import", "tsx", "scripts/data-check.ts", ...args],
        { encoding: "utf8", timeout: 60_000 },
      );
    const r = run("--json", join(dir, "tar-pax-negative-size.tar"));
    expect(r.status, r.stderr).toBe(0);
    const last = JSON.parse(r.stdout.trim().split("\n").pop() ?? "");
    expect(last).toMatchObject({ images: 0, objects: 0, decoded: 0 });
    expect(last.reportCount).toBe(last.report.length);
    expect(last.report[0]).toEqual({
      severity: "error",
      file: "tar-pax-negative-size.tar",
      message: expect.stringContaining('a.xml: invalid pax size "-1536"'),
    });
    const help = run("--help");
    expect(help.status).toBe(0);
    expect(help.stdout).toContain("Usage: npm run data:check -- [--json] PATH...");
    const missing = run(join(dir, "no-such-thing"));
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain("no-such-thing: no such file or folder");
  });
});
