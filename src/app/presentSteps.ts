// Presentation mode's steps: a cell taller than the screen is shown a few blocks at a time (its visual first,
// then the details: the rest of the output, the prose, the settings), and each step is zoomed to fill the
// screen. The arrow keys walk through the steps before moving to the next cell. Works on the rendered DOM, so
// a cell needs no changes: its output's top-level blocks are the units.

/** a step is never zoomed more than this (a tiny visual would turn into a blur) */
export const MAX_ZOOM = 2.4;
/** the attribute that hides a block outside the current step */
export const HIDE_ATTR = "data-present-hide";
const VISUAL = "svg, canvas, img, table, video";

/** What a step is made of: HTML blocks, and the outer <svg> of a chart (not an HTMLElement, but it hides and zooms alike). */
export type Block = HTMLElement | SVGSVGElement;
const isBlock = (e: Element): e is Block => e instanceof HTMLElement || e instanceof SVGSVGElement;

/** A block as measured: its top and bottom (CSS px, at zoom 1), and its line, when it is one picture of a set. */
export interface BlockBox {
  top: number;
  bottom: number;
  /** blocks with the same line are one picture row: always in the same step */
  line?: string;
}

/**
 * Group blocks, in order, into steps whose extent (top of the first to bottom of the lowest) fits `avail`; a block
 * taller than that is a step alone. Blocks of one line (a row of pictures) are never cut apart; parts that sit side
 * by side add nothing to a step's height. A block with no height joins the step before it.
 */
export function packBoxes(boxes: readonly BlockBox[], avail: number): number[][] {
  // units: runs of blocks on one line
  const units: { idx: number[]; top: number; bottom: number; empty: boolean }[] = [];
  boxes.forEach((b, i) => {
    const empty = b.bottom - b.top <= 0;
    const last = units[units.length - 1];
    if (last && (empty || (b.line !== undefined && boxes[last.idx[last.idx.length - 1]].line === b.line))) {
      last.idx.push(i);
      if (!empty) {
        last.top = last.empty ? b.top : Math.min(last.top, b.top);
        last.bottom = last.empty ? b.bottom : Math.max(last.bottom, b.bottom);
        last.empty = false;
      }
      return;
    }
    units.push({ idx: [i], top: b.top, bottom: b.bottom, empty });
  });
  const steps: number[][] = [];
  let cur: number[] = [];
  let top = Number.POSITIVE_INFINITY;
  let bottom = Number.NEGATIVE_INFINITY;
  for (const u of units) {
    if (!u.empty && cur.length && Math.max(bottom, u.bottom) - Math.min(top, u.top) > avail && bottom > top) {
      steps.push(cur);
      cur = [];
      top = Number.POSITIVE_INFINITY;
      bottom = Number.NEGATIVE_INFINITY;
    }
    cur.push(...u.idx);
    if (!u.empty) {
      top = Math.min(top, u.top);
      bottom = Math.max(bottom, u.bottom);
    }
  }
  if (cur.length) steps.push(cur);
  return steps.length ? steps : [[]];
}

/** Group blocks of these heights, stacked one under the other, into steps that fit `avail`. */
export function packSteps(heights: readonly number[], avail: number): number[][] {
  let y = 0;
  return packBoxes(
    heights.map((h) => {
      const box = { top: y, bottom: y + Math.max(0, h) };
      y += Math.max(0, h);
      return box;
    }),
    avail,
  );
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
function smallestText(blocks: readonly Block[]): number {
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
export function stepBlocks(section: HTMLElement, avail?: number): Block[] {
  const blocks: Block[] = [];
  const out = section.querySelector<HTMLElement>('[data-role="output"]');
  if (out) {
    let root: Element = out;
    while (root.children.length === 1 && root.firstElementChild && !root.firstElementChild.matches(VISUAL))
      root = root.firstElementChild;
    for (const c of root.children) if (isBlock(c)) blocks.push(...split(c, avail));
  }
  for (const sel of [".cell-prose", ".cell-settings", '[data-role="error"]', ".code-view"]) {
    const e = section.querySelector<HTMLElement>(`:scope > ${sel}`);
    if (e) blocks.push(e);
  }
  return blocks;
}

/** Pictures: what a row of images is made of (tables are visuals, but not pictures). */
const PICTURE = "svg, canvas, img, video";

/** A part of a row that is a picture: one, or mostly pictures by area (a figure with its caption, a chart). */
function isPicture(el: Element): boolean {
  if (el.matches(PICTURE)) return true;
  const r = el.getBoundingClientRect();
  const area = r.width * r.height;
  if (area <= 0) return el.querySelector(PICTURE) !== null;
  let pics = 0;
  for (const p of el.querySelectorAll(PICTURE)) {
    if (p.parentElement?.closest(PICTURE)) continue; // an overlay inside a picture counts once
    const q = p.getBoundingClientRect();
    pics += q.width * q.height;
  }
  return pics >= 0.5 * area;
}

/** A row whose every part is a picture: one step, never cut between its pictures while it fits. */
export function isPictureRow(el: Element): boolean {
  const kids = [...el.children];
  return kids.length > 1 && kids.every(isPicture);
}

/** Pictures of one kind side by side (a gallery's figures, a strip's thumbnails, a panel's charts). */
function samePictures(el: Element): boolean {
  const kids = [...el.children];
  const kind = (k: Element) => `${k.tagName}.${k.className}`;
  return isPictureRow(el) && kids.every((k) => kind(k) === kind(kids[0]));
}

/** the line key of a block that is one picture of a set (packBoxes keeps a line together) */
const lineOf = new WeakMap<Block, Block>();

function split(el: Block, avail: number | undefined): Block[] {
  // an <svg> child counts (a chart's figure split under its caption must hide and zoom its chart too)
  const kids = [...el.children].filter(isBlock);
  if (el.matches(VISUAL) || kids.length < 2) return [el];
  const tooTall = avail !== undefined && el.getBoundingClientRect().height > avail;
  if (isPictureRow(el)) {
    // a row of pictures stays one step; one taller than the screen is cut between its lines (same-kind
    // pictures: a line is never cut) or, pictures of different kinds, between its parts
    if (!tooTall) return [el];
    if (samePictures(el)) {
      for (const k of kids) lineOf.set(k, el);
      return kids;
    }
    // …and where the row wrapped its parts onto several lines, parts that still sit side by side stay in one step
    // (their line); a single line taller than the screen is cut between its parts
    const rs = kids.map((k) => k.getBoundingClientRect());
    const wrapped = rs.some((r, i) => i > 0 && r.top >= rs[i - 1].bottom);
    return kids.flatMap((k) => {
      const parts = split(k, avail);
      if (wrapped) for (const p of parts) if (!lineOf.has(p)) lineOf.set(p, el);
      return parts;
    });
  }
  // only a block whose children stack one under the other is cut between them (never a grid of pictures)
  const cs = getComputedStyle(el);
  const stacked =
    cs.display === "block" || (cs.display.includes("flex") && cs.flexDirection.startsWith("column"));
  if (!el.classList.contains("row") && !(tooTall && stacked)) return [el];
  return kids.flatMap((k) => split(k, avail));
}

function visualWidth(el: Block): number {
  const left = el.getBoundingClientRect().left;
  let w = 0;
  const visuals = el.matches(VISUAL) ? [el] : [...el.querySelectorAll<Element>(VISUAL)];
  for (const v of visuals) {
    const r = v.getBoundingClientRect();
    if (r.width > 0) w = Math.max(w, r.right - left);
  }
  return w;
}

export interface StepLayout {
  /** stepBlocks without measuring: when these change, the cell re-packs */
  base: Block[];
  blocks: Block[];
  steps: number[][];
  /** each block's height as last shown: a block that grows or shrinks on its own later (an image arrives) re-packs */
  heights: number[];
}

const heightsOf = (blocks: readonly Block[]) => blocks.map((b) => b.getBoundingClientRect().height);

/** Whether a block changed size on its own since the step was shown. */
export function layoutStale(layout: StepLayout): boolean {
  return heightsOf(layout.blocks).some((h, i) => Math.abs(h - layout.heights[i]) > 8);
}

/** Measure the blocks at zoom 1 (all shown) and pack them into steps that fit under the cell's title. */
export function layoutSteps(section: HTMLElement): StepLayout {
  clearSteps(section);
  const avail = availHeight(section);
  const blocks = stepBlocks(section, avail);
  let lines = 0;
  const boxes: BlockBox[] = [];
  blocks.forEach((b, i) => {
    const r = b.getBoundingClientRect();
    if (r.height <= 0) {
      boxes.push({ top: 0, bottom: 0 });
      return;
    }
    const cs = getComputedStyle(b);
    const box: BlockBox = {
      top: r.top - Number.parseFloat(cs.marginTop),
      bottom: r.bottom + Number.parseFloat(cs.marginBottom),
    };
    // a picture of a set beside the one before it (their heights overlap) is on its line
    const set = lineOf.get(b);
    if (set) {
      const prev = boxes[i - 1];
      const beside =
        prev?.line && lineOf.get(blocks[i - 1]) === set && r.top < prev.bottom && r.bottom > prev.top;
      box.line = beside ? prev.line : `line ${++lines}`;
    }
    boxes.push(box);
  });
  return {
    base: stepBlocks(section),
    blocks,
    steps: packBoxes(boxes, avail),
    heights: heightsOf(blocks),
  };
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
  layout.heights = heightsOf(layout.blocks);
}

/** Leave presentation mode: every block shown at its own size. */
export function clearSteps(section: HTMLElement): void {
  for (const b of section.querySelectorAll<Block>(`[${HIDE_ATTR}]`)) b.removeAttribute(HIDE_ATTR);
  for (const b of section.querySelectorAll<Block>("[data-present-zoom]")) {
    b.style.zoom = "";
    b.removeAttribute("data-present-zoom");
  }
}
