import { expect, test } from "@playwright/test";
import { openHarness, projectBackend } from "./util";

test("the harness runs tfjs on the project's backend and computes on it", async ({ page }) => {
  await openHarness(page);
  const sum = await page.evaluate(async () => {
    const t = window.tf.tensor1d([1, 2, 3, 4]);
    const s = (await window.tf.sum(t).data())[0];
    t.dispose();
    return s;
  });
  expect(sum).toBe(10);
  expect(await page.evaluate(() => window.tf.getBackend())).toBe(projectBackend());
});
