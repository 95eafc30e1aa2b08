// The predict and evaluate cells in the built app, on the shipped checkpoint (no training): before/after NMS
// counts, the sliders change them, the validation image steps, an uploaded photo is predicted, a missing camera
// says so; mAP both ways, per-class AP bars, a PR curve with points, the false-positive table.
import { fileURLToPath } from "node:url";
import { expect, type Locator, type Page, test } from "@playwright/test";
import { collectErrors, onlyInProject, projectBackend } from "./util";

const PHOTO = fileURLToPath(
  new URL("../../../shared/voc-samples/VOCdevkit/VOC2007/JPEGImages/000001.jpg", import.meta.url),
);

async function runCell(page: Page, id: string): Promise<Locator> {
  const cell = page.locator(`[data-cell="${id}"]`);
  await expect(async () => {
    if ((await cell.getAttribute("data-state")) === "idle") await cell.locator('[data-action="run"]').click();
    await expect(cell).toHaveAttribute("data-state", /done|error/, { timeout: 10_000 });
  }).toPass({ timeout: 240_000 });
  const err = cell.locator('[data-role="error"]');
  expect(await err.count(), (await err.count()) ? ((await err.textContent()) ?? "") : "").toBe(0);
  return cell;
}

async function count(l: Locator): Promise<number> {
  return Number(await l.getAttribute("data-value"));
}

test.setTimeout(480_000);
// Their controls and views do not depend on the backend: checked in the webgl project; Run all (cells.spec.ts)
// runs predict and evaluate on WebGPU (these three took ~2 min on SwiftShader's WebGPU).

test("predict: before/after NMS, sliders, image stepping, upload, no camera", async ({ page }) => {
  onlyInProject("webgl", "Run all runs predict and evaluate on WebGPU; their details are checked on WebGL");
  const errors = collectErrors(page);
  await page.goto(`/?backend=${projectBackend()}&steps=2&only=predict&image=3`);
  const cell = await runCell(page, "predict");
  await expect(cell.locator('[data-role="model-source"]')).toHaveAttribute("data-kind", "shipped");
  await expect(cell.locator('[data-role="image-name"]')).toContainText("3 of 150");
  const before = cell.locator('[data-role="before-count"]');
  const after = cell.locator('[data-role="after-count"]');
  await expect(before).toBeVisible({ timeout: 60_000 });
  const b0 = await count(before);
  const a0 = await count(after);
  expect(b0).toBeGreaterThanOrEqual(a0);
  // a low threshold (the cell's Settings box): more candidates, and NMS removes some of them
  await cell.locator("#setting-predict-score").fill("0.05");
  await expect(cell.locator('output[for="setting-predict-score"]')).toHaveText("0.05");
  await expect(before).toContainText("above 0.05");
  const b1 = await count(before);
  const a1 = await count(after);
  expect(b1).toBeGreaterThanOrEqual(b0);
  expect(b1).toBeGreaterThan(a1);
  expect(a1).toBeGreaterThan(0);
  await expect(cell.locator('[data-role="detections"] tbody tr')).not.toHaveCount(0);
  // a lax NMS overlap keeps more boxes
  await cell.locator("#setting-predict-nms").fill("0.9");
  await expect(after).toContainText("overlap > 0.90");
  expect(await count(after)).toBeGreaterThanOrEqual(a1);
  expect(page.url()).toContain("score=0.05");
  // the next validation image
  await cell.getByRole("button", { name: "Next validation image" }).click();
  await expect(cell.locator('[data-role="image-name"]')).toContainText("4 of 150");
  await expect(before).toBeVisible({ timeout: 60_000 });
  // an uploaded photo right after stepping (squashed to 224 by the model), then the webcam (none here: a clear
  // message); stepping images no longer re-runs the cell, so the last choice of picture wins
  await cell.locator('[data-role="upload"]').setInputFiles(PHOTO);
  await expect(cell.locator("figure.image-boxes canvas").first()).toHaveAttribute(
    "aria-label",
    /Image 353×500/,
    {
      timeout: 60_000,
    },
  );
  expect(await count(before)).toBeGreaterThanOrEqual(await count(after));
  await cell.getByRole("button", { name: "Webcam" }).click();
  await expect(cell.locator('[data-role="message"]')).toContainText("Camera not available", {
    timeout: 30_000,
  });
  await expect(cell).toHaveAttribute("data-state", "done");
  expect(errors).toEqual([]);
});

test("evaluate: mAP both ways, AP bars, PR curve, false positives", async ({ page }) => {
  onlyInProject("webgl", "Run all runs predict and evaluate on WebGPU; their details are checked on WebGL");
  const errors = collectErrors(page);
  await page.goto(`/?backend=${projectBackend()}&steps=2&only=evaluate`);
  // before Run: the shipped run's recorded mAP and curves (no computation)
  await expect(page.locator('[data-cell="evaluate"] [data-role="shipped-run"]')).toBeVisible();
  await expect(page.locator('[data-metric="shipped-map07"]')).toHaveText(/^0\.\d{3}$/);
  // the page settles first (tfjs, the backend, the preview's charts load with long tasks of their own): no long
  // task for 2 s; then only what evaluating does is counted
  await expect(page.locator(`[data-backend="${projectBackend()}"]`)).toBeVisible({ timeout: 60_000 });
  // the browser's 2D canvas / bitmap machinery the image decoder uses starts up once per page (2.3 s on SwiftShader
  // in the webgl project): start it before measuring, as any earlier cell showing a picture would have
  await page.evaluate(async () => {
    const bitmap = await createImageBitmap(new ImageData(8, 8));
    new OffscreenCanvas(8, 8).getContext("2d")?.drawImage(bitmap, 0, 0);
    new OffscreenCanvas(8, 8).getContext("2d")?.getImageData(0, 0, 8, 8);
    bitmap.close();
  });
  await page.evaluate(() => {
    const w = window as unknown as { longTasks: number[]; lastLong: number };
    w.longTasks = [];
    w.lastLong = performance.now();
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        w.longTasks.push(Math.round(e.duration));
        w.lastLong = e.startTime + e.duration;
      }
    }).observe({ type: "longtask", buffered: true });
  });
  await page.waitForFunction(
    () => performance.now() - (window as unknown as { lastLong: number }).lastLong > 2000,
    null,
    { timeout: 120_000 },
  );
  await page.evaluate(() => {
    (window as unknown as { longTasks: number[] }).longTasks = [];
  });
  const cell = await runCell(page, "evaluate");
  // prediction and scoring ran in the worker. The app's rule is no main-thread task over 50 ms, which the bench
  // measures on a quiet machine; on a loaded 2-core machine running SwiftShader, scheduling alone stretches
  // short tasks past 50 ms (one of 71 ms was seen here), so the test bounds them at 200 ms — evaluating on the
  // main thread, as the cell used to, blocked it for up to 3.3 s.
  const long = await page.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks);
  test.info().annotations.push({ type: "long tasks (ms)", description: long.join(", ") || "none" });
  expect(Math.max(0, ...long), `main-thread tasks while evaluating: ${long.join(", ")} ms`).toBeLessThan(200);
  await expect(cell.locator('[data-role="progress"]')).toHaveCount(0);
  for (const k of ["map07", "map-all"]) {
    expect(await cell.locator(`[data-metric="${k}"]`).textContent()).toMatch(/^\d\.\d{3}$/);
  }
  const map = cell.locator('[data-role="map"]');
  await expect(map).toContainText("over 4 validation images (of 150");
  for (const k of ["map07", "map-all"]) {
    const v = Number(await map.locator(`[data-metric="${k}"]`).textContent());
    expect(v).toBeGreaterThanOrEqual(0);
    expect(v).toBeLessThanOrEqual(1);
  }
  const bars = cell.locator("[data-bar]");
  expect(await bars.count()).toBeGreaterThan(0);
  const curve = cell.locator('[data-role="pr-curve"] path[data-series]');
  await expect(curve).toHaveCount(1);
  expect((await curve.getAttribute("d"))?.length ?? 0).toBeGreaterThan(3);
  // add a second class's curve from the chips
  await cell.locator(".pr-chips button").nth(1).click();
  await expect(curve).toHaveCount(2);
  const rows = cell.locator('[data-role="confusions"] tbody tr');
  await expect(rows).toHaveCount(5);
  const cells = await rows.locator("td.num:first-of-type").allTextContents();
  expect(cells.every((c) => /^\d+$/.test(c))).toBe(true);
  expect(errors).toEqual([]);
});

test("predict uses the user's own checkpoint from IndexedDB when there is one", async ({ page }) => {
  onlyInProject("webgl", "Run all runs predict and evaluate on WebGPU; their details are checked on WebGL");
  const errors = collectErrors(page);
  await page.goto(`/?backend=${projectBackend()}&steps=2&only=predict`);
  // store the shipped weights as if the train-ssd cell had saved them (idb-keyval: keyval-store / keyval)
  await page.evaluate(async () => {
    const bytes = new Uint8Array(await (await fetch("models/ssd-builtin.bin")).arrayBuffer());
    const n = new DataView(bytes.buffer).getUint32(8, true);
    const header = JSON.parse(new TextDecoder().decode(bytes.subarray(12, 12 + n)));
    header.progress = { ...header.progress, epoch: 7, step: 77 };
    const manifest = await (await fetch("data/builtin/manifest.json")).json();
    const key = `ckpt:ssd-notebook/train-ssd/${manifest.name}/quick`;
    const db = await new Promise<IDBDatabase>((ok, fail) => {
      const r = indexedDB.open("keyval-store");
      r.onupgradeneeded = () => r.result.createObjectStore("keyval");
      r.onsuccess = () => ok(r.result);
      r.onerror = () => fail(r.error);
    });
    await new Promise<void>((ok, fail) => {
      const tx = db.transaction("keyval", "readwrite");
      tx.objectStore("keyval").put({ header, data: bytes.slice(12 + n).buffer }, key);
      tx.oncomplete = () => ok();
      tx.onerror = () => fail(tx.error);
    });
    db.close();
  });
  // predict runs on its own when it comes into view (on the shipped weights, before the store above was
  // filled): once that run has finished, run it again to pick up the user's checkpoint
  const cell = page.locator('[data-cell="predict"]');
  await expect(cell).toHaveAttribute("data-state", /done|error/, { timeout: 240_000 });
  await cell.locator('[data-action="run"]').click();
  const badge = cell.locator('[data-role="model-source"]');
  await expect(badge).toHaveAttribute("data-kind", "user", { timeout: 240_000 });
  await expect(cell).toHaveAttribute("data-state", "done", { timeout: 240_000 });
  await expect(badge).toContainText("epoch 7, step 77");
  await expect(cell.locator('[data-role="before-count"]')).toBeVisible();
  expect(errors).toEqual([]);
});
