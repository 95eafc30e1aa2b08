// Issue 15, item 5: a forced backend (?backend=) that cannot start falls back in order and the badge says why;
// the WASM backend starts on a cross-origin-isolated page (threads) and on a plain one (no isolation).
import { expect, type Page, test } from "@playwright/test";
import { distDir } from "./offline-util";
import { startStaticServer } from "./static-server";
import { collectErrors, onlyInProject } from "./util";

test.setTimeout(300_000);
// The webgl project's Chromium has no WebGPU adapter, which is what the fallback test needs; the WASM tests
// do not depend on the GPU backend. All run once, in the webgl project.
test.beforeEach(() => {
  onlyInProject("webgl", "runs in the webgl project (no WebGPU there)");
});

async function runCell(page: Page, id: string): Promise<void> {
  const cell = page.locator(`[data-cell="${id}"]`);
  await cell.locator('[data-action="run"]').click();
  await expect(cell).toHaveAttribute("data-state", /done|error/, { timeout: 120_000 });
  const message = (await cell.getAttribute("data-state")) === "error" ? await cell.textContent() : "";
  expect(await cell.getAttribute("data-state"), `cell ${id}: ${message}`).toBe("done");
}

test("?backend=webgpu without WebGPU: falls back to WebGL, the badge says WebGPU was unavailable", async ({
  page,
}) => {
  const errors = collectErrors(page);
  await page.goto("/?backend=webgpu&only=match,loss,anchors");
  const badge = page.locator("[data-backend]");
  await expect(badge).toHaveAttribute("data-backend", "webgl", { timeout: 60_000 });
  await expect(badge.locator('[data-role="backend-fallback"]')).toContainText(
    "WebGPU asked for, unavailable",
  );
  expect(await badge.getAttribute("title")).toMatch(/WebGPU unavailable: /);
  await expect(page.getByText("No compute backend")).toHaveCount(0);
  for (const id of ["anchors", "match", "loss"]) await runCell(page, id);
  // the badge stays the page's one [data-backend] (the loss cell's timing table once said its backend that way too,
  // and the badge check above then failed whenever the table was done first)
  await expect(page.locator('[data-role="loss-compare"]')).toHaveAttribute("data-state", "done", {
    timeout: 120_000,
  });
  await expect(page.locator("[data-backend]")).toHaveCount(1);
  expect(errors).toEqual([]);
});

async function wasmRuns(page: Page, url: string, isolated: boolean): Promise<void> {
  const errors = collectErrors(page);
  await page.goto(url);
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(isolated);
  const badge = page.locator("[data-backend]");
  await expect(badge).toHaveAttribute("data-backend", "wasm", { timeout: 60_000 });
  await expect(badge.locator('[data-role="backend-fallback"]')).toHaveCount(0);
  for (const id of ["anchors", "match", "loss"]) await runCell(page, id);
  // the badge stays the page's one [data-backend] (the loss cell's timing table once said its backend that way too,
  // and the badge check above then failed whenever the table was done first)
  await expect(page.locator('[data-role="loss-compare"]')).toHaveAttribute("data-state", "done", {
    timeout: 120_000,
  });
  await expect(page.locator("[data-backend]")).toHaveCount(1);
  // no pthread worker failed to load (it used to: "importScripts … blob: … failed", over and over)
  expect(errors).toEqual([]);
}

test("?backend=wasm on a cross-origin-isolated page (npm run preview's headers): starts, cells run", async ({
  page,
}) => {
  await wasmRuns(page, "/?backend=wasm&only=match,loss,anchors", true);
});

test("?backend=wasm on a plain static server (no isolation): starts, cells run", async ({ browser }) => {
  const server = await startStaticServer(distDir(), "/");
  const context = await browser.newContext({ serviceWorkers: "block" });
  try {
    await wasmRuns(await context.newPage(), `${server.url}?backend=wasm&only=match,loss,anchors`, false);
  } finally {
    await context.close();
    await server.close();
  }
});
