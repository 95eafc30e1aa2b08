// Every cell of the notebook, end to end, with small settings (?steps=2): each reaches "done" with no
// console errors; screenshots of each (normal and presentation mode) land in tests/screenshots/<project>/.
import { expect, test } from "@playwright/test";
import { collectErrors, projectBackend } from "./util";

test.setTimeout(1_200_000);

test("Run all: every cell reaches done with no console errors", async ({ page }) => {
  const errors = collectErrors(page);
  const dir = `tests/screenshots/${projectBackend()}`;
  await page.goto("/?steps=2");
  await expect(page.locator(`[data-backend="${projectBackend()}"]`)).toBeVisible({ timeout: 60_000 });
  await page.locator('[data-action="run-all"]').click();
  const cells = page.locator("section[data-cell]");
  const ids = await cells.evaluateAll((els) => els.map((e) => e.getAttribute("data-cell")!));
  expect(ids.length).toBe(15);
  for (const id of ids) {
    const cell = page.locator(`[data-cell="${id}"]`);
    await expect(cell, `cell ${id}`).toHaveAttribute("data-state", /done|error/, { timeout: 600_000 });
    const state = await cell.getAttribute("data-state");
    const message = state === "error" ? await cell.locator('[data-role="error"]').textContent() : "";
    expect(state, `cell ${id} failed: ${message}`).toBe("done");
    await cell.screenshot({ path: `${dir}/${id}.png` });
  }
  await expect(page.locator('[data-action="run-all"]')).toBeEnabled();
  // Presentation mode, one screenshot per cell at 1280×720 (what a projector shows).
  await page.locator('[data-cell="data"] h2').click();
  await page.keyboard.press("p");
  for (const id of ids) {
    await expect(page.locator(`[data-cell="${id}"]`)).toBeVisible();
    await page.screenshot({ path: `${dir}/present-${id}.png` });
    await page.keyboard.press("ArrowRight");
  }
  expect(errors).toEqual([]);
});
