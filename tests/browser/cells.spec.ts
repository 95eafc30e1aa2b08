// Every cell of the notebook, end to end, with small settings (?steps=2): each reaches "done" with no
// console errors; screenshots of each (normal and presentation mode) land in tests/screenshots/webgpu/.
import { expect, test } from "@playwright/test";
import { collectErrors, onlyInProject, projectBackend } from "./util";

test.setTimeout(1_200_000);

test("Run all: every cell reaches done with no console errors", async ({ page }) => {
  // On WebGL, Run all runs twice already (offline-subpath.spec.ts, offline-reload.spec.ts: every cell done,
  // no console errors): this one, with its screenshots, runs where nothing else runs every cell (CI time).
  onlyInProject("webgpu", "WebGL's Run all is in the offline specs");
  const errors = collectErrors(page);
  const dir = `tests/screenshots/${projectBackend()}`;
  await page.goto("/?steps=2");
  await expect(page.locator(`[data-backend="${projectBackend()}"]`)).toBeVisible({ timeout: 60_000 });
  await page.locator('[data-action="run-all"]').click();
  // the overall progress: which cell of how many is running
  const overall = page.locator('[data-role="run-all-progress"]');
  await expect(overall).toContainText(/Run all: cell \d+ of 15/);
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
  await expect(overall).toHaveCount(0);
  // the SSD head trained (?steps=N) and predict and evaluate ran on its weights, not the shipped ones
  await expect(page.locator('[data-cell="train-ssd"] [data-role="last-loss"]')).toBeVisible();
  for (const id of ["predict", "evaluate"])
    await expect(page.locator(`[data-cell="${id}"] [data-role="model-source"]`).first()).toHaveAttribute(
      "data-kind",
      "user",
    );
  await expect(page.locator('[data-metric="map07"]')).toHaveText(/^\d\.\d{3}$/);
  // Presentation mode, one screenshot per cell at 1280×720 (what a projector shows).
  await page.locator('[data-cell="data"] h2').click();
  await page.keyboard.press("p");
  const selected = () => page.locator(".cell.selected").getAttribute("data-cell");
  for (const id of ids) {
    const cell = page.locator(`[data-cell="${id}"]`);
    await expect(cell).toBeVisible();
    await expect(cell).toHaveAttribute("data-steps", /\d+/);
    // walk the cell's steps until the arrow moves on to the next cell; the step count is read at each step, since
    // a block that arrives late (a chart, a timing) re-packs the steps
    for (let k = 1; k <= 20; k++) {
      const step = (await cell.getAttribute("data-step")) ?? "1";
      const steps = Number(await cell.getAttribute("data-steps"));
      await page.screenshot({ path: `${dir}/present-${id}${steps > 1 ? `-${step}` : ""}.png` });
      if (id === ids[ids.length - 1] && Number(step) >= steps) break;
      await page.keyboard.press("ArrowRight"); // the cell's next step, then the next cell
      await expect
        .poll(async () => (await selected()) !== id || (await cell.getAttribute("data-step")) !== step)
        .toBe(true);
      if ((await selected()) !== id) break;
    }
  }
  expect(errors).toEqual([]);
});
