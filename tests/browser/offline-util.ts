// Helpers shared by the offline specs: where dist/ is, and "Run all, every cell reaches done".
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { expect, type Page } from "@playwright/test";

/** The built app; these specs test what `npm run build` made (npm test builds first). SSD_DIST may point
 * at another build folder (e.g. `npx vite build --outDir /tmp/ssd-dist`). */
export function distDir(): string {
  const dir = resolve(process.env.SSD_DIST ?? "dist");
  if (!existsSync(resolve(dir, "index.html")) || !existsSync(resolve(dir, "sw.js"))) {
    throw new Error(`${dir} has no built app with a service worker: run \`npm run build\` first`);
  }
  return dir;
}

/** Record CSP violations in the page (Chromium also logs them as console errors). */
export async function watchCsp(page: Page): Promise<void> {
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      console.error(
        `CSP violation: ${e.violatedDirective} blocked ${e.blockedURI} (${e.sourceFile}:${e.lineNumber})`,
      );
    });
  });
}

/** Press Run all and wait until every cell says done (the cells.spec.ts pattern); returns the cell ids. */
export async function runAllCells(page: Page, backend: string): Promise<string[]> {
  await expect(page.locator(`[data-backend="${backend}"]`)).toBeVisible({ timeout: 60_000 });
  await page.locator('[data-action="run-all"]').click();
  const ids = await page
    .locator("section[data-cell]")
    .evaluateAll((els) => els.map((e) => e.getAttribute("data-cell") ?? ""));
  expect(ids.length).toBeGreaterThan(0);
  for (const id of ids) {
    const cell = page.locator(`[data-cell="${id}"]`);
    await expect(cell, `cell ${id}`).toHaveAttribute("data-state", /done|error/, { timeout: 600_000 });
    const state = await cell.getAttribute("data-state");
    const message = state === "error" ? await cell.locator('[data-role="error"]').textContent() : "";
    expect(state, `cell ${id} failed: ${message}`).toBe("done");
  }
  await expect(page.locator('[data-action="run-all"]')).toBeEnabled();
  return ids;
}
