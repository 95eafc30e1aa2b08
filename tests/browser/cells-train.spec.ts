// The training cells in the built app with ?steps=2: each trains two batches on a handful of images and shows
// it — the loss stream arrives (finite numbers, charts with points), per-epoch metrics, predictions on
// validation images; the controls work (step one batch); train-ssd narrates a step, runs the LR finder,
// saves/downloads a checkpoint and offers to resume it after a refresh.
import { expect, type Page, test } from "@playwright/test";
import { collectErrors, projectBackend } from "./util";

test.setTimeout(600_000);

async function runCell(page: Page, id: string): Promise<void> {
  const cell = page.locator(`[data-cell="${id}"]`);
  await cell.locator('[data-action="run"]').click();
  await expect(cell).toHaveAttribute("data-state", /done|error/, { timeout: 300_000 });
  const state = await cell.getAttribute("data-state");
  const message = state === "error" ? await cell.locator('[data-role="error"]').textContent() : "";
  expect(state, `cell ${id} failed: ${message}`).toBe("done");
}

/** Numbers shown in the chart legends (latest values) of a chart. */
async function legendValues(page: Page, id: string, chart: string): Promise<number[]> {
  const texts = await page
    .locator(`[data-cell="${id}"] [data-role="${chart}"] .legend-value`)
    .allTextContents();
  return texts.map(Number);
}

/** Points on a chart's lines (path vertices) — more than zero means the chart drew data. */
async function pathPoints(page: Page, id: string, chart: string): Promise<number> {
  const ds = await page
    .locator(`[data-cell="${id}"] [data-role="${chart}"] svg path[fill="none"]`)
    .evaluateAll((ps) => ps.map((p) => p.getAttribute("d") ?? ""));
  return ds.reduce((n, d) => n + (d.match(/[ML]/g)?.length ?? 0), 0);
}

test("single: two steps train, loss and metrics charted, predictions drawn", async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto(`/?backend=${projectBackend()}&steps=2&only=single`);
  await runCell(page, "single");
  const panel = page.locator('[data-cell="single"] [data-role="train-panel"]');
  await expect(panel).toHaveAttribute("data-steps", "2");
  await expect(panel).toHaveAttribute("data-epochs", "1");
  await expect(panel.locator('[data-role="train-backend"]')).toHaveAttribute(
    "data-train-backend",
    projectBackend(),
  );
  await expect(panel.locator('[data-role="train-cache"]')).toHaveAttribute("data-cache", "true");
  const loss = Number(await panel.locator('[data-role="last-loss"]').textContent());
  expect(Number.isFinite(loss) && loss > 0).toBe(true);
  expect(await pathPoints(page, "single", "chart-loss")).toBeGreaterThanOrEqual(4);
  expect(await pathPoints(page, "single", "chart-parts")).toBeGreaterThanOrEqual(4);
  const acc = await legendValues(page, "single", "chart-detn_acc");
  expect(acc.length).toBe(1);
  expect(acc[0]).toBeGreaterThanOrEqual(0);
  expect(acc[0]).toBeLessThanOrEqual(1);
  const l1 = await legendValues(page, "single", "chart-detn_l1");
  expect(l1[0]).toBeGreaterThan(0);
  await expect(panel.locator('[data-role="prediction"]')).toHaveCount(2);
  await expect(panel.locator('[data-role="pred-caption"]').first()).toContainText("px on average");
  expect(errors).toEqual([]);
});
