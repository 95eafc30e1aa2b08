// Chromium rows of the benchmark: a Vite dev server for bench/browser/ (cross-origin isolated, so tfjs-wasm
// gets threads) and Debian's Chromium through playwright-core, one browser per engine with the project's flags.
import { fileURLToPath } from "node:url";
import { type Browser, chromium, type Page } from "playwright-core";
import { createServer, type ViteDevServer } from "vite";
import { BASE_FLAGS, chromiumPath, WEBGL_FLAGS, WEBGPU_FLAGS } from "../tests/browser/chromium";
import type {} from "./browser/page"; // brings in the page's `window.bench` type
import type { Row, Skipped } from "./results";
import type { Engine, Timing } from "./timing";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const PORT = 5190;

/** COOP/COEP make the page crossOriginIsolated: SharedArrayBuffer, hence WebAssembly threads. */
export const ISOLATION_HEADERS = {
  "Cross-Origin-Opener-Policy": "same-origin",
  "Cross-Origin-Embedder-Policy": "require-corp",
};

export async function startBenchServer(): Promise<ViteDevServer> {
  const server = await createServer({
    root: ROOT,
    configFile: false,
    logLevel: "warn",
    server: { port: PORT, strictPort: true, hmr: false, headers: ISOLATION_HEADERS },
    optimizeDeps: {
      entries: ["bench/browser/index.html"],
      include: [
        "@tensorflow/tfjs-core",
        "@tensorflow/tfjs-core/dist/register_all_gradients",
        "@tensorflow/tfjs-backend-cpu",
        "@tensorflow/tfjs-backend-webgl",
        "@tensorflow/tfjs-backend-webgpu",
        "@tensorflow/tfjs-backend-wasm",
      ],
    },
  });
  await server.listen();
  return server;
}

export const PORT_URL = `http://localhost:${PORT}`;

const FLAGS: Record<string, string[]> = { webgpu: WEBGPU_FLAGS, webgl: WEBGL_FLAGS };

export interface BrowserSession {
  engine: Engine;
  info: Record<string, unknown>;
  version: string;
  page: Page;
  ssdHeadStep(o: {
    batch: number;
    channels: number;
    runs: number;
    warmup: number;
    budgetMs: number;
  }): Promise<Timing>;
  close(): Promise<void>;
}

/** Open the bench page on one engine; rejects with the page's own message when the engine cannot start. */
export async function openEngine(engine: Engine, query = ""): Promise<BrowserSession> {
  const executablePath = chromiumPath();
  if (!executablePath) throw new Error("no Chromium found (set CHROME_PATH or install Debian's chromium)");
  const browser: Browser = await chromium.launch({ executablePath, args: FLAGS[engine] ?? BASE_FLAGS });
  try {
    const page = await browser.newPage();
    page.setDefaultTimeout(600_000);
    await page.goto(`http://localhost:${PORT}/bench/browser/index.html?engine=${engine}${query}`, {
      timeout: 300_000,
    });
    await page.waitForFunction(() => window.bench?.ready === true, null, { timeout: 300_000 });
    const error = await page.evaluate(() => window.bench.error);
    if (error) throw new Error(error);
    const info = await page.evaluate(() => window.bench.info);
    return {
      engine,
      info,
      version: browser.version(),
      page,
      ssdHeadStep: (o) => page.evaluate((a) => window.bench.ssdHeadStep(a), o),
      close: () => browser.close(),
    };
  } catch (e) {
    await browser.close();
    throw e;
  }
}

/** ssd_head_step rows for one Chromium engine over the given shapes. */
export async function browserSsdSteps(
  engine: Engine,
  shapes: [string, number][],
  batch: number,
  plan: { runs: number; warmup: number; budgetMs: number },
  log: (s: string) => void,
  query = "",
): Promise<(Row | Skipped)[]> {
  let s: BrowserSession;
  try {
    s = await openEngine(engine, query);
  } catch (e) {
    const reason = e instanceof Error ? e.message.split("\n")[0] : String(e);
    return shapes.map(([shape]) => ({ name: "ssd_head_step", engine, shape, where: "chromium", reason }));
  }
  log(`  chromium ${s.version}, ${engine}: ${JSON.stringify(s.info)}`);
  const out: (Row | Skipped)[] = [];
  try {
    for (const [shape, channels] of shapes) {
      try {
        const t = await s.ssdHeadStep({ batch, channels, ...plan });
        const label = typeof s.info.label === "string" ? s.info.label : undefined;
        out.push({ name: "ssd_head_step", engine, shape, batch, ...t, where: "chromium", note: label });
        log(`  ${engine} ${shape}: ${t.median_ms.toFixed(0)} ms (${t.runs} runs)`);
      } catch (e) {
        out.push({
          name: "ssd_head_step",
          engine,
          shape,
          where: "chromium",
          reason: String(e).split("\n")[0],
        });
      }
    }
  } finally {
    await s.close();
  }
  return out;
}
