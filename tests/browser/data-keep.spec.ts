// Issue 16 item 11: data the user loaded is kept across reloads in the Origin Private File System: load, reload,
// still there (with its size); forget, reload, the built-in samples. Without OPFS the load still works, a clear
// message says it was not kept, and a reload shows the built-in samples.
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, type Page, test } from "@playwright/test";
import { collectErrors, onlyInProject, projectBackend } from "./util";

const SAMPLES = fileURLToPath(new URL("../../../shared/voc-samples", import.meta.url));

test.setTimeout(300_000);

async function open(page: Page) {
  await page.goto(`/?backend=${projectBackend()}&only=data`);
  const data = page.locator('[data-cell="data"]');
  await expect(data).toHaveAttribute("data-state", "done", { timeout: 120_000 });
  return {
    data,
    view: data.locator('[data-role="data-view"]'),
    kept: data.locator('[data-role="kept-data"]'),
  };
}

test("data: a loaded folder is kept across reloads until forgotten", async ({ page }) => {
  onlyInProject("webgl", "backend-independent: runs in the webgl project");
  const errors = collectErrors(page);
  let { data, view, kept } = await open(page);
  await expect(view).toHaveAttribute("data-images", "750");
  await expect(kept).toHaveAttribute("data-state", "none");

  await page.setInputFiles('[data-cell="data"] [data-role="pick-folder"]', join(SAMPLES, "VOCdevkit"));
  await expect(view).toHaveAttribute("data-images", "25", { timeout: 60_000 });
  await expect(kept).toHaveAttribute("data-state", "kept", { timeout: 60_000 });
  await expect(kept).toContainText("VOCdevkit folder");
  await expect(kept.locator('[data-role="kept-size"]')).toHaveText(/^\d+\.\d MB$/);

  // reload: the kept copy loads instead of the built-in samples
  await page.reload();
  ({ data, view, kept } = await open(page));
  await expect(view).toHaveAttribute("data-images", "25", { timeout: 60_000 });
  await expect(data.locator('[data-role="data-format"]')).toHaveText("VOCdevkit folder");
  await expect(kept).toContainText("Loaded from the copy kept in this browser");
  await expect(view.locator("figure.image-boxes canvas").first()).toBeVisible(); // images read from OPFS

  // forget, reload: the built-in samples
  await kept.locator('[data-action="forget-kept"]').click();
  await expect(kept).toHaveAttribute("data-state", "none");
  await page.reload();
  ({ view, kept } = await open(page));
  await expect(view).toHaveAttribute("data-images", "750", { timeout: 60_000 });
  await expect(kept).toHaveAttribute("data-state", "none");
  expect(errors).toEqual([]);
});

test("data: without OPFS the load still works and says it was not kept", async ({ page }) => {
  onlyInProject("webgl", "backend-independent: runs in the webgl project");
  await page.addInitScript(() => {
    Object.defineProperty(StorageManager.prototype, "getDirectory", { value: undefined });
  });
  let { view, kept } = await open(page);
  await page.setInputFiles('[data-cell="data"] [data-role="pick-folder"]', join(SAMPLES, "VOCdevkit"));
  await expect(view).toHaveAttribute("data-images", "25", { timeout: 60_000 });
  await expect(kept.locator('[data-role="kept-error"]')).toContainText("no Origin Private File System");
  await expect(kept.locator('[data-role="kept-error"]')).toContainText("stays loaded");
  await page.reload();
  ({ view } = await open(page));
  await expect(view).toHaveAttribute("data-images", "750", { timeout: 60_000 });
});
