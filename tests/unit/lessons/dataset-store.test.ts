// The shared dataset store: one lazy load for every cell, replacement by the data cell, notification, retry
// after a failed load, and the decoded-image cache.
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Dataset, RgbaImage, VocImage } from "../../../src/data/types";
import {
  currentDataset,
  datasetVersion,
  getDataset,
  imageOf,
  resetDatasetStore,
  setDataset,
  shouldReplace,
  subscribeDataset,
} from "../../../src/lessons/common/dataset";

function fakeDataset(name: string, nImages = 2, load?: (im: VocImage) => Promise<RgbaImage>): Dataset {
  const images: VocImage[] = Array.from({ length: nImages }, (_, i) => ({
    id: `${name}-${i}`,
    file: `JPEGImages/${name}-${i}.jpg`,
    width: 4,
    height: 3,
    objects: [],
  }));
  return {
    name,
    source: "test",
    synthetic: false,
    classes: ["a", "b"],
    images,
    splits: {},
    report: [],
    loadImage:
      load ?? (async (im) => ({ width: im.width, height: im.height, data: new Uint8ClampedArray(48) })),
  };
}

afterEach(() => resetDatasetStore());

describe("dataset store", () => {
  it("loads once, however many cells ask at the same time", async () => {
    const loader = vi.fn(async () => fakeDataset("builtin"));
    resetDatasetStore(loader);
    expect(currentDataset()).toBeNull();
    const [a, b, c] = await Promise.all([getDataset(), getDataset(), getDataset()]);
    expect(loader).toHaveBeenCalledTimes(1);
    expect(a).toBe(b);
    expect(b).toBe(c);
    expect(currentDataset()).toBe(a);
    expect(await getDataset()).toBe(a);
    expect(loader).toHaveBeenCalledTimes(1);
    expect(datasetVersion()).toBe(1);
  });

  it("setDataset replaces the data for every subscriber and getDataset", async () => {
    resetDatasetStore(async () => fakeDataset("builtin"));
    await getDataset();
    const seen: (string | undefined)[] = [];
    const off = subscribeDataset(() => seen.push(currentDataset()?.name));
    const mine = fakeDataset("dropped");
    setDataset(mine);
    expect(seen).toEqual(["dropped"]);
    expect(await getDataset()).toBe(mine);
    off();
    setDataset(fakeDataset("again"));
    expect(seen).toEqual(["dropped"]);
    expect(datasetVersion()).toBe(3);
  });

  it("a dataset set while the built-in pack is still loading wins over it", async () => {
    let finish: (d: Dataset) => void = () => {};
    resetDatasetStore(() => new Promise<Dataset>((res) => (finish = res)));
    const pending = getDataset();
    const mine = fakeDataset("dropped");
    setDataset(mine);
    finish(fakeDataset("builtin"));
    expect(await pending).toBe(mine);
    expect(currentDataset()).toBe(mine);
  });

  it("a failed load rejects with its message and can be retried", async () => {
    let calls = 0;
    resetDatasetStore(async () => {
      calls++;
      if (calls === 1) throw new Error("data/builtin/manifest.json: HTTP 404 Not Found");
      return fakeDataset("builtin");
    });
    await expect(getDataset()).rejects.toThrow("manifest.json: HTTP 404");
    expect(currentDataset()).toBeNull();
    expect((await getDataset()).name).toBe("builtin");
    expect(calls).toBe(2);
  });

  it("replaces only with a dataset that has images", () => {
    expect(shouldReplace(fakeDataset("ok", 1))).toBe(true);
    expect(shouldReplace(fakeDataset("empty", 0))).toBe(false);
  });
});

describe("imageOf (decoded-image cache)", () => {
  it("decodes each image once, keeps the recent ones, and retries a failed decode", async () => {
    const load = vi.fn(async (im: VocImage) => {
      if (im.id === "d-0" && load.mock.calls.filter(([x]) => x.id === "d-0").length === 1)
        throw new Error("broken jpeg");
      return { width: 4, height: 3, data: new Uint8ClampedArray(48) };
    });
    const ds = fakeDataset("d", 60, load);
    await expect(imageOf(ds, ds.images[0])).rejects.toThrow("broken jpeg");
    await expect(imageOf(ds, ds.images[0])).resolves.toMatchObject({ width: 4 });
    expect(load).toHaveBeenCalledTimes(2);
    const first = await imageOf(ds, ds.images[1]);
    expect(await imageOf(ds, ds.images[1])).toBe(first);
    expect(load).toHaveBeenCalledTimes(3);
    for (const im of ds.images.slice(2)) await imageOf(ds, im); // 58 more: image 1 falls out
    const calls = load.mock.calls.length;
    await imageOf(ds, ds.images[59]);
    expect(load.mock.calls.length).toBe(calls); // recent: cached
    await imageOf(ds, ds.images[1]);
    expect(load.mock.calls.length).toBe(calls + 1); // old: decoded again
  });
});
