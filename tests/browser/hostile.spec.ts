// Issue 13 in Chromium: a training worker that dies is noticed and restarts from its checkpoint; the data
// cell stays responsive on a hostile tar, keeps its report live and short; re-running the training cell keeps
// offering the saved checkpoint, and training while the offer shows never loses it.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, type Page, test } from "@playwright/test";
import { strToU8 } from "fflate";
import { obj, sampleJpeg, tarHeader, tarOf, xml } from "../corpus/make-corpus";
import { collectErrors, onlyInProject, openHarness, projectBackend } from "./util";

test.setTimeout(300_000);

test("a dead training worker is reported, pending calls fail, and restart resumes from its checkpoint", async ({
  page,
}) => {
  await openHarness(page, projectBackend());
  const r = await page.evaluate(async () => {
    const { createTrainer } = await (import(/* @vite-ignore */ `${"/src/train/client.ts"}`) as Promise<
      typeof import("../../src/train/client")
    >);
    const size = 56;
    const examples = Array.from({ length: 6 }, (_, i) => {
      const data = new Uint8ClampedArray(size * size * 4).map((_, j) => (j * (i + 7)) % 251);
      return {
        id: `e${i}`,
        image: { width: size, height: size, data },
        boxes: [[5, 5, 30, 40]],
        classes: [i % 3],
      };
    });
    const workers: Worker[] = [];
    const client = createTrainer(
      {
        config: {
          head: "ssd4",
          headWidth: 8,
          classes: ["r", "g", "b"],
          lr: 1e-3,
          epochs: 100,
          batchSize: 2,
          schedule: { kind: "constant" },
          checkpointKey: `test/dead-worker/${Math.random()}`,
        },
        backbone: { kind: "scratch", inputSize: size, widths: [4, 8, 8] },
        data: { kind: "examples", train: examples.slice(0, 4), val: examples.slice(4) },
        backends: ["cpu"],
      },
      {
        base: `${location.origin}/`,
        liveness: { everyMs: 250, timeoutMs: 5000 }, // short for the test; steps here take ms
        workerFactory: () => {
          const w = new Worker(new URL("/src/train/worker.ts", location.href), { type: "module" });
          workers.push(w);
          return w;
        },
      },
    );
    const events: { type: string; code?: string; message?: string; step?: number }[] = [];
    client.onEvent((e) => events.push(e as never));
    await client.ready;
    // train until the first epoch's checkpoint (2 steps), then kill the worker mid-run, as the OS would
    const playing = client.start().then(
      () => "resolved",
      (e: Error) => `rejected: ${e.message}`,
    );
    const t0 = performance.now();
    while (!events.some((e) => e.type === "checkpoint") && performance.now() - t0 < 120_000)
      await new Promise((res) => setTimeout(res, 20));
    const saved = events.find((e) => e.type === "checkpoint");
    workers[0].terminate();
    const killedAt = performance.now();
    const play = await playing;
    const noticedMs = performance.now() - killedAt;
    const dead = client.dead();
    const pause = await client.pause().then(
      () => "resolved",
      (e: Error) => `rejected: ${e.message}`,
    );
    const info = await client.restart();
    // a crash the browser reports (an error event on the worker) is said at once
    workers[1].dispatchEvent(new ErrorEvent("error", { message: "Out of memory" }));
    const crashed = client.dead();
    client.dispose();
    return { saved, play, noticedMs, dead, pause, resumed: info.resumed, crashed, events };
  });
  expect(r.saved).toBeTruthy();
  expect(r.play).toMatch(/^rejected: The training worker stopped answering/);
  expect(r.noticedMs).toBeLessThan(30_000);
  expect(r.dead).toMatch(/stopped answering/);
  expect(r.pause).toMatch(/^rejected:/); // Pause on a dead worker fails at once instead of hanging
  expect(r.events.filter((e) => e.code === "worker-dead")).toHaveLength(2);
  expect(r.resumed?.step).toBeGreaterThanOrEqual(r.saved?.step ?? 99);
  expect(r.crashed).toBe("The training worker crashed: Out of memory.");
});

async function runCell(page: Page, id: string): Promise<void> {
  const cell = page.locator(`[data-cell="${id}"]`);
  await cell.locator('[data-action="run"]').click();
  await expect(cell).toHaveAttribute("data-state", /done|error/, { timeout: 240_000 });
  expect(await cell.getAttribute("data-state")).toBe("done");
}

test("data cell: a hostile 3.5 KB tar is answered at once; a decode error updates the report live", async ({
  page,
}) => {
  const errors = collectErrors(page);
  // the webgl project's Chromium has no WebGPU: the training cell below trains on the fast CPU path (WASM)
  onlyInProject("webgl", "trains in the worker: needs a browser without WebGPU (fast WASM path)");
  await page.goto("/?only=data,train-4x4&steps=1");
  await runCell(page, "data");
  const cell = page.locator('[data-cell="data"]');
  const pax = strToU8("14 size=-1536\n");
  const tar = tarOf([
    [tarHeader("PaxHeaders/x", pax.length, "x"), pax],
    [tarHeader("a.xml", 10), strToU8("0123456789")],
    [tarHeader("b.xml", 10), strToU8("0123456789")],
  ]);
  const t0 = Date.now();
  await cell.locator('[data-role="pick-files"]').setInputFiles({
    name: "evil.tar",
    mimeType: "application/x-tar",
    buffer: Buffer.from(tar),
  });
  const failed = cell.locator('[data-role="load-failed"]');
  await expect(failed).toContainText('invalid pax size "-1536"', { timeout: 10_000 });
  expect(Date.now() - t0).toBeLessThan(10_000);
  expect(await failed.locator("li").count()).toBeLessThan(5);

  // a VOC folder: a good image, one that starts like a JPEG but does not decode, one whose <size> is wrong.
  // The errors show only when the cell decodes them: the report must update live, naming each file once.
  const dir = mkdtempSync(join(tmpdir(), "hostile-"));
  const root = join(dir, "VOCdevkit/VOC2007");
  mkdirSync(join(root, "Annotations"), { recursive: true });
  mkdirSync(join(root, "JPEGImages"), { recursive: true });
  const jpeg = sampleJpeg();
  const dog = obj("dog", 10, 20, 110, 220);
  writeFileSync(join(root, "Annotations/a-broken.xml"), xml("a-broken.jpg", dog));
  writeFileSync(join(root, "JPEGImages/a-broken.jpg"), jpeg.subarray(0, 400));
  writeFileSync(join(root, "Annotations/b-wrong.xml"), xml("b-wrong.jpg", dog, [1000, 800]));
  writeFileSync(join(root, "JPEGImages/b-wrong.jpg"), jpeg);
  for (const id of ["c-good", "d-good", "e-good", "f-good"]) {
    writeFileSync(join(root, `Annotations/${id}.xml`), xml(`${id}.jpg`, dog));
    writeFileSync(join(root, `JPEGImages/${id}.jpg`), jpeg);
  }
  try {
    await cell.locator('[data-role="pick-folder"]').setInputFiles(join(dir, "VOCdevkit"));
    const view = cell.locator('[data-role="data-view"]');
    await expect(view).toHaveAttribute("data-images", "6", { timeout: 60_000 });
    const report = cell.locator('[data-role="data-source"] > [data-role="load-report"]');
    await expect(report).toHaveAttribute("data-errors", "1", { timeout: 30_000 });
    await expect(report).toHaveAttribute("data-warnings", "1", { timeout: 30_000 });
    await expect(report.locator("summary")).toContainText("1 error, 1 warning");
    await expect(report.locator("li")).toHaveCount(0); // a closed report renders no lines (lazy)
    await report.locator("summary").click();
    const broken = report.locator("li", { hasText: "a-broken.jpg" });
    await expect(broken).toHaveCount(1);
    expect((await broken.textContent())?.split("a-broken.jpg").length).toBe(2); // named once
    await expect(report.locator("li", { hasText: "b-wrong.jpg" })).toContainText(
      "1000x800 but it is 500x375",
    );
    // a training cell leaves the broken image out, and says so in the cell (it used to go to console.warn)
    await runCell(page, "train-4x4");
    const skipped = page.locator('[data-cell="train-4x4"] [data-role="train-skipped"]');
    await expect(skipped.locator("summary")).toContainText("1 image could not be decoded");
    await skipped.locator("summary").click();
    await expect(skipped).toContainText("VOCdevkit/VOC2007/JPEGImages/a-broken.jpg: ");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  expect(errors.filter((e) => !/a-broken/.test(e))).toEqual([]);
});

test("train-ssd: after Pause/Run the saved checkpoint is still offered; training while it shows never loses it", async ({
  page,
}) => {
  const errors = collectErrors(page);
  // no ?backend in the webgl project: the worker takes the fast CPU path (WASM), quick for 4 images
  onlyInProject("webgl", "needs a browser without WebGPU (fast WASM path)");
  await page.goto("/?steps=4&only=train-ssd");
  await runCell(page, "train-ssd");
  const cell = page.locator('[data-cell="train-ssd"]');
  const panel = cell.locator('[data-role="train-panel"]');
  const offer = panel.locator('[data-role="resume-offer"]');
  await expect(offer).toHaveCount(0);
  // 1. Run trains (learn.fit) 4 steps = 2 epochs of 2 batches: checkpoints at steps 2 and 4
  await expect(panel).toHaveAttribute("data-phase", "done", { timeout: 240_000 });
  await expect(panel.locator('[data-role="checkpoint-status"]')).toContainText("epoch 2, step 4");
  // 2. run the cell again: the checkpoint of the run before is offered (it used to vanish)
  await runCell(page, "train-ssd");
  await expect(panel).toHaveAttribute("data-phase", "idle");
  await expect(offer).toContainText("epoch 2, step 4");
  // 3. train while the offer shows: the new run's first save (epoch 1, step 2) does not overwrite it
  await panel.locator('[data-action="step"]').click();
  await expect(panel).toHaveAttribute("data-steps", "1", { timeout: 120_000 });
  await expect(panel.locator('[data-action="step"]')).toBeEnabled({ timeout: 120_000 });
  await panel.locator('[data-action="step"]').click();
  await expect(panel.locator('[data-role="checkpoint-status"]')).toContainText("epoch 1, step 2", {
    timeout: 120_000,
  });
  await expect(offer).toContainText("epoch 2, step 4");
  // 4. resume it: its weights and progress come back; the progress line agrees with the checkpoint
  await expect(panel.locator('[data-action="resume"]')).toBeEnabled({ timeout: 60_000 });
  await panel.locator('[data-action="resume"]').click();
  await expect(panel.locator('[data-role="checkpoint-note"]')).toContainText("Resumed from epoch 2, step 4", {
    timeout: 120_000,
  });
  await expect(panel.locator('[data-role="train-progress"]')).toContainText("Step 4 · epoch 2");
  expect(errors).toEqual([]);
});

test("train-ssd: a crashed worker is said in the panel, Pause is off, and Restart resumes from the checkpoint", async ({
  page,
}) => {
  const workers: import("@playwright/test").Worker[] = [];
  page.on("worker", (w) => {
    if (/\/assets\/worker-[^/]*\.js$/.test(w.url())) workers.push(w);
  });
  onlyInProject("webgl", "needs a browser without WebGPU (fast WASM path)");
  await page.goto("/?steps=2&only=train-ssd");
  await runCell(page, "train-ssd");
  const panel = page.locator('[data-cell="train-ssd"] [data-role="train-panel"]');
  // Run trains for the whole (capped) budget
  await expect(panel).toHaveAttribute("data-phase", "done", { timeout: 240_000 });
  await expect(panel.locator('[data-role="checkpoint-status"]')).toContainText("epoch 1, step 2");
  expect(workers.length).toBeGreaterThan(0);
  // an uncaught error in the training worker, as a crash inside tfjs would raise
  await workers[workers.length - 1].evaluate(() => {
    setTimeout(() => {
      throw new Error("simulated crash");
    }, 0);
  });
  const dead = panel.locator('[data-role="worker-dead"]');
  await expect(dead).toContainText("The training worker crashed", { timeout: 30_000 });
  await expect(dead).toContainText("simulated crash");
  await expect(panel).toHaveAttribute("data-phase", "dead");
  await expect(panel.locator('[data-action="pause"]')).toBeDisabled();
  await expect(panel.locator('[data-action="play"]')).toBeDisabled();
  await dead.locator('[data-action="restart"]').click();
  await expect(panel.locator('[data-role="restarted"]')).toContainText(
    "Restarted from the last checkpoint (epoch 1, step 2)",
    { timeout: 120_000 },
  );
  await expect(panel).toHaveAttribute("data-phase", "idle");
  await expect(panel.locator('[data-role="train-progress"]')).toContainText("Step 2 · epoch 1");
});
