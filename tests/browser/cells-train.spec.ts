// The training cells in the built app with ?steps=2: each trains two batches on a handful of images and shows
// it — the loss stream arrives (finite numbers, charts with points), per-epoch metrics, predictions on
// validation images; the controls work (step one batch); train-ssd narrates a step, runs the LR finder,
// saves/downloads a checkpoint and offers to resume it after a refresh.
import { expect, type Page, test } from "@playwright/test";
import { collectErrors, onlyInProject, projectBackend, runCell } from "./util";

test.setTimeout(600_000);

/**
 * A training cell's own checks run in the webgl project only: Run all (cells.spec) trains every cell on WebGPU,
 * and SwiftShader's WebGPU is about twice as slow (CI time).
 */
function detailsOnWebgl(): void {
  onlyInProject("webgl", "Run all trains this cell on WebGPU; its details are checked on WebGL");
}

/** Numbers shown in the chart legends (latest values) of a chart's own series (not a recorded run's faint ones). */
async function legendValues(page: Page, id: string, chart: string): Promise<number[]> {
  const texts = await page
    .locator(`[data-cell="${id}"] [data-role="${chart}"] li:not([data-faint]) .legend-value`)
    .allTextContents();
  return texts.map(Number);
}

/** Points on a chart's lines (path vertices) — more than zero means the chart drew data. */
async function pathPoints(page: Page, id: string, chart: string): Promise<number> {
  const ds = await page
    .locator(`[data-cell="${id}"] [data-role="${chart}"] svg path[fill="none"]`)
    .evaluateAll((ps) => ps.map((p) => p.getAttribute("d") ?? ""));
  return ds.reduce((n, d) => n + (d.match(/[ML]/g)?.length ?? 0), 0);
}

test("single: two steps train, loss and metrics charted, predictions drawn", async ({ page }) => {
  detailsOnWebgl();
  const errors = collectErrors(page);
  await page.goto(`/?backend=${projectBackend()}&steps=2&only=single`);
  await runCell(page, "single");
  const panel = page.locator('[data-cell="single"] [data-role="train-panel"]');
  await expect(panel).toHaveAttribute("data-steps", "2");
  await expect(panel).toHaveAttribute("data-epochs", "1");
  await expect(panel.locator('[data-role="train-backend"]')).toHaveAttribute(
    "data-train-backend",
    projectBackend(),
  );
  await expect(panel.locator('[data-role="train-cache"]')).toHaveAttribute("data-cache", "true");
  const loss = Number(await panel.locator('[data-role="last-loss"]').textContent());
  expect(Number.isFinite(loss) && loss > 0).toBe(true);
  expect(await pathPoints(page, "single", "chart-loss")).toBeGreaterThanOrEqual(4);
  expect(await pathPoints(page, "single", "chart-parts")).toBeGreaterThanOrEqual(4);
  const acc = await legendValues(page, "single", "chart-detn_acc");
  expect(acc.length).toBe(1);
  expect(acc[0]).toBeGreaterThanOrEqual(0);
  expect(acc[0]).toBeLessThanOrEqual(1);
  const l1 = await legendValues(page, "single", "chart-detn_l1");
  expect(l1[0]).toBeGreaterThan(0);
  await expect(panel.locator('[data-role="prediction"]')).toHaveCount(2);
  await expect(panel.locator('[data-role="pred-caption"]').first()).toContainText("px on average");
  expect(errors).toEqual([]);
});

// Bodies that train (the small CNN from scratch, or the pretrained one unfrozen): their features change at every
// step, so none can be cached; the chart keeps both recorded runs beside the student's own.
// (The pretrained run's label says "frozen" only beside a pretrained body that is not.)
for (const [body, pretrainedRun, title] of [
  [
    "scratch",
    "pretrained body",
    "single from scratch: the small CNN trains (no feature cache), beside both bodies' recorded runs",
  ],
  [
    "unfreeze()",
    "pretrained body frozen",
    "single unfreeze(): the pretrained body trains with the head (no feature cache), beside the recorded runs",
  ],
] as const) {
  test(title, async ({ page }) => {
    detailsOnWebgl();
    const errors = collectErrors(page);
    await page.goto(
      `/?backend=${projectBackend()}&steps=2&only=single&singleBody=${encodeURIComponent(body)}`,
    );
    await runCell(page, "single");
    const panel = page.locator('[data-cell="single"] [data-role="train-panel"]');
    await expect(panel).toHaveAttribute("data-steps", "2");
    await expect(panel.locator('[data-role="train-cache"]')).toHaveAttribute("data-cache", "false");
    const loss = Number(await panel.locator('[data-role="last-loss"]').textContent());
    expect(Number.isFinite(loss) && loss > 0).toBe(true);
    const acc = panel.locator('[data-role="chart-detn_acc"] ul.legend');
    await expect(acc).toContainText(`recorded run, ${pretrainedRun}: detn_acc`);
    await expect(acc).toContainText("recorded run, scratch body: detn_acc");
    expect((await legendValues(page, "single", "chart-detn_acc")).length).toBe(1);
    await expect(panel.locator('[data-role="prediction"]')).toHaveCount(2);
    expect(errors).toEqual([]);
  });
}

test("multilabel: two steps train, accuracy charted, sigmoid vs softmax bars for a validation image", async ({
  page,
}) => {
  detailsOnWebgl();
  const errors = collectErrors(page);
  await page.goto(`/?backend=${projectBackend()}&steps=2&only=multilabel`);
  await runCell(page, "multilabel");
  const panel = page.locator('[data-cell="multilabel"] [data-role="train-panel"]');
  await expect(panel).toHaveAttribute("data-steps", "2");
  const loss = Number(await panel.locator('[data-role="last-loss"]').textContent());
  expect(Number.isFinite(loss) && loss > 0).toBe(true);
  expect(await pathPoints(page, "multilabel", "chart-loss")).toBeGreaterThanOrEqual(4);
  const acc = await legendValues(page, "multilabel", "chart-accuracy");
  expect(acc[0]).toBeGreaterThanOrEqual(0);
  expect(acc[0]).toBeLessThanOrEqual(1);
  const view = panel.locator('[data-role="sigmoid-softmax"]');
  await expect(view.locator("[data-bar]")).toHaveCount(20);
  // the softmax column sums to ~100 %, the sigmoids need not
  const labels = await view
    .locator("[data-bar]")
    .evaluateAll((els) => els.map((e) => e.getAttribute("aria-label") ?? ""));
  const soft = labels.map((l) => Number(/: \d+ sigmoid, per class, (\d+) softmax/.exec(l)?.[1]));
  expect(soft.every(Number.isFinite)).toBe(true);
  expect(Math.abs(soft.reduce((a, b) => a + b, 0) - 100)).toBeLessThanOrEqual(10);
  // pick the other validation image
  const first = await view.getAttribute("data-image");
  await panel.locator('[data-action="pick-image"]').nth(1).click();
  await expect(panel.locator('[data-role="sigmoid-softmax"]')).not.toHaveAttribute("data-image", first ?? "");
  expect(errors).toEqual([]);
});

test("train-4x4: softmax over 21 as the class loss, then the lesson's BCE: two steps each, loc and clas charted beside both recorded runs, mAP in [0, 1], both runs' detections kept", async ({
  page,
}) => {
  detailsOnWebgl();
  const errors = collectErrors(page);
  await page.goto(`/?backend=${projectBackend()}&steps=2&only=train-4x4&ssd4Loss=softmax`);
  await runCell(page, "train-4x4");
  const cell = page.locator('[data-cell="train-4x4"]');
  await expect(cell.locator('[data-role="chart-parts"] ul.legend')).toContainText("softmax over 21");
  const mapLegend = cell.locator('[data-role="chart-mAP"] ul.legend');
  await expect(mapLegend).toContainText("recorded run, softmax: mAP");
  await expect(mapLegend).toContainText("recorded run, bce: mAP");
  for (const v of await legendValues(page, "train-4x4", "chart-parts"))
    expect(Number.isFinite(v) && v > 0).toBe(true);
  await expect(cell.locator('[data-loss="softmax"] [data-role="prediction"]')).toHaveCount(2);
  await expect(cell.locator('[data-loss="bce"]')).toContainText("None yet");
  // the lesson's BCE, run again on the same page: the softmax run's detections are kept beside the new ones
  await cell.locator("#setting-train-4x4-ssd4Loss").selectOption("bce");
  await runCell(page, "train-4x4");
  await expect(cell.locator('[data-role="chart-parts"] ul.legend')).toContainText("BCE over 20");
  const panel = cell.locator('[data-role="train-panel"]');
  await expect(panel).toHaveAttribute("data-steps", "2");
  await expect(panel).toHaveAttribute("data-epochs", "1");
  expect(await pathPoints(page, "train-4x4", "chart-parts")).toBeGreaterThanOrEqual(4);
  const parts = await legendValues(page, "train-4x4", "chart-parts");
  expect(parts.length).toBe(2);
  for (const v of parts) expect(Number.isFinite(v) && v > 0).toBe(true);
  const map = await legendValues(page, "train-4x4", "chart-mAP");
  expect(map[0]).toBeGreaterThanOrEqual(0);
  expect(map[0]).toBeLessThanOrEqual(1);
  await expect(cell.locator('[data-loss="bce"] [data-role="prediction"]')).toHaveCount(2);
  await expect(cell.locator('[data-loss="bce"] [data-role="pred-caption"]').first()).toContainText(
    "detection",
  );
  await expect(cell.locator('[data-loss="softmax"] [data-role="prediction"]')).toHaveCount(2);
  expect(errors).toEqual([]);
});

test("without WebGPU and no ?backend=, training takes the fast CPU path (WASM with our conv gradients)", async ({
  page,
}) => {
  // the webgl project's Chromium has no WebGPU: the page lands on WebGL, the training worker on wasm
  onlyInProject("webgl", "needs a browser without WebGPU");
  const errors = collectErrors(page);
  await page.goto("/?steps=2&only=train-4x4");
  await runCell(page, "train-4x4");
  const panel = page.locator('[data-cell="train-4x4"] [data-role="train-panel"]');
  await expect(panel).toHaveAttribute("data-steps", "2");
  const chip = panel.locator('[data-role="train-backend"]');
  await expect(chip).toHaveAttribute("data-train-backend", "wasm");
  await expect(chip).toContainText("fast CPU path");
  const parts = await legendValues(page, "train-4x4", "chart-parts");
  for (const v of parts) expect(Number.isFinite(v) && v > 0).toBe(true);
  expect(errors).toEqual([]);
});

test("train-ssd: Run trains (drawn scenes included), LR finder, checkpoint saved, downloaded; after a refresh a narrated step and resume", async ({
  page,
}) => {
  detailsOnWebgl();
  const errors = collectErrors(page);
  const url = `/?backend=${projectBackend()}&steps=2&only=train-ssd&loss=focal`;
  await page.goto(url);
  await runCell(page, "train-ssd");
  const cell = page.locator('[data-cell="train-ssd"]');
  const panel = cell.locator('[data-role="train-panel"]');
  await expect(panel.locator('[data-role="train-backend"]')).toHaveAttribute(
    "data-train-backend",
    projectBackend(),
  );
  await expect(panel.locator('[data-role="train-cache"]')).toHaveAttribute("data-cache", "true");
  await expect(panel.locator('[data-role="loss-kind"]')).toContainText("focal");
  await expect(panel.locator('[data-role="resume-offer"]')).toHaveCount(0);

  // 1. Run is learn.fit: it trains for the whole budget (?steps=2: one epoch), on pack images and newly drawn scenes
  await expect(panel).toHaveAttribute("data-phase", "done", { timeout: 300_000 });
  await expect(panel).toHaveAttribute("data-epochs", "1");
  await expect(panel).toHaveAttribute("data-steps", "2");
  await expect(panel).toContainText("(2 newly drawn)");
  await expect(panel.locator('[data-role="run-progress"]')).toContainText("Step 2 / 2");
  await expect(panel.locator('[data-role="checkpoint-status"]')).toContainText("saved to this browser", {
    timeout: 120_000,
  });
  const map = await legendValues(page, "train-ssd", "chart-mAP");
  expect(map[0]).toBeGreaterThanOrEqual(0);
  expect(map[0]).toBeLessThanOrEqual(1);
  await expect(panel.locator('[data-role="prediction"]')).toHaveCount(2);

  // 3. the LR finder: loss vs lr points (capped at ?steps=2), weights put back
  await expect(panel.locator('[data-action="lrfind"]')).toBeEnabled({ timeout: 60_000 });
  await panel.locator('[data-action="lrfind"]').click();
  const lrfind = panel.locator('[data-role="lrfind"]');
  await expect(lrfind).toHaveAttribute("data-done", "true", { timeout: 300_000 });
  expect(Number(await lrfind.getAttribute("data-points"))).toBe(2);
  expect(await pathPoints(page, "train-ssd", "lrfind")).toBeGreaterThanOrEqual(2);

  // 4. download the checkpoint file
  await expect(panel.locator('[data-action="download-checkpoint"]')).toBeEnabled();
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    panel.locator('[data-action="download-checkpoint"]').click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/\.ckpt$/);
  const bytes = await download.createReadStream().then(async (s) => {
    let n = 0;
    for await (const c of s) n += (c as Buffer).length;
    return n;
  });
  expect(bytes).toBeGreaterThan(100_000);

  // 5. a bad checkpoint file is refused with its name; the run goes on
  await panel.locator('[data-role="upload-checkpoint"]').setInputFiles({
    name: "notes.ckpt",
    mimeType: "application/octet-stream",
    buffer: Buffer.from("not a checkpoint"),
  });
  await expect(panel.locator('[data-role="train-errors"]')).toContainText("notes.ckpt");

  // 6. refresh: the saved checkpoint is offered and Run does not train over it
  await page.reload();
  await runCell(page, "train-ssd");
  const offer = panel.locator('[data-role="resume-offer"]');
  await expect(offer).toContainText("epoch 1, step 2");
  await expect(panel).toHaveAttribute("data-phase", "idle");

  // 7. a narrated step: all five phases arrive with their data
  await panel.locator('[data-action="narrate-step"]').click();
  const narration = panel.locator('[data-role="narration"]');
  await expect(narration.locator('li[data-seen="true"]')).toHaveCount(5, { timeout: 300_000 });
  await expect(panel).toHaveAttribute("data-steps", "1");
  await expect(narration.locator('[data-role="phase-augment"] canvas')).toBeVisible();
  await expect(narration.locator('[data-role="phase-forward"] canvas')).toBeVisible();
  const positives = Number(
    await narration.locator('[data-role="phase-match"]').getAttribute("data-positives"),
  );
  expect(positives).toBeGreaterThan(0);
  await expect(narration.locator('[data-role="phase-loss"]')).toContainText("loc");
  await expect(narration.locator('[data-role="phase-update"] tbody tr')).toHaveCount(3);

  // 8. resuming restores the checkpoint's progress
  await panel.locator('[data-action="resume"]').click();
  await expect(panel.locator('[data-role="checkpoint-note"]')).toContainText("Resumed from epoch 1, step 2", {
    timeout: 180_000,
  });
  await expect(offer).toHaveCount(0);
  expect(errors.filter((e) => !e.includes("notes.ckpt"))).toEqual([]);
});
