// The notebook shell in a real browser: hooks, backend badge, keyboard, URL state, presentation mode.
import { expect, test } from "@playwright/test";
import { collectErrors, onlyInProject, projectBackend, settled } from "./util";

/**
 * The shell's behaviour (keys, links, URL state, presentation, explanations) does not depend on the backend: it is
 * checked in the webgl project only (on SwiftShader's WebGPU every page load's cells run about twice as slowly).
 */
function shellOnWebgl(): void {
  onlyInProject("webgl", "backend-independent: checked in the webgl project");
}

const CELL_IDS = [
  "data",
  "largest",
  "augment",
  "summary",
  "single",
  "multilabel",
  "anchors",
  "match",
  "loss",
  "train-4x4",
  "anchors-multi",
  "train-ssd",
  "predict",
  "focal",
  "evaluate",
];

test("the app opens with every cell, and the badge shows the backend tfjs really uses", async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto("/");
  await expect(page.locator('[data-app="ssd-notebook"]')).toBeVisible();
  const ids = await page
    .locator("section[data-cell]")
    .evaluateAll((els) => els.map((e) => e.getAttribute("data-cell")));
  expect(ids).toEqual(CELL_IDS);
  for (const id of ids) {
    const state = await page.locator(`[data-cell="${id}"]`).getAttribute("data-state");
    expect(["idle", "running", "done"]).toContain(state);
  }
  // WebGPU project: a real adapter; WebGL project: Chromium has no adapter, the app falls back to WebGL.
  const backend = projectBackend();
  await expect(page.locator(`[data-backend="${backend}"]`)).toBeVisible({ timeout: 60_000 });
  expect(await page.locator("[data-backend]").count()).toBe(1);
  expect(errors).toEqual([]);
});

test("?backend=cpu forces the CPU backend", async ({ page }) => {
  await page.goto("/?backend=cpu");
  await expect(page.locator('[data-backend="cpu"]')).toBeVisible({ timeout: 60_000 });
});

test("keyboard: j/k and arrows move, Ctrl+Enter runs in place, Shift+Enter runs and moves on", async ({
  page,
}) => {
  shellOnWebgl();
  await page.goto("/");
  await page.locator('[data-cell="data"] h2').click();
  await expect(page.locator('[data-cell="data"]')).toHaveClass(/selected/);
  await page.keyboard.press("j");
  await expect(page.locator('[data-cell="largest"]')).toHaveClass(/selected/);
  await page.keyboard.press("ArrowDown");
  await expect(page.locator('[data-cell="augment"]')).toHaveClass(/selected/);
  await page.keyboard.press("k");
  await expect(page.locator('[data-cell="largest"]')).toHaveClass(/selected/);
  await page.keyboard.press("Control+Enter");
  await expect(page.locator('[data-cell="largest"]')).toHaveAttribute("data-state", "done", {
    timeout: 120_000,
  });
  await expect(page.locator('[data-cell="largest"]')).toHaveClass(/selected/);
  await page.keyboard.press("Shift+Enter");
  await expect(page.locator('[data-cell="augment"]')).toHaveClass(/selected/);
  await expect(page.locator('[data-cell="augment"]')).toBeFocused();
  expect(page.url()).toContain("#augment");
});

test("deep links select and scroll to a cell", async ({ page }) => {
  shellOnWebgl();
  await page.goto("/#match");
  await expect(page.locator('[data-cell="match"]')).toHaveClass(/selected/);
  await expect(page.locator('[data-cell="match"]')).toBeInViewport();
});

test("URL state: a setting changed on screen lands in the URL, and a link reproduces it", async ({
  page,
}) => {
  shellOnWebgl();
  await page.goto("/");
  const seed = page.locator("input#setting-loss-seed");
  await seed.fill("123");
  await expect(page).toHaveURL(/[?&]loss\.seed=123/);
  await page.goto("/?seed=77&image=3");
  await expect(page.locator("input#setting-loss-seed")).toHaveValue("77");
  await expect(page.locator("input#setting-data-image")).toHaveValue("3");
  await page.goto("/?seed=not-a-number");
  await expect(page.locator("input#setting-loss-seed")).toHaveValue("42");
});

test("instructor presets: hide cells, show only some, hide controls", async ({ page }) => {
  shellOnWebgl();
  await page.goto("/?hide=focal,evaluate");
  await expect(page.locator("section[data-cell]")).toHaveCount(13);
  await expect(page.locator('[data-cell="focal"]')).toHaveCount(0);
  await page.goto("/?only=anchors,match&controls=0");
  await expect(page.locator("section[data-cell]")).toHaveCount(2);
  await page.goto("/?controls=0");
  await expect(page.locator(".cell-settings")).toHaveCount(0);
});

test("presentation mode: p toggles, one cell fills the screen, arrows move, Esc leaves", async ({ page }) => {
  shellOnWebgl();
  await page.goto("/#anchors");
  await expect(page.locator('[data-cell="anchors"]')).toHaveClass(/selected/);
  await settled(page); // a run that ends re-packs the steps: count them once nothing is running
  await page.keyboard.press("p");
  await expect(page.locator("html")).toHaveClass(/presenting/);
  await expect(page.locator("section[data-cell]:visible")).toHaveCount(1);
  const anchors = page.locator('[data-cell="anchors"]');
  await expect(anchors).toBeVisible();
  // a cell taller than the screen is shown in steps: → walks them, then moves to the next cell
  await expect(anchors).toHaveAttribute("data-steps", /^\d+$/);
  // the step count is re-read each time: images and charts that size themselves late re-pack the steps
  for (let k = 2; k <= Number(await anchors.getAttribute("data-steps")); k++) {
    await page.keyboard.press("ArrowRight");
    await expect(anchors).toHaveAttribute("data-step", String(k));
  }
  await page.keyboard.press("ArrowRight");
  await expect(page.locator('[data-cell="match"]')).toBeVisible();
  await expect(page.locator('[data-cell="anchors"]')).toBeHidden();
  const h2 = await page
    .locator('[data-cell="match"] h2')
    .evaluate((e) => Number.parseFloat(getComputedStyle(e).fontSize));
  expect(h2).toBeGreaterThanOrEqual(32);
  await page.keyboard.press("Escape");
  await expect(page.locator("html")).not.toHaveClass(/presenting/);
  await page.locator('[data-action="present"]').click();
  await expect(page.locator("html")).toHaveClass(/presenting/);
});

test("explanations open on focus and click, not only on hover", async ({ page }) => {
  shellOnWebgl();
  await page.goto("/");
  await settled(page); // outputs arriving above would move the term under the click
  const term = page.locator('[data-cell="match"] .term-label').first();
  await term.focus();
  await expect(page.locator('[role="tooltip"]')).toHaveCount(1);
  await expect(page.locator('[role="tooltip"]')).toContainText("intersection");
  await term.blur();
  await expect(page.locator('[role="tooltip"]')).toHaveCount(0);
  await term.click();
  await expect(page.locator('[role="tooltip"]')).toBeVisible();
  await page.mouse.move(0, 0);
  await expect(page.locator('[role="tooltip"]')).toBeVisible(); // pinned by the click
});

test("a cell that fails shows its error; the rest of the page keeps working", async ({ page }) => {
  shellOnWebgl();
  // A forced backend that cannot start now falls back (backend-choice.spec.ts), so break the data instead:
  // the built-in pack's manifest cannot be fetched, and the data cell's run fails with a message.
  await page.route("**/data/builtin/manifest.json", (route) => route.abort("failed"));
  await page.goto(`/?backend=${projectBackend()}&only=data,anchors`);
  await expect(page.locator('[data-cell="data"]')).toHaveAttribute("data-state", "error", {
    timeout: 60_000,
  });
  await expect(page.locator('[data-cell="data"] [data-role="error"]')).not.toBeEmpty();
  await page.locator('[data-cell="anchors"] [data-action="run"]').click();
  await expect(page.locator('[data-cell="anchors"]')).toHaveAttribute("data-state", "done", {
    timeout: 60_000,
  });
  await page.keyboard.press("p");
  await expect(page.locator("html")).toHaveClass(/presenting/);
});
