// Issue 16, "Controls": log-scale rate sliders, ?controls=0 hides every control, a cell's controls change only
// that cell, images numbered from 1, and accessibility (unique ids, one tab stop per chart with arrow keys,
// hover details on focus too, and axe-core finding nothing serious on any cell).
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, test } from "@playwright/test";
import { collectErrors, onlyInProject, projectBackend, runCell } from "./util";

test.setTimeout(600_000);

/** Wait until a cell that runs by itself (autorun) has run. */
async function autorun(page: Page, id: string): Promise<void> {
  const cell = page.locator(`[data-cell="${id}"]`);
  await cell.scrollIntoViewIfNeeded();
  await expect(cell).toHaveAttribute("data-state", "done", { timeout: 120_000 });
}

test("item 6: learning rates are chosen on a log slider and written 1e-4, 3e-3 …", async ({ page }) => {
  await page.goto("/?only=single,train-ssd");
  const lr = page.locator("#setting-single-singleLr");
  const shown = page.locator('output[for="setting-single-singleLr"]');
  await expect(lr).toHaveAttribute("data-scale", "log");
  await expect(shown).toHaveText("1e-2");
  // from 1e-2 down: 5e-3, 3e-3, 2e-3, 1e-3, 5e-4, 3e-4, 2e-4, 1e-4 — each one key press away
  const seen: string[] = [];
  for (let i = 0; i < 8; i++) {
    await lr.press("ArrowLeft");
    seen.push((await shown.textContent()) ?? "");
  }
  expect(seen).toEqual(["5e-3", "3e-3", "2e-3", "1e-3", "5e-4", "3e-4", "2e-4", "1e-4"]);
  await expect(page).toHaveURL(/[?&]singleLr=0\.0001(&|$)/);
  await expect(lr).toHaveAttribute("aria-valuetext", "1e-4");
  // the ends of the range come from the setting's definition
  await lr.press("Home");
  await expect(shown).toHaveText("1e-5");
  await lr.press("End");
  await expect(shown).toHaveText("10");
  // every rate-like setting: the SSD cell's too
  await expect(page.locator("#setting-train-ssd-ssdLr")).toHaveAttribute("data-scale", "log");
  // a link with an odd value shows it as written and puts the slider on the nearest stop
  await page.goto("/?only=single&singleLr=0.00901");
  await expect(page.locator('output[for="setting-single-singleLr"]')).toHaveText("9.01e-3");
  await expect(page.locator("#setting-single-singleLr")).toHaveAttribute("aria-valuetext", "9.01e-3");
});

/** Visible form controls inside cell outputs, except those that run the lesson (Run, training toolbar). */
async function visibleOutputControls(page: Page): Promise<string[]> {
  return page.locator(".cell-output").evaluateAll((outs) =>
    outs.flatMap((o) =>
      [...o.querySelectorAll<HTMLElement>("button, input, select")]
        .filter((e) => !e.closest(".train-controls") && !e.classList.contains("term-label"))
        .filter((e) => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== "hidden")
        .map((e) => `${e.closest("[data-cell]")?.getAttribute("data-cell")}: ${e.outerHTML.slice(0, 80)}`),
    ),
  );
}

test("item 7: ?controls=0 hides the controls inside outputs too (Re-roll, sliders, anchor chips)", async ({
  page,
}) => {
  const cells = "data,augment,anchors-multi,match";
  // with controls: they are there (so the check below can fail)
  await page.goto(`/?only=${cells}`);
  await autorun(page, "augment");
  await runCell(page, "anchors-multi");
  await expect(page.locator('[data-action="reroll"]')).toBeVisible();
  expect((await visibleOutputControls(page)).length).toBeGreaterThan(5);
  // without: no Settings box and no control in any output; the pictures and numbers stay
  await page.goto(`/?only=${cells}&controls=0`);
  await autorun(page, "data");
  await autorun(page, "augment");
  await autorun(page, "match");
  await runCell(page, "anchors-multi");
  await expect(page.locator(".cell-settings")).toHaveCount(0);
  await expect(page.locator('[data-action="reroll"]')).toBeHidden();
  expect(await visibleOutputControls(page)).toEqual([]);
  await expect(page.locator('[data-cell="augment"] [data-role="aug-coord"]')).toBeVisible();
  await expect(page.locator('[data-cell="data"] [data-role="image-name"]')).toContainText("image 1 of");
  await expect(page.locator('[data-cell="data"] [data-action="run"]')).toBeVisible();
});

test("item 8: Re-roll changes only the augment cell; images are numbered from 1 everywhere", async ({
  page,
}) => {
  onlyInProject("webgl", "backend-independent: runs in the webgl project");
  await page.goto("/?only=data,augment,loss,train-4x4");
  await autorun(page, "augment");
  const view = page.locator('[data-cell="augment"] [data-role="augment-view"]');
  await expect(view).toHaveAttribute("data-seed", "42");
  await page.locator('[data-action="reroll"]').click();
  await expect(view).toHaveAttribute("data-seed", "43");
  await expect(page.locator("#setting-augment-seed")).toHaveValue("43");
  await expect(page.locator("#setting-loss-seed")).toHaveValue("42");
  await expect(page.locator("#setting-train-4x4-seed")).toHaveValue("42");
  await expect(page).toHaveURL(/[?&]augment\.seed=43/);
  expect(page.url()).not.toMatch(/[?&](loss\.)?seed=/);
  // the next image in the augment cell leaves the data cell's image alone
  await autorun(page, "data");
  const dataName = page.locator('[data-cell="data"] [data-role="image-name"]');
  await expect(dataName).toContainText("image 1 of 750");
  await page.locator('[data-cell="augment"]').getByRole("button", { name: "Next image" }).click();
  await expect(page.locator('[data-cell="augment"]').getByText(/on image \d+ of/)).toContainText(
    "on image 2 of 750",
  );
  await expect(page.locator("#setting-augment-image")).toHaveValue("2");
  await expect(page.locator("#setting-data-image")).toHaveValue("1");
  await expect(dataName).toContainText("image 1 of 750");
  // a link: image=3 is the third image, in the Settings box and on screen
  await page.goto("/?only=data&image=3");
  await autorun(page, "data");
  await expect(page.locator('[data-cell="data"] [data-role="image-name"]')).toContainText("image 3 of 750");
  await expect(page.locator("#setting-data-image")).toHaveValue("3");
});

test("item 8: predict counts its validation images from 1", async ({ page }) => {
  onlyInProject("webgl", "backend-independent: runs in the webgl project");
  await page.goto(`/?backend=${projectBackend()}&steps=2&only=predict`);
  await runCell(page, "predict");
  const index = page.locator('[data-cell="predict"] [data-role="image-name"]');
  await expect(index).toContainText("1 of 150");
  await page.getByRole("button", { name: "Previous validation image" }).click();
  await expect(index).toContainText("150 of 150");
});

test("item 9: unique ids, one tab stop per chart with arrow keys, box details on focus", async ({ page }) => {
  await page.goto("/?image=2"); // image 2 has several objects (the largest cell draws them all)
  for (const id of ["data", "largest", "augment", "match", "focal"]) await autorun(page, id);
  const dupes = await page.evaluate(() => {
    const n = new Map<string, number>();
    for (const e of document.querySelectorAll("[id]")) n.set(e.id, (n.get(e.id) ?? 0) + 1);
    return [...n].filter(([, k]) => k > 1).map(([id]) => id);
  });
  expect(dupes).toEqual([]);
  // every settings control is labelled by its own <label>
  const unlabelled = await page
    .locator(".cell-settings :is(input, select)")
    .evaluateAll((els) => els.filter((e) => (e as HTMLInputElement).labels?.length !== 1).map((e) => e.id));
  expect(unlabelled).toEqual([]);

  // the data cell's bar chart: 20 rows, one tab stop; arrows move inside it, the card follows focus
  const chart = page.locator('[data-cell="data"] .bar-chart');
  await expect(chart.locator("[data-bar]")).toHaveCount(20);
  await expect(chart.locator('[tabindex="0"]')).toHaveCount(1);
  await chart.locator('[tabindex="0"]').focus();
  await expect(chart.locator(".box-card")).toContainText("aeroplane:");
  await page.keyboard.press("ArrowDown");
  await expect(chart.locator(".box-card")).toContainText("bicycle:");
  await expect(chart.locator('[data-bar="bicycle"]')).toBeFocused();
  await page.keyboard.press("End");
  await expect(chart.locator(".box-card")).toContainText("tvmonitor:");
  // ArrowDown inside the chart did not move the notebook to the next cell
  await expect(page.locator('[data-cell="data"]')).toHaveClass(/selected/);
  // Tab leaves the chart in one press
  await page.keyboard.press("Tab");
  expect(await page.evaluate(() => !!document.activeElement?.closest(".bar-chart"))).toBe(false);

  // a picture with boxes: one tab stop; focus shows the first box's card, arrows step through the boxes
  const pic = page.locator('[data-cell="largest"] .boxes-focus').first();
  await pic.focus();
  const card = page.locator('[data-cell="largest"] [data-role="box-card"]').first();
  await expect(card).toBeVisible();
  const first = await card.textContent();
  await page.keyboard.press("ArrowRight");
  await expect(card).not.toHaveText(first ?? "");
  await page.keyboard.press("Escape");
  await expect(card).toHaveCount(0);
});

/** axe-core on the page: no serious or critical violation. */
async function axeSerious(page: Page): Promise<string[]> {
  const r = await new AxeBuilder({ page }).analyze();
  return r.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(" | ")}`);
}

test("item 9: axe-core finds nothing serious on any cell, before and after running", async ({ page }) => {
  onlyInProject("webgl", "markup does not depend on the backend: runs in the webgl project");
  const errors = collectErrors(page);
  await page.goto(`/?backend=${projectBackend()}&steps=2`);
  await expect(page.locator(`[data-backend="${projectBackend()}"]`)).toBeVisible({ timeout: 60_000 });
  // every cell's first render (the cheap ones run by themselves when scrolled to)
  for (const id of ["data", "largest", "augment", "match", "focal"]) await autorun(page, id);
  expect(await axeSerious(page)).toEqual([]);
  // representative runs: anchor grids, the loss anatomy, the model summary, a training cell, predictions
  for (const id of ["anchors", "anchors-multi", "loss", "summary", "single", "predict"])
    await runCell(page, id);
  expect(await axeSerious(page)).toEqual([]);
  // presentation mode renders differently: check it too
  await page.keyboard.press("p");
  expect(await axeSerious(page)).toEqual([]);
  expect(errors).toEqual([]);
});
