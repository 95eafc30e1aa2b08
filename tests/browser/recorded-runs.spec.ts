// No cell is blank before Run: scrolled into view, the cheap cells render on their own and the expensive ones
// show what came with the app — the three training cells their recorded run (public/models/runs.json), the SSD
// training and evaluate cells the shipped run. After Run, a training cell keeps the recorded run faintly in its
// charts, with its final figures, beside the student's own.
import { expect, test } from "@playwright/test";
import { collectErrors, onlyInProject, runCell } from "./util";

test.setTimeout(900_000);

const RECORDED = ["single", "multilabel", "train-4x4"];

test("every cell shows something before Run; the training cells show their recorded run", async ({
  page,
}) => {
  onlyInProject("webgl", "backend-independent: runs in the webgl project");
  const errors = collectErrors(page);
  await page.goto("/?steps=2");
  const ids = await page
    .locator("section[data-cell]")
    .evaluateAll((els) => els.map((e) => e.getAttribute("data-cell")!));
  expect(ids.length).toBe(15);
  const blank: string[] = [];
  for (const id of ids) {
    const cell = page.locator(`[data-cell="${id}"]`);
    await cell.scrollIntoViewIfNeeded();
    const output = cell.locator('[data-role="output"]');
    // something other than the "Press Run" hint appears: the cell's output, or its preview
    const shown = await expect(output.locator(":scope > :not(.hint)").first())
      .toBeVisible({ timeout: 180_000 })
      .then(
        () => true,
        () => false,
      );
    if (!shown || (await output.getByText("Press Run (or Ctrl+Enter)").isVisible()))
      blank.push(
        `${id} (${await cell.getAttribute("data-state")}): ${(await output.textContent())?.slice(0, 80)}`,
      );
    if (RECORDED.includes(id)) {
      const rec = cell.locator('[data-role="recorded-run"][data-label="recorded run"]');
      await expect(rec).toBeVisible();
      await expect(rec).toContainText("Recorded run");
      // the loss chart draws the recorded curves, and the final figures are printed
      await expect(rec.locator("svg path").first()).toBeVisible();
      await expect(rec.locator("ul.legend").first()).toContainText("recorded run: train (smoothed)");
      await expect(rec.locator('[data-role="recorded-final"] [data-metric="validation loss"]')).toHaveText(
        /^\d/,
      );
      await expect(cell).toHaveAttribute("data-state", "idle"); // shown, not computed
    }
  }
  expect(blank, "cells blank before Run").toEqual([]);
  expect(errors).toEqual([]);
});

test("after Run, the recorded run stays faintly beside the student's own", async ({ page }) => {
  onlyInProject("webgl", "backend-independent: runs in the webgl project");
  const errors = collectErrors(page);
  await page.goto("/?steps=2&only=single");
  await runCell(page, "single");
  const cell = page.locator('[data-cell="single"]');
  await expect(cell.locator('[data-role="recorded-run"]')).toHaveCount(0); // the preview gave way to the run
  const loss = cell.locator('[data-role="chart-loss"] ul.legend');
  await expect(loss).toContainText("train (smoothed)");
  await expect(loss).toContainText("recorded run: train (smoothed)");
  await expect(cell.locator('[data-role="chart-detn_acc"] ul.legend')).toContainText(
    "recorded run: detn_acc",
  );
  await expect(cell.locator('[data-role="reference-note"]')).toContainText(
    /recorded run .*final validation loss/,
  );
  expect(errors).toEqual([]);
});
