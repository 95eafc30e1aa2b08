// The training engine in a real browser on the project's backend (WebGPU or WebGL): the SSD multi-head trains on
// the built-in sample in the worker and its loss falls; the main thread stays free; 50 steps leak no tensors;
// losing the WebGPU device moves training to another backend and resumes from the last checkpoint.
import { expect, test } from "@playwright/test";
import { collectErrors, onlyInProject, openHarness, projectBackend } from "./util";

test("SSD multi-head trains on the built-in sample in the worker; the loss falls; no main-thread task over 50 ms", async ({
  page,
}) => {
  test.setTimeout(600_000); // SwiftShader runs the MobileNetV3 body at a few images a minute
  const backend = projectBackend();
  const errors = collectErrors(page);
  await openHarness(page, backend);
  const r = await page.evaluate(async (backend) => {
    const { createTrainer } = await (import(/* @vite-ignore */ `${"/src/train/client.ts"}`) as Promise<
      typeof import("../../src/train/client")
    >);
    const longTasks: number[] = [];
    const client = createTrainer(
      {
        config: {
          head: "ssdMulti",
          headWidth: 32,
          lr: 1e-2,
          epochs: 100,
          batchSize: 2,
          maxSteps: 6,
          schedule: { kind: "constant" },
          cache: true,
          cacheBatch: 1,
          seed: 3,
        },
        backbone: { kind: "centernet" },
        data: { kind: "dataset", source: "builtin", limit: 2, valLimit: 1 },
        backends: [backend as "webgpu" | "webgl"],
      },
      { base: `${location.origin}/` },
    );
    const events: { type: string; loss?: number; name?: string; state?: string; message?: string }[] = [];
    client.onEvent((e) => {
      events.push(e as never);
    });
    const info = await client.ready;
    const obs = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) longTasks.push(e.duration);
    });
    obs.observe({ type: "longtask", buffered: false });
    await client.start();
    obs.disconnect();
    const mem = await client.remote().memory();
    client.dispose();
    return { info, events, longTasks, mem };
  }, backend);
  const losses = r.events.filter((e) => e.type === "batch").map((e) => e.loss as number);
  console.log(
    `${backend}: ${r.info.backbone} ${JSON.stringify(r.info.featureShape)}, cache ${r.info.cache}; losses ${losses.map((l) => l.toFixed(2)).join(" ")}; long tasks ${JSON.stringify(r.longTasks)}`,
  );
  expect(r.info.backend).toBe(backend);
  expect(r.mem.backend).toBe(backend);
  expect(r.info.featureShape).toEqual([7, 7, 480]);
  expect(r.info.cache).toBe(true);
  expect(r.events.filter((e) => e.type === "error")).toEqual([]);
  expect(losses.length).toBe(6);
  expect(losses.every(Number.isFinite)).toBe(true);
  const first = (losses[0] + losses[1]) / 2;
  const last = (losses[4] + losses[5]) / 2;
  expect(last).toBeLessThan(0.9 * first);
  expect(r.longTasks.filter((d) => d > 50)).toEqual([]);
  expect(errors.filter((e) => !e.includes("404"))).toEqual([]);
});

test("50 training steps on the project's backend leak no tensors", async ({ page }) => {
  test.setTimeout(600_000);
  const backend = projectBackend();
  await openHarness(page, backend);
  const r = await page.evaluate(async () => {
    const tf = window.tf;
    const { buildHead } = await (import(/* @vite-ignore */ `${"/src/model/heads.ts"}`) as Promise<
      typeof import("../../src/model/heads")
    >);
    const { Trainer } = await (import(/* @vite-ignore */ `${"/src/train/engine.ts"}`) as Promise<
      typeof import("../../src/train/engine")
    >);
    const { prepare } = await (import(/* @vite-ignore */ `${"/src/train/examples.ts"}`) as Promise<
      typeof import("../../src/train/examples")
    >);
    const { syntheticExamples, tinyBackbone, TINY_SIZE } = await (import(
      /* @vite-ignore */ `${"/tests/unit/train/helpers.ts"}`
    ) as Promise<typeof import("../unit/train/helpers")>);
    const ex = syntheticExamples(8);
    const data = {
      train: await Promise.all(ex.slice(0, 6).map((e) => prepare(e, TINY_SIZE))),
      val: await Promise.all(ex.slice(6).map((e) => prepare(e, TINY_SIZE))),
    };
    const out: Record<string, number[]> = {};
    for (const cache of [true, false]) {
      const backbone = tinyBackbone(cache);
      const head = buildHead("ssd4", { inputShape: backbone.featureShape, width: 8, numClasses: 3 });
      const t = new Trainer(
        backbone,
        head,
        { head: "ssd4", lr: 1e-3, epochs: 1000, batchSize: 3, classes: ["r", "g", "b"], cache },
        data,
        { emit: () => {} },
      );
      await t.step();
      const before = tf.memory().numTensors;
      // 50 steps from the cache (the head alone); 10 through the trainable backbone (slow on SwiftShader)
      for (let i = 0; i < (cache ? 50 : 10); i++) await t.step();
      out[cache ? "cache" : "nocache"] = [before, tf.memory().numTensors, t.progress.step];
      t.dispose();
      head.dispose();
      backbone.dispose();
    }
    return out;
  });
  expect(r.cache[1]).toBe(r.cache[0]);
  expect(r.nocache[1]).toBe(r.nocache[0]);
  expect(r.cache[2]).toBe(51);
});

test("WebGPU device loss: training moves to another backend and resumes from the last checkpoint", async ({
  page,
}) => {
  onlyInProject("webgpu", "device loss is a WebGPU event");
  await openHarness(page, "webgpu");
  const r = await page.evaluate(async () => {
    const { createTrainer, clearSavedCheckpoint } = await (import(
      /* @vite-ignore */ `${"/src/train/client.ts"}`
    ) as Promise<typeof import("../../src/train/client")>);
    const key = `devloss-${Date.now()}`;
    const client = createTrainer(
      {
        config: {
          head: "ssd4",
          headWidth: 8,
          lr: 1e-3,
          epochs: 100,
          batchSize: 2,
          cache: true,
          checkpointKey: key,
        },
        backbone: { kind: "scratch", inputSize: 56, widths: [4, 8, 8] },
        data: { kind: "dataset", source: "builtin", limit: 4, valLimit: 2 },
        backends: ["webgpu", "cpu"],
      },
      { base: `${location.origin}/` },
    );
    const events: { type: string; name?: string; from?: string; code?: string; step?: number }[] = [];
    client.onEvent((e) => events.push(e as never));
    await client.ready;
    await client.step();
    await client.step();
    const saved = events.filter((e) => e.type === "checkpoint").length;
    await client.remote().loseDevice();
    const t0 = Date.now();
    while (!events.some((e) => e.type === "backend" && e.from === "webgpu") && Date.now() - t0 < 60_000) {
      await new Promise((r) => setTimeout(r, 200));
    }
    const info = client.info();
    await client.step();
    const mem = await client.remote().memory();
    client.dispose();
    await clearSavedCheckpoint(key);
    return { events, info, saved, mem };
  });
  expect(r.events.some((e) => e.type === "error" && e.code === "device-lost")).toBe(true);
  const moved = r.events.find((e) => e.type === "backend" && e.from === "webgpu");
  expect(moved?.name).toBe("cpu");
  expect(r.mem.backend).toBe("cpu");
  // 4 images at batch 2: the second step ends epoch 0, which saved a checkpoint; the new worker resumed from it
  expect(r.saved).toBe(1);
  expect(r.info?.backend).toBe("cpu");
  expect(r.info?.resumed).toEqual({ epoch: 1, step: 2 });
});
