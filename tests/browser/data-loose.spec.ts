// Issue 16 item 10: the lesson's pascal_train2007.json and its JPEGs picked together through the file picker
// (or dropped as loose files) load the same as the folder they came from, and the data cell says what format
// was loaded ("COCO json (pascal_train2007.json) …" vs "VOCdevkit folder").
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, test } from "@playwright/test";
import { collectErrors, projectBackend } from "./util";

const SAMPLES = fileURLToPath(new URL("../../../shared/voc-samples", import.meta.url));
const SUMMARY = JSON.parse(readFileSync(join(SAMPLES, "SUMMARY.json"), "utf8")) as Record<
  string,
  {
    year: string;
    width: number;
    height: number;
    objects: { name: string; xmin: number; ymin: number; xmax: number; ymax: number }[];
  }
>;
const V07 = Object.keys(SUMMARY).filter((id) => SUMMARY[id].year === "VOC2007");
const CLASSES = [...new Set(Object.values(SUMMARY).flatMap((s) => s.objects.map((o) => o.name)))].sort();
const jpeg = (id: string) => join(SAMPLES, "VOCdevkit/VOC2007/JPEGImages", `${id}.jpg`);

/** The lesson's COCO-style json for the VOC2007 fixtures. */
function lessonJson(): Buffer {
  return Buffer.from(
    JSON.stringify({
      images: V07.map((id) => ({
        file_name: `${id}.jpg`,
        id: Number(id),
        width: SUMMARY[id].width,
        height: SUMMARY[id].height,
      })),
      annotations: V07.flatMap((id) =>
        SUMMARY[id].objects.map((o) => ({
          bbox: [o.xmin - 1, o.ymin - 1, o.xmax - o.xmin + 1, o.ymax - o.ymin + 1],
          category_id: CLASSES.indexOf(o.name) + 1,
          image_id: Number(id),
          ignore: 0,
        })),
      ),
      categories: CLASSES.map((name, i) => ({ id: i + 1, name })),
    }),
  );
}

test.setTimeout(300_000);

test("data: the lesson's json + JPEGs as loose files load like a folder, and the format is named", async ({
  page,
}) => {
  const errors = collectErrors(page);
  await page.goto(`/?backend=${projectBackend()}&only=data`);
  const data = page.locator('[data-cell="data"]');
  await expect(data).toHaveAttribute("data-state", "done", { timeout: 120_000 });
  const view = data.locator('[data-role="data-view"]');
  const format = data.locator('[data-role="data-format"]');

  // 1. picked together through "Pick files…": json + JPEGs, no folder
  await page.setInputFiles('[data-cell="data"] [data-role="pick-files"]', [
    { name: "pascal_train2007.json", mimeType: "application/json", buffer: lessonJson() },
    ...V07.map((id) => ({ name: `${id}.jpg`, mimeType: "image/jpeg", buffer: readFileSync(jpeg(id)) })),
  ]);
  await expect(view).toHaveAttribute("data-images", String(V07.length), { timeout: 60_000 });
  await expect(format).toHaveText("COCO json (pascal_train2007.json) + loose images");
  await expect(data.locator('[data-role="load-report"]').last()).toContainText("0 errors");
  await expect(view.locator("figure.image-boxes canvas").first()).toBeVisible();

  // 2. the VOCdevkit folder: labelled as such
  await page.setInputFiles('[data-cell="data"] [data-role="pick-folder"]', join(SAMPLES, "VOCdevkit"));
  await expect(view).toHaveAttribute("data-images", "25", { timeout: 60_000 });
  await expect(format).toHaveText("VOCdevkit folder");

  // 3. the same loose files dropped on the drop zone
  const payload = {
    json: lessonJson().toString("base64"),
    jpegs: V07.map((id) => [id, readFileSync(jpeg(id)).toString("base64")]),
  };
  await data.locator('[data-role="drop-zone"]').evaluate((zone, p) => {
    const bytes = (b64: string) => Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const dt = new DataTransfer();
    dt.items.add(new File([bytes(p.json)], "pascal_train2007.json", { type: "application/json" }));
    for (const [id, b64] of p.jpegs)
      dt.items.add(new File([bytes(b64)], `${id}.jpg`, { type: "image/jpeg" }));
    zone.dispatchEvent(new DragEvent("dragover", { dataTransfer: dt, bubbles: true, cancelable: true }));
    zone.dispatchEvent(new DragEvent("drop", { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, payload);
  await expect(view).toHaveAttribute("data-images", String(V07.length), { timeout: 60_000 });
  await expect(format).toHaveText("COCO json (pascal_train2007.json) + loose images");
  expect(errors).toEqual([]);
});
