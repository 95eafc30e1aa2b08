// Presentation mode's steps: a cell taller than the screen is shown a few blocks at a time (its visual first,
// then the details: the rest of the output, the prose, the settings), and each step is zoomed to fill the
// screen. The arrow keys walk through the steps before moving to the next cell. Works on the rendered DOM, so
// a cell needs no changes: its output's top-level blocks are the units.

/** a step is never zoomed more than this (a tiny visual would turn into a blur) */
export const MAX_ZOOM = 2.4;
/** the attribute that hides a block outside the current step */
export const HIDE_ATTR = "data-present-hide";
const VISUAL = "svg, canvas, img, table, video";

/** Group blocks of these heights, in order, into steps that fit `avail` (a block taller than that is a step alone). */
export function packSteps(heights: readonly number[], avail: number): number[][] {
  const steps: number[][] = [];
  let cur: number[] = [];
  let h = 0;
  heights.forEach((hi, i) => {
    if (hi <= 0) {
      if (cur.length) cur.push(i);
      else if (steps.length) steps[steps.length - 1].push(i);
      else cur.push(i);
      return;
    }
    if (cur.length && h + hi > avail) {
      steps.push(cur);
      cur = [];
      h = 0;
    }
    cur.push(i);
    h += hi;
  });
  if (cur.length) steps.push(cur);
  return steps.length ? steps : [[]];
}

/**
 * The zoom that fits a step: its visuals' width to the screen's width, its height to the height left. It shrinks a
 * step that does not fit (a small screen) only down to `minZoom`, where its smallest text reaches the type floor.
 */
export function fitZoom(
  visualWidth: number,
  height: number,
  availW: number,
  availH: number,
  minZoom = 1,
): number {
  if (height <= 0) return 1;
  const byH = availH / height;
  const byW = visualWidth > 0 ? availW / visualWidth : 1;
  return Math.max(Math.min(minZoom, 1), Math.min(MAX_ZOOM, byH, byW));
}

/** The type floor in CSS px: 0.84rem (20 px at 1080 lines, 13.4 px at 720; app.css scales the root with the screen). */
export function typeFloor(): number {
  return 0.84 * Number.parseFloat(getComputedStyle(document.documentElement).fontSize || "16");
}

/** The smallest font size (CSS px, at the blocks' current zoom) of the visible text in these blocks. */
function smallestText(blocks: readonly HTMLElement[]): number {
  let min = Number.POSITIVE_INFINITY;
  for (const b of blocks) {
    const walker = document.createTreeWalker(b, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el || !n.textContent?.trim() || el.getClientRects().length === 0) continue;
      min = Math.min(min, Number.parseFloat(getComputedStyle(el).fontSize));
    }
  }
  return min;
}

/**
 * The cell's blocks, in step order: the output's top-level blocks, then the prose, the settings, an error. A
 * side-by-side `.row` of a visual and its details is split into its parts (the visual gets a step of its own, the
 * details the next; a row of pictures stays whole), and, when `avail` is given, so is any stacked block taller
 * than that.
 */
export function stepBlocks(section: HTMLElement, avail?: number): HTMLElement[] {
  const blocks: HTMLElement[] = [];
  const out = section.querySelector<HTMLElement>('[data-role="output"]');
  if (out) {
    let root: Element = out;
    while (root.children.length === 1 && root.firstElementChild && !root.firstElementChild.matches(VISUAL))
      root = root.firstElementChild;
    for (const c of root.children) if (c instanceof HTMLElement) blocks.push(...split(c, avail));
  }
  for (const sel of [".cell-prose", ".cell-settings", '[data-role="error"]', ".code-view"]) {
    const e = section.querySelector<HTMLElement>(`:scope > ${sel}`);
    if (e) blocks.push(e);
  }
  return blocks;
}

/** Pictures: what a row of images is made of (tables are visuals, but not pictures). */
const PICTURE = "svg, canvas, img, video";

/** A row whose every part is or holds a picture: one step, never cut between its pictures. */
export function isPictureRow(el: HTMLElement): boolean {
  const kids = [...el.children];
  return kids.length > 1 && kids.every((k) => k.matches(PICTURE) || k.querySelector(PICTURE) !== null);
}

function split(el: HTMLElement, avail: number | undefined): HTMLElement[] {
  const kids = [...el.children].filter((c): c is HTMLElement => c instanceof HTMLElement);
  if (el.matches(VISUAL) || kids.length < 2 || isPictureRow(el)) return [el];
  const tooTall = avail !== undefined && el.getBoundingClientRect().height > avail;
  // only a block whose children stack one under the other is cut between them (never a grid of pictures)
  const cs = getComputedStyle(el);
  const stacked =
    cs.display === "block" || (cs.display.includes("flex") && cs.flexDirection.startsWith("column"));
  if (!el.classList.contains("row") && !(tooTall && stacked)) return [el];
  return kids.flatMap((k) => split(k, avail));
}

function visualWidth(el: HTMLElement): number {
  const left = el.getBoundingClientRect().left;
  let w = 0;
  const visuals = el.matches(VISUAL) ? [el] : [...el.querySelectorAll<HTMLElement>(VISUAL)];
  for (const v of visuals) {
    const r = v.getBoundingClientRect();
    if (r.width > 0) w = Math.max(w, r.right - left);
  }
  return w;
}

export interface StepLayout {
  /** stepBlocks without measuring: when these change, the cell re-packs */
  base: HTMLElement[];
  blocks: HTMLElement[];
  steps: number[][];
}

/** Measure the blocks at zoom 1 (all shown) and pack them into steps that fit under the cell's title. */
export function layoutSteps(section: HTMLElement): StepLayout {
  clearSteps(section);
  const avail = availHeight(section);
  const blocks = stepBlocks(section, avail);
  const heights = blocks.map((b) => {
    const r = b.getBoundingClientRect();
    const cs = getComputedStyle(b);
    return r.height > 0 ? r.height + Number.parseFloat(cs.marginTop) + Number.parseFloat(cs.marginBottom) : 0;
  });
  return { base: stepBlocks(section), blocks, steps: packSteps(heights, avail) };
}

/** Room kept free at the bottom for the step and cell counters (fixed there): 3 lines of the root type. */
function bottomReserve(): number {
  return 3 * Number.parseFloat(getComputedStyle(document.documentElement).fontSize || "16");
}

function availHeight(section: HTMLElement): number {
  const head = section.querySelector(".cell-head")?.getBoundingClientRect();
  const top = head ? head.bottom - section.getBoundingClientRect().top + section.offsetTop : 0;
  return Math.max(100, window.innerHeight - top - bottomReserve());
}

/** Show step k of a layout, zoomed to fill the screen; then shrink the zoom if the page still scrolls. */
export function showStep(section: HTMLElement, layout: StepLayout, k: number): void {
  const shown = new Set(layout.steps[k] ?? []);
  layout.blocks.forEach((b, i) => {
    if (shown.has(i)) b.removeAttribute(HIDE_ATTR);
    else b.setAttribute(HIDE_ATTR, "");
    b.style.zoom = "";
  });
  const visible = layout.blocks.filter((_, i) => shown.has(i));
  const availW = section.clientWidth;
  const availH = availHeight(section);
  // the step's extent, top to bottom (parts of a split row sit side by side: their heights do not add up)
  const extent = () => {
    const rs = visible.map((b) => b.getBoundingClientRect()).filter((r) => r.height > 0);
    return rs.length ? Math.max(...rs.map((r) => r.bottom)) - Math.min(...rs.map((r) => r.top)) : 0;
  };
  const height = extent();
  const vw = Math.max(0, ...visible.map(visualWidth));
  // shrinking (a small screen) stops where the step's smallest text reaches the type floor
  const minZoom = Math.min(1, typeFloor() / smallestText(visible));
  // a step of text only keeps its size (text reflows; the type is already large)
  let z = vw > 0 ? fitZoom(vw, height, availW, availH, minZoom) : 1;
  for (let i = 0; i < 4; i++) {
    for (const b of visible) {
      b.style.zoom = z === 1 ? "" : String(z);
      b.setAttribute("data-present-zoom", "");
    }
    const rs = visible.map((b) => b.getBoundingClientRect()).filter((r) => r.height > 0);
    const bottom = rs.length ? Math.max(...rs.map((r) => r.bottom)) : 0;
    const over = Math.max(
      document.documentElement.scrollHeight - window.innerHeight,
      bottom - (window.innerHeight - bottomReserve()),
    );
    if (over <= 1 || z <= minZoom) break;
    const used = extent();
    z = Math.max(minZoom, z * ((used - over) / used) * 0.99);
  }
}

/** Leave presentation mode: every block shown at its own size. */
export function clearSteps(section: HTMLElement): void {
  for (const b of section.querySelectorAll<HTMLElement>(`[${HIDE_ATTR}]`)) b.removeAttribute(HIDE_ATTR);
  for (const b of section.querySelectorAll<HTMLElement>("[data-present-zoom]")) {
    b.style.zoom = "";
    b.removeAttribute("data-present-zoom");
  }
}
