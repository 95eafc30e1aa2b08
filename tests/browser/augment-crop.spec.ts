// Issue 16 item 4: the augment cell shows the lesson's squish next to a random crop + zoom of the same picture,
// boxes on both, and says of each box whether the crop kept, clipped or dropped it; Re-roll draws another crop.
import { expect, test } from "@playwright/test";
import { collectErrors, projectBackend } from "./util";

test.setTimeout(240_000);

test("augment: random crop + zoom beside the squish, each box kept / clipped / dropped", async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto(`/?backend=${projectBackend()}&only=augment`);
  const cell = page.locator('[data-cell="augment"]');
  await expect(cell).toHaveAttribute("data-state", "done", { timeout: 120_000 });
  const view = cell.locator('[data-role="crop-compare"]');
  await expect(view).toBeVisible({ timeout: 60_000 });
  const [squish, crop] = [
    view.locator("figure.image-boxes").nth(0),
    view.locator("figure.image-boxes").nth(1),
  ];
  await expect(squish.locator("canvas")).toBeVisible();
  await expect(crop.locator("canvas")).toBeVisible();

  const check = async () => {
    const fates = ((await view.getAttribute("data-fates")) ?? "").split(",");
    expect(fates.length).toBeGreaterThan(0);
    for (const f of fates) expect(["kept", "clipped", "dropped"]).toContain(f);
    const rows = view.locator('[data-role="crop-fates"] tbody tr');
    await expect(rows).toHaveCount(fates.length);
    // every object on the squish plus the crop window; on the crop, every box that was not dropped
    await expect(squish.locator("svg g")).toHaveCount(fates.length + 1);
    await expect(crop.locator("svg g")).toHaveCount(fates.filter((f) => f !== "dropped").length);
    const n = (f: string) => fates.filter((x) => x === f).length;
    await expect(view.locator('[data-role="crop-fates"] caption')).toContainText(
      `${n("kept")} kept, ${n("clipped")} clipped, ${n("dropped")} dropped`,
    );
    return (await crop.locator("figcaption").textContent()) ?? "";
  };
  const first = await check();
  expect(first).toMatch(/Random crop \d+×\d+ at \(\d+, \d+\), zoomed to 224×224/);

  // Re-roll: another crop (the window is drawn from the cell's seed)
  await cell.locator('[data-action="reroll"]').click();
  await expect(crop.locator("figcaption")).not.toHaveText(first);
  await check();
  expect(errors).toEqual([]);
});
