// The data, largest and augment cells in the built app: the built-in synthetic samples with boxes, credit and
// class counts; a picked VOCdevkit folder and a dropped-in .zip replace the data for every cell; a bad file's
// message shows in the load report; an unreadable archive leaves the data alone; the augment grid re-rolls;
// the summary cell shows the 7×7×480 features and the heads' output shapes.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, type Page, test } from "@playwright/test";
import { zipSync } from "fflate";
import { collectErrors, onlyInProject, projectBackend } from "./util";

const SAMPLES = fileURLToPath(new URL("../../../shared/voc-samples", import.meta.url));
const MANIFEST = JSON.parse(readFileSync("public/data/builtin/manifest.json", "utf8")) as {
  images: {
    objects: {
      name: string;
      xmin: number;
      ymin: number;
      xmax: number;
      ymax: number;
      difficult: number;
      truncated: number;
    }[];
  }[];
};

/** The VOC2007 fixtures plus one broken annotation, as a .zip. */
function vocZip(): Buffer {
  const files: Record<string, Uint8Array> = {};
  for (const d of ["Annotations", "JPEGImages"]) {
    const dir = join(SAMPLES, "VOCdevkit/VOC2007", d);
    for (const f of readdirSync(dir))
      files[`VOCdevkit/VOC2007/${d}/${f}`] = new Uint8Array(readFileSync(join(dir, f)));
  }
  files["VOCdevkit/VOC2007/Annotations/999999.xml"] = new TextEncoder().encode(
    "<annotation><filename>999999.jpg</filename><object><name>dog</bndbox></annotation>",
  );
  return Buffer.from(zipSync(files));
}

async function runCell(page: Page, id: string): Promise<void> {
  const cell = page.locator(`[data-cell="${id}"]`);
  // click again only if a layout shift (a cell above re-rendering) made the click miss the button
  await expect(async () => {
    if ((await cell.getAttribute("data-state")) === "idle") await cell.locator('[data-action="run"]').click();
    await expect(cell).toHaveAttribute("data-state", "done", { timeout: 10_000 });
  }).toPass({ timeout: 300_000 });
}

test.setTimeout(900_000);

test("data cells: built-in samples, counts, real VOC replaces them, load report, augment re-roll", async ({
  page,
}) => {
  onlyInProject("webgl", "backend-independent: runs in the webgl project");
  const errors = collectErrors(page);
  await page.goto(`/?backend=${projectBackend()}&only=data,largest,augment,summary`);
  const data = page.locator('[data-cell="data"]');
  await expect(data).toHaveAttribute("data-state", "done", { timeout: 120_000 }); // autorun
  const view = data.locator('[data-role="data-view"]');

  // 1. the built-in pack: a canvas with boxes, said to be synthetic, credited, with class counts
  await expect(view).toHaveAttribute("data-images", String(MANIFEST.images.length));
  await expect(view.locator("canvas").first()).toBeVisible();
  await expect(view.locator('[data-role="data-banner"]')).toContainText("Synthetic data");
  await expect(view.locator('[data-role="credit"]')).toContainText("Noto Emoji");
  await expect(view.locator('[data-role="credit"]')).toContainText("Apache License 2.0");
  const first = MANIFEST.images[0].objects;
  await expect(view.locator("figure.image-boxes").first().locator("svg g")).toHaveCount(first.length);
  const bars = view.locator("[data-bar]");
  await expect(bars).toHaveCount(20);
  const chairs = MANIFEST.images.flatMap((i) => i.objects).filter((o) => o.name === "chair").length;
  const chairImages = MANIFEST.images.filter((i) => i.objects.some((o) => o.name === "chair")).length;
  await expect(view.locator('[data-bar="chair"]')).toHaveAttribute(
    "aria-label",
    `chair: ${chairs} objects, ${chairImages} images containing it`,
  );
  // hover a box: class, box in the lesson's order, size and flags
  const o = first[0];
  await view.locator("figure.image-boxes").first().locator("svg g rect").last().hover({ force: true });
  await expect(view.locator(".box-card").first()).toContainText(
    `${o.name} · box [${o.ymin - 1}, ${o.xmin - 1}, ${o.ymax - 1}, ${o.xmax - 1}] · ${o.xmax - o.xmin + 1}×${o.ymax - o.ymin + 1} px`,
  );
  await expect(view.locator(".box-card").first()).toContainText(
    `difficult: ${o.difficult ? "yes" : "no"} · truncated: ${o.truncated ? "yes" : "no"}`,
  );
  // clicking a class jumps to an image that has one
  await view.locator('[data-bar="sheep"]').click();
  await expect(view.locator('[data-role="objects"]')).toContainText("sheep");

  // 2. pick a VOCdevkit folder (VOC2007 + VOC2012 fixtures): it replaces the data
  await page.setInputFiles('[data-cell="data"] [data-role="pick-folder"]', join(SAMPLES, "VOCdevkit"));
  await expect(view).toHaveAttribute("data-images", "25", { timeout: 60_000 });
  await expect(view.locator('[data-role="data-banner"]')).not.toContainText("Synthetic");
  await expect(view.locator('[data-role="load-report"]').last()).toContainText("0 errors");

  // 3. a .zip with a broken annotation: the 20 good images load, the report names the bad file
  await page.setInputFiles('[data-cell="data"] [data-role="pick-files"]', {
    name: "VOC2007-sample.zip",
    mimeType: "application/zip",
    buffer: vocZip(),
  });
  await expect(view).toHaveAttribute("data-images", "20", { timeout: 60_000 });
  await expect(view.locator('[data-role="data-banner"]')).toContainText("VOC2007-sample.zip");
  const report = view.locator('[data-role="load-report"]').last();
  await expect(report.locator("summary")).toContainText("1 error");
  await report.locator("summary").click();
  await expect(report).toContainText("VOCdevkit/VOC2007/Annotations/999999.xml");
  await expect(report).toContainText("malformed XML");
  await expect(view.locator("figure.image-boxes canvas").first()).toBeVisible();

  // 4. an unreadable archive: nothing replaces the data, the message names the file
  await page.setInputFiles('[data-cell="data"] [data-role="pick-files"]', {
    name: "notes.tar",
    mimeType: "application/x-tar",
    buffer: Buffer.alloc(600),
  });
  const failed = view.locator('[data-role="load-failed"]');
  await expect(failed).toContainText("notes.tar");
  await expect(failed).toContainText("not a readable archive");
  await expect(view).toHaveAttribute("data-images", "20");

  // 5. a .zip dropped on the drop zone loads the same way (a synthetic drop: the handler's file path)
  await page.setInputFiles('[data-cell="data"] [data-role="pick-folder"]', join(SAMPLES, "VOCdevkit"));
  await expect(view).toHaveAttribute("data-images", "25", { timeout: 60_000 });
  const zipB64 = vocZip().toString("base64");
  await view.locator('[data-role="drop-zone"]').evaluate((zone, b64) => {
    const raw = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const dt = new DataTransfer();
    dt.items.add(new File([raw], "dropped.zip", { type: "application/zip" }));
    zone.dispatchEvent(new DragEvent("dragover", { dataTransfer: dt, bubbles: true, cancelable: true }));
    zone.dispatchEvent(new DragEvent("drop", { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, zipB64);
  await expect(view).toHaveAttribute("data-images", "20", { timeout: 60_000 });
  await expect(view.locator('[data-role="data-banner"]')).toContainText("dropped.zip");

  // 6. the other cells use the loaded data
  await runCell(page, "largest");
  const largest = page.locator('[data-cell="largest"] [data-role="largest-view"]');
  await expect(largest).toContainText("of 20");
  await expect(largest.locator('[data-role="areas"] tr.pos')).toHaveCount(1);

  // 7. augment: six moved and six unmoved samples; re-roll draws new ones
  await runCell(page, "augment");
  const aug = page.locator('[data-cell="augment"] [data-role="augment-view"]');
  await expect(aug.locator('[data-role="aug-coord"] canvas')).toHaveCount(6);
  await expect(aug.locator('[data-role="aug-none"] canvas')).toHaveCount(6);
  await expect(aug.locator('[data-role="box-note"]')).toContainText("analytically");
  const seed = Number(await aug.getAttribute("data-seed"));
  const before = await aug.locator('[data-role="aug-coord"] figure').first().screenshot();
  await aug.locator('[data-action="reroll"]').click();
  await expect(aug).toHaveAttribute("data-seed", String(seed + 1));
  await expect(page.locator('[data-cell="augment"]')).toHaveAttribute("data-state", "done");
  await expect
    .poll(async () =>
      Buffer.compare(before, await aug.locator('[data-role="aug-coord"] figure').first().screenshot()),
    )
    .not.toBe(0);

  // 8. summary: the pretrained body's 7×7×480 features, then the heads' outputs
  await runCell(page, "summary");
  const sum = page.locator('[data-cell="summary"] [data-role="summary-view"]');
  await expect(sum.locator('[data-role="feature-shape"]')).toHaveText("7 × 7 × 480");
  await expect(sum.locator('[data-role="summary"] tbody tr').last()).toContainText("24"); // 4 + 20
  await sum.getByRole("button", { name: "SSD grids 4/2/1 × 9: 189 anchors" }).click();
  // each choice runs one image through the model again (slow on SwiftShader WebGL)
  await expect(sum.locator('[data-role="summary"]')).toContainText("189 × 21", { timeout: 150_000 });
  await expect(sum.locator('[data-role="summary"]')).toContainText("189 × 4");
  await sum.getByRole("button", { name: "small CNN from scratch" }).click();
  await expect(sum.locator('[data-role="features"]')).toContainText("from-scratch", { timeout: 150_000 });
  await expect(sum.locator('[data-role="feature-shape"]')).toHaveText(/^7 × 7 × \d+$/);
  await expect(sum.locator('[data-role="features"]')).toContainText("the from-scratch body adds");

  // 9. a hosted pack by name: a missing one names its URL; "builtin" brings the synthetic samples back
  const packName = view.getByRole("textbox", { name: "Name or URL of a hosted sample pack" });
  await packName.fill("nope");
  await view.getByRole("button", { name: "Load pack" }).click();
  await expect(view.locator('[data-role="load-failed"]')).toContainText("data/nope/manifest.json");
  await expect(view).toHaveAttribute("data-images", "20");
  await packName.fill("builtin");
  await view.getByRole("button", { name: "Load pack" }).click();
  await expect(view).toHaveAttribute("data-images", String(MANIFEST.images.length));
  await expect(view.locator('[data-role="data-banner"]')).toContainText("Synthetic data");

  expect(errors).toEqual([]);
});
