// dist/ served by a plain static server under a sub-path, every request that is not to that origin recorded
// and refused (by a proxy all the browser's requests go through): Run all (small settings) must finish every cell with zero off-origin requests attempted and
// no console errors (CSP violations included).
import { expect, test } from "@playwright/test";
import { AUTOFILL_SERVER } from "./chromium";
import { distDir, runAllCells, watchCsp } from "./offline-util";
import { startRecordProxy } from "./record-proxy";
import { startStaticServer } from "./static-server";
import { collectErrors, onlyInProject, projectBackend } from "./util";

test.setTimeout(1_200_000);
// The service worker, the network and the CSP behave the same whatever the GPU backend: the test runs once,
// in the webgl project (the faster one on CI's software GPU), to keep CI time down; cells.spec.ts covers webgpu.

const SUB_PATH = "/some/sub/path/";

test("sub-path hosting, network blocked off-origin: every cell done, zero off-origin requests", async ({
  browser,
}) => {
  onlyInProject("webgl", "backend-independent: runs in the webgl project");
  const server = await startStaticServer(distDir(), SUB_PATH);
  // Every request goes through a recording proxy (workers started by workers included, which Playwright's
  // routing cannot see); it forwards only to the server's origin and refuses the rest. "<-loopback>" makes
  // Chromium proxy 127.0.0.1 too. Service workers off: offline-reload.spec.ts tests those, and here every
  // request must reach the network.
  const proxy = await startRecordProxy(server.origin);
  const context = await browser.newContext({
    serviceWorkers: "block",
    proxy: { server: proxy.server, bypass: "<-loopback>" },
  });
  try {
    const page = await context.newPage();
    const errors = collectErrors(page);
    await watchCsp(page);
    await page.goto(`${server.url}?steps=2`);
    const ids = await runAllCells(page, projectBackend());
    expect(ids.length).toBe(15);

    expect(errors).toEqual([]);
    // The built-in sample came from under the sub-path. (The backbone, models/, is fetched only by the cells
    // that train; when they run, the checks above and below cover their requests, the worker's included.)
    expect(server.requests.some((r) => r.startsWith(`${SUB_PATH}data/builtin/manifest.json`))).toBe(true);

    // The WASM backend: its binaries come from our own origin under the sub-path, allowed by the CSP.
    const wasmPage = await context.newPage();
    const wasmErrors = collectErrors(wasmPage);
    await watchCsp(wasmPage);
    await wasmPage.goto(`${server.url}?backend=wasm&only=${ids[0]}`);
    await expect(wasmPage.locator('[data-backend="wasm"]')).toBeVisible({ timeout: 60_000 });
    expect(server.requests.some((r) => r.startsWith(`${SUB_PATH}assets/tfjs-backend-wasm`))).toBe(true);
    expect(wasmErrors).toEqual([]);

    // Chromium's autofill service asks about the page's forms from the browser process; the flags send it to
    // a host of its own (AUTOFILL_SERVER) so exactly those are told apart. Everything else refused was the app's.
    const appRefused = proxy.refused.filter((r) => !r.startsWith(AUTOFILL_SERVER));
    expect(appRefused, "requests to other origins").toEqual([]);
    expect(server.requests.filter((r) => !r.startsWith(SUB_PATH))).toEqual([]);
    // Everything the server got came through the proxy, so the proxy's list is complete: the draw workers'
    // requests (started by the training worker) among them.
    const forwarded = new Set(proxy.forwarded);
    expect(server.requests.filter((r) => !forwarded.has(r))).toEqual([]);
    expect(proxy.forwarded.some((r) => r.includes("/assets/draw-worker"))).toBe(true);
  } finally {
    await context.close();
    await proxy.close();
    await server.close();
  }
});
