// App cold start in headless Chromium: build the app (vite build, the project's config) into a temp folder,
// serve it with vite preview, and load it in fresh browsers. Measures, from navigation start: the bytes of
// JavaScript received before the first cell renders, the time until the first cell can run, and the time
// until tfjs has a backend (the header badge gets data-backend).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { build, preview } from "vite";
import { BASE_FLAGS, chromiumPath } from "../tests/browser/chromium";
import type { Row, Skipped } from "./results";
import { type Engine, median } from "./timing";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const PORT = 5191;
const LOADS = 3;

interface Load {
  firstCell: number;
  interactive: number;
  tfReady: number;
  jsBytes: number;
  backend: string;
}

/**
 * Installed before any page script: note when the first cell, its enabled Run button and the badge appear.
 * A string, not a function: tsx's transpiled functions call helpers (__name) that the page does not have.
 */
const WATCH_MILESTONES = `(() => {
  const w = window;
  w.__marks = {};
  const jsBytes = () => performance.getEntriesByType("resource")
    .filter((e) => /\\.m?js(\\?|$)/.test(e.name))
    .reduce((n, e) => n + (e.decodedBodySize || 0), 0);
  const check = () => {
    const m = w.__marks;
    if (m.firstCell === undefined && document.querySelector("[data-cell]")) {
      m.firstCell = performance.now();
      w.__jsAtFirstCell = jsBytes();
    }
    const run = document.querySelector('[data-cell] [data-action="run"]');
    if (m.interactive === undefined && run && !run.disabled) m.interactive = performance.now();
    if (m.tfReady === undefined && document.querySelector("[data-backend]")) m.tfReady = performance.now();
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true });
})();`;

async function oneLoad(url: string): Promise<Load> {
  const executablePath = chromiumPath();
  if (!executablePath) throw new Error("no Chromium found");
  const browser = await chromium.launch({ executablePath, args: BASE_FLAGS });
  try {
    const page = await browser.newPage();
    await page.addInitScript(WATCH_MILESTONES);
    await page.goto(url);
    await page
      .waitForFunction(
        () => {
          const m = (window as unknown as { __marks: Record<string, number> }).__marks;
          return m.firstCell !== undefined && m.interactive !== undefined && m.tfReady !== undefined;
        },
        null,
        { timeout: 120_000 },
      )
      .catch(async (e) => {
        const seen = await page.evaluate(() =>
          JSON.stringify((window as unknown as { __marks: unknown }).__marks),
        );
        throw new Error(`${url}: not every milestone appeared within 120 s (seen: ${seen}): ${e}`);
      });
    return await page.evaluate(() => {
      const w = window as unknown as { __marks: Record<string, number>; __jsAtFirstCell: number };
      return {
        ...(w.__marks as { firstCell: number; interactive: number; tfReady: number }),
        jsBytes: w.__jsAtFirstCell,
        backend: document.querySelector("[data-backend]")?.getAttribute("data-backend") ?? "?",
      };
    });
  } finally {
    await browser.close();
  }
}

export async function coldStart(log: (s: string) => void): Promise<(Row | Skipped)[]> {
  const outDir = mkdtempSync(join(tmpdir(), "ssd-bench-dist-"));
  const skipped = (reason: string): Skipped[] => [
    { name: "cold_start", engine: "app", where: "chromium", reason },
  ];
  try {
    await build({ root: ROOT, logLevel: "warn", build: { outDir, emptyOutDir: true } });
    const server = await preview({
      root: ROOT,
      logLevel: "warn",
      build: { outDir },
      preview: { port: PORT, strictPort: true },
    });
    try {
      const loads: Load[] = [];
      for (let i = 0; i < LOADS; i++) loads.push(await oneLoad(`http://localhost:${PORT}/`));
      const engine = loads[0].backend as Engine;
      const where = "chromium";
      const shape = "built app (vite build), fresh browser";
      const note = `app chose ${engine}`;
      const mk = (name: string, xs: number[]): Row => ({
        name,
        engine,
        shape,
        batch: 1,
        median_ms: median(xs),
        runs: xs.length,
        samples: xs,
        where,
        note,
      });
      const kb = median(loads.map((l) => l.jsBytes)) / 1024;
      log(`  JS before the first cell: ${kb.toFixed(0)} KiB`);
      return [
        mk(
          "cold_start_first_cell",
          loads.map((l) => l.firstCell),
        ),
        mk(
          "cold_start_first_cell_interactive",
          loads.map((l) => l.interactive),
        ),
        mk(
          "cold_start_tfjs_ready",
          loads.map((l) => l.tfReady),
        ),
        {
          ...mk(
            "cold_start_js_kib_before_first_cell",
            loads.map((l) => l.jsBytes / 1024),
          ),
          note: `KiB of JavaScript (decoded), not ms; ${note}`,
        },
      ];
    } finally {
      await new Promise<void>((r) => server.httpServer.close(() => r()));
    }
  } catch (e) {
    return skipped((e instanceof Error ? e.message : String(e)).split("\n")[0]);
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}
