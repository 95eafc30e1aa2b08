// dist/ served by a plain static server under a sub-path, every request that is not to that origin recorded
// and aborted: Run all (small settings) must finish every cell with zero off-origin requests attempted and
// no console errors (CSP violations included).
import { expect, test } from "@playwright/test";
import { distDir, runAllCells, watchCsp } from "./offline-util";
import { startStaticServer } from "./static-server";
import { collectErrors, projectBackend } from "./util";

test.setTimeout(1_200_000);
// The service worker, the network and the CSP behave the same whatever the GPU backend: the test runs once,
// in the webgl project (the faster one on CI's software GPU), to keep CI time down; cells.spec.ts covers webgpu.

const SUB_PATH = "/some/sub/path/";

test("sub-path hosting, network blocked off-origin: every cell done, zero off-origin requests", async ({
  browser,
}) => {
  test.skip(projectBackend() !== "webgl", "backend-independent: runs in the webgl project");
  const server = await startStaticServer(distDir(), SUB_PATH);
  // Service workers off here: Playwright's routing does not see requests a service worker answers, and this
  // test must see every request (offline-reload.spec.ts tests the service worker).
  const context = await browser.newContext({ serviceWorkers: "block" });
  try {
    const offOrigin: string[] = [];
    const seen = new Set<string>();
    await context.route("**/*", (route) => {
      const url = route.request().url();
      const u = new URL(url);
      if (u.protocol === "data:" || u.protocol === "blob:") return route.continue();
      if (u.origin !== server.origin) {
        offOrigin.push(url);
        return route.abort("blockedbyclient");
      }
      seen.add(u.pathname + u.search);
      return route.continue();
    });
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

    expect(offOrigin, "requests to other origins").toEqual([]);
    expect(server.requests.filter((r) => !r.startsWith(SUB_PATH))).toEqual([]);
    // The routing saw every request the server got (workers' requests too), so "zero off-origin" is complete.
    expect(server.requests.filter((r) => !seen.has(r))).toEqual([]);
  } finally {
    await context.close();
    await server.close();
  }
});
