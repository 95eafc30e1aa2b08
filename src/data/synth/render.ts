// Draw a laid-out scene with resvg (resvg-js in Node, resvg-wasm in the training worker) and measure every object's box from its drawn pixels: an object's
// visible pixels are its own (alpha >= 128) that no later object covers; the box is their extent (VOC's rule:
// the visible part). Truncated = the art runs past the border; difficult = mostly hidden or tiny.
import { VOC_CLASSES } from "../types";
import { type ArtBodies, artBody } from "./art";
import type { Background, Placement, SceneSpec } from "./scene";

export interface DrawnObject {
  cls: number;
  name: string;
  /** VOC XML box: 1-based inclusive pixels */
  xmin: number;
  ymin: number;
  xmax: number;
  ymax: number;
  truncated: 0 | 1;
  difficult: 0 | 1;
}
export interface DrawnScene {
  width: number;
  height: number;
  rgba: Uint8Array;
  objects: DrawnObject[];
}

function backgroundSvg(b: Background, w: number, h: number): string {
  const blobs = b.blobs
    .map(
      (o) =>
        `<ellipse cx="${o.cx}" cy="${o.cy}" rx="${o.rx}" ry="${o.ry}" fill="${o.color}" opacity="${o.opacity.toFixed(2)}"/>`,
    )
    .join("");
  return (
    `<defs><linearGradient id="bgSky" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${b.sky[0]}"/><stop offset="1" stop-color="${b.sky[1]}"/></linearGradient>` +
    `<linearGradient id="bgGround" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${b.ground[0]}"/><stop offset="1" stop-color="${b.ground[1]}"/></linearGradient>` +
    `<filter id="bgNoise" x="0" y="0" width="100%" height="100%"><feTurbulence type="fractalNoise" baseFrequency="${b.texture.freq.toFixed(3)}" numOctaves="2" seed="${b.texture.seed}"/><feColorMatrix type="saturate" values="0"/></filter></defs>` +
    `<rect width="${w}" height="${h}" fill="url(#bgSky)"/>${blobs}` +
    `<rect y="${b.horizon}" width="${w}" height="${h - b.horizon}" fill="url(#bgGround)"/>` +
    `<rect width="${w}" height="${h}" filter="url(#bgNoise)" opacity="${b.texture.opacity.toFixed(2)}"/>`
  );
}

/** SVG text → RGBA pixels at the SVG's own size (a resvg of either kind). */
export type Rasterize = (svg: string) => Uint8Array;

/** What drawing needs: a rasterizer and the emoji bodies. */
export interface Painter {
  rasterize: Rasterize;
  bodies: ArtBodies;
}

function objectSvg(p: Placement, i: number, bodies: ArtBodies): string {
  const flip = p.flip ? `<g transform="translate(128 0) scale(-1 1)">` : "<g>";
  return (
    `<svg x="${p.x}" y="${p.y}" width="${p.w}" height="${p.h}" viewBox="0 0 128 128" preserveAspectRatio="none" overflow="hidden">` +
    `${flip}${artBody(p.art, `o${i}_`, bodies)}</g></svg>`
  );
}

/** An SVG of `w`×`h` pixels showing the scene's region [x, y, x + vw, y + vh] (squished to fit, as the lesson's resize). */
const wrap = (w: number, h: number, inner: string, [x, y, vw, vh] = [0, 0, w, h]) =>
  `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="${w}" height="${h}" viewBox="${x} ${y} ${vw} ${vh}" preserveAspectRatio="none">${inner}</svg>`;

/**
 * Draw the scene and measure its objects; objects left with no visible pixel are not annotated. `size` draws it
 * straight at that many pixels (e.g. the model's 224×224, squished as the lesson resizes): the training worker
 * does this, ~4× less work than drawing at the scene's own size and resizing after; boxes are then in those pixels.
 */
export function drawScene(
  spec: SceneSpec,
  { rasterize, bodies }: Painter,
  size?: { width: number; height: number },
): DrawnScene {
  const { width: sw, height: sh } = spec;
  const w = size?.width ?? sw;
  const h = size?.height ?? sh;
  const sx = w / sw;
  const sy = h / sh;
  const rgba = rasterize(
    wrap(
      w,
      h,
      backgroundSvg(spec.background, sw, sh) + spec.objects.map((p, i) => objectSvg(p, i, bodies)).join(""),
      [0, 0, sw, sh],
    ),
  );
  // each object's own pixels, drawn alone over just its placement (clipped to the picture): far fewer pixels
  // than the whole picture, and the same ones, as the region sits on whole output pixels
  const masks = spec.objects.map((p, i) => {
    const m = new Uint8Array(w * h);
    const x0 = Math.max(0, Math.floor(p.x * sx));
    const y0 = Math.max(0, Math.floor(p.y * sy));
    const x1 = Math.min(w, Math.ceil((p.x + p.w) * sx));
    const y1 = Math.min(h, Math.ceil((p.y + p.h) * sy));
    if (x1 <= x0 || y1 <= y0) return m;
    const rw = x1 - x0;
    const px = rasterize(
      wrap(rw, y1 - y0, objectSvg(p, i, bodies), [x0 / sx, y0 / sy, rw / sx, (y1 - y0) / sy]),
    );
    for (let r = y0; r < y1; r++)
      for (let c = x0; c < x1; c++) m[r * w + c] = px[((r - y0) * rw + (c - x0)) * 4 + 3] >= 128 ? 1 : 0;
    return m;
  });
  const objects: DrawnObject[] = [];
  spec.objects.forEach((p, i) => {
    let own = 0;
    let seen = 0;
    let r0 = h;
    let c0 = w;
    let r1 = -1;
    let c1 = -1;
    let border = false;
    for (let r = 0; r < h; r++) {
      for (let c = 0; c < w; c++) {
        const k = r * w + c;
        if (!masks[i][k]) continue;
        own++;
        if (r === 0 || c === 0 || r === h - 1 || c === w - 1) border = true;
        let covered = false;
        for (let j = i + 1; j < masks.length && !covered; j++) covered = masks[j][k] === 1;
        if (covered) continue;
        seen++;
        if (r < r0) r0 = r;
        if (r > r1) r1 = r;
        if (c < c0) c0 = c;
        if (c > c1) c1 = c;
      }
    }
    if (seen === 0 || r1 <= r0 || c1 <= c0) return;
    const outside = p.x < 0 || p.y < 0 || p.x + p.w > sw || p.y + p.h > sh;
    // tiny in the scene's own pixels, whatever size it was drawn at
    const tiny = Math.max((r1 - r0) / sy, (c1 - c0) / sx) < 12;
    objects.push({
      cls: p.cls,
      name: VOC_CLASSES[p.cls],
      xmin: c0 + 1,
      ymin: r0 + 1,
      xmax: c1 + 1,
      ymax: r1 + 1,
      truncated: outside && border ? 1 : 0,
      difficult: seen < 0.25 * own || tiny ? 1 : 0,
    });
  });
  return { width: w, height: h, rgba, objects };
}
