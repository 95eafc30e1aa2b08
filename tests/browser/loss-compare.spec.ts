// Issue 16 item 1: the loss cell shows the lesson's per-image loop and the batched loss on the same batch of the
// built-in pack: equal numbers, and the time each took on this backend; "Time again" measures again.
import { expect, test } from "@playwright/test";
import { collectErrors, projectBackend } from "./util";

test.setTimeout(300_000);

// (another seed's numbers are unit-tested: tests/unit/lessons/loss-compare.test.ts; SwiftShader is slow)
test("loss: per-image loop vs batched loss, the same number and both times, on this backend", async ({
  page,
}) => {
  const errors = collectErrors(page);
  await page.goto(`/?backend=${projectBackend()}&only=loss&steps=2`); // ?steps: a batch of 4 (SwiftShader is slow)
  const cell = page.locator('[data-cell="loss"]');
  const cmp = cell.locator('[data-role="loss-compare"]');
  await expect(cmp).toHaveAttribute("data-state", "done", { timeout: 180_000 });
  await expect(cmp).toHaveAttribute("data-ran-on", projectBackend());
  const perImage = Number(await cmp.getAttribute("data-per-image"));
  const batched = Number(await cmp.getAttribute("data-batched"));
  expect(perImage).toBeGreaterThan(0);
  expect(Math.abs(perImage - batched) / perImage).toBeLessThan(1e-4);
  await expect(cmp.locator('[data-value="per-image-ms"]')).toHaveText(/^\d+(\.\d)? ms$/);
  await expect(cmp.locator('[data-value="batched-ms"]')).toHaveText(/^\d+(\.\d)? ms$/);
  await expect(cmp.locator('[data-role="loss-compare-summary"]')).toContainText(`On ${projectBackend()}`);

  // a new measurement of the same batch: the same loss again
  await cmp.locator('[data-action="time-again"]').click();
  await expect(cmp).toHaveAttribute("data-state", "done", { timeout: 180_000 });
  expect(Number(await cmp.getAttribute("data-batched"))).toBeCloseTo(batched, 5);

  expect(errors).toEqual([]);
});
