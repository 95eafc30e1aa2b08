// A new build deployed over an old one: the page (served by the old service worker) offers "Update
// available"; accepting it reloads into the new build, and the files the new build no longer lists are
// gone from the cache. The "new build" is a copy of dist/ whose index.html changed and one file was dropped,
// with sw.js's precache list changed to match (what the next `npm run build` would write).
import { createHash } from "node:crypto";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import { distDir, watchCsp } from "./offline-util";
import { startStaticServer } from "./static-server";
import { collectErrors, onlyInProject } from "./util";

test.setTimeout(300_000);
// The service worker, the network and the CSP behave the same whatever the GPU backend: the test runs once,
// in the webgl project (the faster one on CI's software GPU), to keep CI time down; cells.spec.ts covers webgpu.

const SUB_PATH = "/ssd/";
const DROPPED = "icons/apple-touch-icon.png";

/** Deploy "build 2" into `dir`: a marker in index.html, one file no longer shipped, sw.js to match. */
function deployNextBuild(dir: string): void {
  const indexPath = join(dir, "index.html");
  const html = readFileSync(indexPath, "utf8").replace(
    "<head>",
    '<head>\n    <meta name="ssd-build" content="2" />',
  );
  writeFileSync(indexPath, html);
  const revision = createHash("md5").update(html).digest("hex");
  const swPath = join(dir, "sw.js");
  const sw = readFileSync(swPath, "utf8");
  const next = sw
    .replace(/\{url:"index\.html",revision:"[0-9a-f]+"\}/, `{url:"index.html",revision:"${revision}"}`)
    .replace(new RegExp(`\\{url:"${DROPPED.replace(/[.]/g, "\\.")}",revision:"[0-9a-f]+"\\},?`), "");
  expect(next.includes(revision) && !next.includes(DROPPED), "sw.js precache list rewritten").toBe(true);
  writeFileSync(swPath, next);
  rmSync(join(dir, DROPPED));
}

const cachedPaths = () =>
  (async () => {
    const paths: string[] = [];
    for (const name of await caches.keys()) {
      for (const req of await (await caches.open(name)).keys()) paths.push(new URL(req.url).pathname);
    }
    return paths;
  })();

test("a new build deployed: update prompt, reload into it, stale files removed from the cache", async ({
  browser,
}) => {
  onlyInProject("webgl", "backend-independent: runs in the webgl project");
  const dir = mkdtempSync(join(tmpdir(), "ssd-dist-"));
  cpSync(distDir(), dir, { recursive: true });
  const server = await startStaticServer(dir, SUB_PATH, { live: true });
  const context = await browser.newContext({ serviceWorkers: "allow" });
  try {
    const page = await context.newPage();
    const errors = collectErrors(page);
    await watchCsp(page);
    await page.goto(server.url);
    await expect(page.locator('[data-offline="ready"]')).toBeVisible({ timeout: 300_000 });
    expect(await page.evaluate(cachedPaths)).toContain(`${SUB_PATH}${DROPPED}`);
    await expect(page.locator('[data-action="update"]')).toHaveCount(0);

    deployNextBuild(dir);
    // The next visit is still served by the old service worker (build 1), which finds the new sw.js.
    await page.reload();
    await expect(page.locator('meta[name="ssd-build"]')).toHaveCount(0);
    const update = page.locator('[data-action="update"]');
    await expect(update).toBeVisible({ timeout: 120_000 });
    await expect(page.locator('[data-offline="ready"]')).toBeVisible();

    // Accept: the new service worker takes over and the page reloads into build 2.
    await Promise.all([page.waitForEvent("load"), update.click()]);
    await expect(page.locator('meta[name="ssd-build"]')).toHaveCount(1);
    await expect(page.locator('[data-offline="ready"]')).toBeVisible({ timeout: 60_000 });
    await expect(page.locator('[data-action="update"]')).toHaveCount(0);
    const after = await page.evaluate(cachedPaths);
    expect(after).not.toContain(`${SUB_PATH}${DROPPED}`);
    expect(after).toContain(`${SUB_PATH}index.html`);
    expect(errors).toEqual([]);
  } finally {
    await context.close();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
