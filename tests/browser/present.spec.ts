// Presentation mode at 1920×1080 (a projector), every cell as it
// first appears: the cell is shown in steps the arrow keys walk through, no step needs a vertical scroll, and no
// text in it is under the floor as drawn (computed font size × CSS zoom; the app's SVGs have no viewBox, so they
// draw text at its CSS size): 20 px at 1080 lines, scaled with the screen (13.3 px at 720). Screenshots of each
// step land in tests/screenshots/<project>/present-<height>-<cell>-<step>.png.
import { expect, type Page, test } from "@playwright/test";
import { collectErrors, onlyInProject, projectBackend } from "./util";

test.setTimeout(900_000);

/** the type floor at 1080 lines; at another height it scales with the screen */
const MIN_PX_1080 = 20;
// a projector, and a laptop's or an older projector's screen
const SIZES = [
  { width: 1920, height: 1080 },
  { width: 1280, height: 720 },
];

/** Visible text in the selected cell drawn smaller than MIN_PX: "tag 'text' size". */
function smallText(page: Page, id: string, minPx: number): Promise<string[]> {
  return page.evaluate(
    ({ id, min }) => {
      const sec = document.querySelector<HTMLElement>(`[data-cell="${id}"]`);
      if (!sec) return [`no cell ${id}`];
      const bad: string[] = [];
      const walker = document.createTreeWalker(sec, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const text = n.textContent?.trim();
        const el = n.parentElement;
        if (!text || !el) continue;
        const r = el.getBoundingClientRect();
        if (r.width === 0 || r.height === 0 || r.bottom < 0 || r.top > innerHeight) continue;
        if (el.closest("[aria-hidden='true'] > .cell-index, .cell-index")) continue; // the [n] counter
        const cs = getComputedStyle(el);
        if (cs.visibility === "hidden" || cs.opacity === "0") continue;
        const px =
          Number.parseFloat(cs.fontSize) *
          ((el as unknown as { currentCSSZoom?: number }).currentCSSZoom ?? 1);
        if (px < min - 0.5)
          bad.push(`${el.tagName.toLowerCase()} '${text.slice(0, 30)}' ${px.toFixed(1)} px`);
      }
      return bad;
    },
    { id, min: minPx },
  );
}

/**
 * Pictures of one line of a row that the step shows only in part (a row of images is one step, never split across
 * steps; a row too tall for the screen may be cut between the lines its pictures wrap onto). Which parts are
 * pictures, and which sit on one line, is measured with every block shown at zoom 1, as the app lays out steps.
 */
function splitRows(page: Page, id: string): Promise<string[]> {
  return page.evaluate((id) => {
    const sec = document.querySelector(`[data-cell="${id}"]`);
    if (!sec) return [`no cell ${id}`];
    // show everything at zoom 1 for the measurement (restored before the next frame)
    const hidden = [...sec.querySelectorAll<HTMLElement>("[data-present-hide]")];
    const zoomed = [...sec.querySelectorAll<HTMLElement>("[data-present-zoom]")].map(
      (e) => [e, e.style.zoom] as const,
    );
    for (const e of hidden) e.removeAttribute("data-present-hide");
    for (const [e] of zoomed) e.style.zoom = "";
    // a part of a row is a picture when pictures cover at least half of it (a figure and its caption, a chart)
    const pic = (k: Element) => {
      if (k.matches("svg, canvas, img")) return true;
      const r = k.getBoundingClientRect();
      let area = 0;
      for (const p of k.querySelectorAll("svg, canvas, img")) {
        if (p.parentElement?.closest("svg, canvas, img")) continue;
        const q = p.getBoundingClientRect();
        area += q.width * q.height;
      }
      return r.width * r.height > 0 && area >= 0.5 * r.width * r.height;
    };
    // the room under the cell's title (the app keeps 3 lines of type free at the bottom for the counters)
    const head = sec.querySelector(".cell-head")?.getBoundingClientRect();
    const root = Number.parseFloat(getComputedStyle(document.documentElement).fontSize);
    const avail = innerHeight - (head?.bottom ?? 0) - 3 * root;
    const lines: { row: string; n: number; kids: Element[]; tall?: boolean }[] = [];
    for (const row of sec.querySelectorAll<HTMLElement>(".row")) {
      const kids = [...row.children];
      if (kids.length < 2 || !kids.every(pic)) continue;
      // pictures whose heights overlap the one before sit on its line
      let prev: DOMRect | null = null;
      for (const k of kids) {
        const r = k.getBoundingClientRect();
        if (prev && r.top < prev.bottom && r.bottom > prev.top) lines[lines.length - 1].kids.push(k);
        else lines.push({ row: row.className, n: kids.length, kids: [k] });
        prev = r;
      }
    }
    for (const line of lines) {
      const rs = line.kids.map((k) => k.getBoundingClientRect());
      line.tall = Math.max(...rs.map((r) => r.bottom)) - Math.min(...rs.map((r) => r.top)) > avail;
    }
    for (const e of hidden) e.setAttribute("data-present-hide", "");
    for (const [e, z] of zoomed) e.style.zoom = z;
    const bad: string[] = [];
    for (const line of lines) {
      // a line taller than the room may be cut between its pictures (it cannot be shown whole at zoom 1)
      if (line.tall) continue;
      const shown = line.kids.filter((k) => k.getBoundingClientRect().height > 0).length;
      if (shown > 0 && shown < line.kids.length)
        bad.push(
          `a row of ${line.n} pictures shows ${shown} of the ${line.kids.length} on one line (${line.row})`,
        );
    }
    return bad;
  }, id);
}

for (const size of SIZES) {
  const minPx = (MIN_PX_1080 * size.height) / 1080;
  test.describe(`${size.width}×${size.height}`, () => {
    test.use({ viewport: size });
    test(`presentation mode at ${size.width}×${size.height}: every cell in steps, no scroll, no text under ${minPx.toFixed(1)} px`, async ({
      page,
    }) => {
      onlyInProject("webgl", "layout does not depend on the backend: runs in the webgl project");
      const errors = collectErrors(page);
      const dir = `tests/screenshots/${projectBackend()}`;
      await page.goto("/?steps=2&present=1");
      const ids = await page
        .locator("section[data-cell]")
        .evaluateAll((els) => els.map((e) => e.getAttribute("data-cell")!));
      expect(ids.length).toBe(15);
      const problems: string[] = [];
      for (const id of ids) {
        await page.goto(`/?steps=2&present=1#${id}`);
        const cell = page.locator(`[data-cell="${id}"]`);
        await expect(cell).toBeVisible();
        // cheap cells render on their own; the rest show the shipped run or a hint
        await expect(cell).not.toHaveAttribute("data-state", "running", { timeout: 180_000 });
        await page.waitForTimeout(1200); // the steps re-pack once images and charts have their size
        const steps = async () => Number(await cell.getAttribute("data-steps"));
        expect(await steps(), `${id}: steps`).toBeGreaterThanOrEqual(1);
        // read the count at every step: a block that arrives late (a recorded run's charts) re-packs the steps
        for (let k = 1; k <= (await steps()); k++) {
          await expect(cell).toHaveAttribute("data-step", String(k));
          await page.screenshot({ path: `${dir}/present-${size.height}-${id}-${k}.png` });
          const { sh, ih } = await page.evaluate(() => ({
            sh: document.documentElement.scrollHeight,
            ih: window.innerHeight,
          }));
          if (sh > ih + 4) problems.push(`${id} step ${k}: page is ${sh} px tall in a ${ih} px window`);
          for (const s of await smallText(page, id, minPx)) problems.push(`${id} step ${k}: ${s}`);
          for (const s of await splitRows(page, id)) problems.push(`${id} step ${k}: ${s}`);
          await page.keyboard.press("ArrowRight");
        }
        // past the last step, the arrow moves on to the next cell
        if (id !== ids[ids.length - 1])
          await expect(page.locator(".cell.selected")).not.toHaveAttribute("data-cell", id);
      }
      expect(problems).toEqual([]);
      expect(errors).toEqual([]);
    });
  });
}
