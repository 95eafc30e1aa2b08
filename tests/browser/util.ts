// Shared helpers for browser specs.
import { expect, type Page, test } from "@playwright/test";

export const HARNESS_URL = `http://localhost:${process.env.PW_HARNESS_PORT ?? 5179}/tests/browser/harness/index.html`;

/** The backend this project runs (webgpu | webgl). */
export function projectBackend(): string {
  return String(test.info().project.metadata.backend);
}

/** Run this test in one project only (a check that does not depend on the backend runs once: CI time). */
export function onlyInProject(backend: "webgl" | "webgpu", why: string): void {
  test.skip(projectBackend() !== backend, why);
}

/** Open the harness page on a backend and check tfjs really runs on it. */
export async function openHarness(page: Page, backend = projectBackend()): Promise<void> {
  await page.goto(`${HARNESS_URL}?backend=${backend}`);
  await page.waitForFunction(() => window.harnessReady === true, null, { timeout: 120_000 });
  const error = await page.evaluate(() => window.harnessError);
  expect(error, `harness could not start ${backend}`).toBeUndefined();
  expect(await page.evaluate(() => window.tf.getBackend())).toBe(backend);
}

/** Collect console errors and page errors so a test can assert there were none. */
export function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (msg) => {
    if (msg.type() === "error") errors.push(msg.text());
  });
  page.on("pageerror", (err) => errors.push(String(err)));
  return errors;
}

/** Press a cell's Run and wait until it is done; a cell that fails shows its error in the assertion. */
export async function runCell(page: Page, id: string): Promise<void> {
  const cell = page.locator(`[data-cell="${id}"]`);
  await cell.locator('[data-action="run"]').click();
  await expect(cell).toHaveAttribute("data-state", /done|error/, { timeout: 300_000 });
  const state = await cell.getAttribute("data-state");
  const message = state === "error" ? await cell.locator('[data-role="error"]').textContent() : "";
  expect(state, `cell ${id} failed: ${message}`).toBe("done");
}

/** Waits until no cell is running, so what a test clicks no longer moves as outputs above it arrive. */
export async function settled(page: Page, timeout = 120_000): Promise<void> {
  await expect(page.locator("section[data-cell]")).not.toHaveCount(0);
  await expect(page.locator('section[data-cell][aria-busy="true"]')).toHaveCount(0, { timeout });
}
