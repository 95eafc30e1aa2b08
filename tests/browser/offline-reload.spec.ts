// The service worker: a first visit online saves the app (badge "Available offline"); then the server is
// stopped for real and a reload still works — Run all finishes every cell, and the WASM backend starts —
// with everything answered from the service worker's cache.
import { expect, test } from "@playwright/test";
import { distDir, runAllCells, watchCsp } from "./offline-util";
import { startStaticServer } from "./static-server";
import { collectErrors, onlyInProject, projectBackend } from "./util";

test.setTimeout(1_200_000);
// The service worker, the network and the CSP behave the same whatever the GPU backend: the test runs once,
// in the webgl project (the faster one on CI's software GPU), to keep CI time down; cells.spec.ts covers webgpu.

const SUB_PATH = "/classroom/ssd/";

test("first visit online, then the server stops: reload still works from the service worker", async ({
  browser,
}) => {
  onlyInProject("webgl", "backend-independent: runs in the webgl project");
  const server = await startStaticServer(distDir(), SUB_PATH);
  const context = await browser.newContext({ serviceWorkers: "allow" });
  try {
    const offOrigin: string[] = [];
    context.on("request", (r) => {
      const u = new URL(r.url());
      if (u.protocol.startsWith("http") && u.origin !== server.origin) offOrigin.push(r.url());
    });
    const page = await context.newPage();
    const errors = collectErrors(page);
    await watchCsp(page);

    // First visit, online: the service worker installs and precaches everything.
    await page.goto(`${server.url}?steps=2`);
    await expect(page.locator('[data-offline="ready"]')).toBeVisible({ timeout: 300_000 });
    const cached = await page.evaluate(async () => {
      const urls: string[] = [];
      for (const name of await caches.keys()) {
        for (const req of await (await caches.open(name)).keys()) urls.push(new URL(req.url).pathname);
      }
      return urls;
    });
    for (const file of [
      "index.html",
      "models/centernet.bin",
      "models/centernet.json",
      "models/ssd-builtin.bin",
      "models/runs.json",
      "data/builtin/manifest.json",
    ]) {
      expect(cached, `precached ${file}`).toContain(`${SUB_PATH}${file}`);
    }
    expect(cached.filter((u) => u.includes("/data/builtin/JPEGImages/")).length).toBeGreaterThan(100);
    expect(cached.some((u) => u.includes("/assets/tfjs-backend-wasm-simd"))).toBe(true);

    // The server goes away: nothing listens on its port any more.
    await server.close();
    await expect(fetch(server.url)).rejects.toThrow();
    const served = server.requests.length;

    // Reload: the page, the code, the sample (and the backbone, for the training cells) come from the cache.
    await page.reload();
    await expect(page.locator('[data-offline="ready"]')).toBeVisible({ timeout: 60_000 });
    expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
    // the training cells' recorded runs (models/runs.json) come from the cache too
    await page.locator('[data-cell="single"]').scrollIntoViewIfNeeded();
    await expect(page.locator('[data-cell="single"] [data-role="recorded-run"]')).toBeVisible({
      timeout: 60_000,
    });
    const ids = await runAllCells(page, projectBackend());
    expect(ids.length).toBe(15);

    // A fresh tab offline, on the WASM backend (its binaries from the cache too).
    const wasmPage = await context.newPage();
    const wasmErrors = collectErrors(wasmPage);
    await watchCsp(wasmPage);
    await wasmPage.goto(`${server.url}?backend=wasm&only=${ids[0]}`);
    await expect(wasmPage.locator('[data-backend="wasm"]')).toBeVisible({ timeout: 60_000 });

    expect(server.requests.length, "requests reached a stopped server").toBe(served);
    expect(offOrigin, "requests to other origins").toEqual([]);
    expect(errors).toEqual([]);
    expect(wasmErrors).toEqual([]);
  } finally {
    await context.close();
    await server.close().catch(() => {});
  }
});
