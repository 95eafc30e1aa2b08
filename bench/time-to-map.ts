// time_to_map rows of `npm run bench`: the train-ssd cell with its default settings, from a cold start (a fresh
// browser profile: no checkpoint, no feature cache) on the CPU path (Chromium without WebGPU: the training worker
// takes tfjs-wasm with our conv gradients), on the built app (`dist/`, served as `npm run preview` does, cross-origin
// isolated). The clock starts when Run is pressed, so scene drawing and the feature cache count. Validation mAP@0.5
// (VOC07) arrives at each epoch's end; the row keeps when it first reached 0.2 … 0.5 and its value at 1, 3, 5 min.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { preview } from "vite";
import { chromiumPath, WEBGL_FLAGS } from "../tests/browser/chromium";
import type { TimeToMapRow } from "./results";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const PORT = 4199;
export const MAP_LEVELS = ["0.2", "0.3", "0.4", "0.5"] as const;
export const MAP_TIMES = [60, 180, 300] as const;

/** Fold (seconds, mAP) points — one per epoch — into the row's two summaries. */
export function summarise(points: [number, number][]): Pick<TimeToMapRow, "seconds_to" | "map_at"> {
  const seconds_to = Object.fromEntries(
    MAP_LEVELS.map((l) => [l, points.find(([, m]) => m >= Number(l))?.[0] ?? null]),
  ) as TimeToMapRow["seconds_to"];
  const map_at = Object.fromEntries(
    MAP_TIMES.map((t) => {
      const seen = points.filter(([s]) => s <= t);
      return [String(t), seen.length ? seen[seen.length - 1][1] : null];
    }),
  ) as TimeToMapRow["map_at"];
  return { seconds_to, map_at };
}

/** Run the cell for `seconds` (default 300) and return its row; `dist/` must be built. */
export async function browserTimeToMap(log: (s: string) => void, seconds = 300): Promise<TimeToMapRow> {
  if (!existsSync(`${ROOT}dist/index.html`)) throw new Error("dist/ is not built: run `npm run build` first");
  const executablePath = chromiumPath();
  if (!executablePath) throw new Error("no Chromium found (set CHROME_PATH or install Debian's chromium)");
  const server = await preview({ root: ROOT, logLevel: "warn", preview: { port: PORT, strictPort: true } });
  const browser = await chromium.launch({ executablePath, args: WEBGL_FLAGS });
  try {
    const page = await browser.newPage();
    await page.goto(`http://localhost:${PORT}/?only=train-ssd#train-ssd`, { timeout: 120_000 });
    const cell = page.locator('[data-cell="train-ssd"]');
    await cell.locator('[data-action="run"]').click();
    const t0 = Date.now();
    const panel = cell.locator('[data-role="train-panel"]');
    const points: [number, number][] = [];
    let epochs = 0;
    let backend = "";
    while ((Date.now() - t0) / 1000 < seconds) {
      await page.waitForTimeout(1000);
      if (!(await panel.count())) continue;
      backend ||=
        (await panel.locator('[data-role="train-backend"]').getAttribute("data-train-backend")) ?? "";
      const n = Number((await panel.getAttribute("data-epochs")) ?? 0);
      if (n > epochs) {
        epochs = n;
        const map = Number(
          await panel
            .locator('[data-role="chart-mAP"] li:not([data-faint]) .legend-value')
            .first()
            .textContent(),
        );
        const s = (Date.now() - t0) / 1000;
        points.push([Math.round(s), map]);
        log(`  time_to_map: epoch ${n} at ${s.toFixed(0)} s, mAP ${map.toFixed(3)}`);
      }
      if ((await panel.getAttribute("data-phase")) === "done") break;
    }
    const info = (await panel.locator(".train-chip").allTextContents()).join(" | ");
    return {
      name: "time_to_map",
      engine: backend === "wasm" ? "wasm-fast" : backend,
      where: "chromium",
      ...summarise(points),
      points,
      note: "train-ssd defaults, cold start",
      detail: info.replace(/\s+/g, " ").slice(0, 300),
    };
  } finally {
    await browser.close();
    await new Promise<void>((r) => server.httpServer.close(() => r()));
  }
}
