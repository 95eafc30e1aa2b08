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

const wrap = (w: number, h: number, inner: string) =>
  `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}">${inner}</svg>`;

/** Draw the scene and measure its objects; objects left with no visible pixel are not annotated. */
export function drawScene(spec: SceneSpec, { rasterize, bodies }: Painter): DrawnScene {
  const { width: w, height: h } = spec;
  const rgba = rasterize(
    wrap(
      w,
      h,
      backgroundSvg(spec.background, w, h) + spec.objects.map((p, i) => objectSvg(p, i, bodies)).join(""),
    ),
  );
  const masks = spec.objects.map((p, i) => {
    const px = rasterize(wrap(w, h, objectSvg(p, i, bodies)));
    const m = new Uint8Array(w * h);
    for (let k = 0; k < w * h; k++) m[k] = px[k * 4 + 3] >= 128 ? 1 : 0;
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
    const outside = p.x < 0 || p.y < 0 || p.x + p.w > w || p.y + p.h > h;
    const tiny = Math.max(r1 - r0, c1 - c0) < 12;
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
