// A scene of the built-in pack, laid out from a seed: image size, background, and 1-6 objects of the
// 20 VOC classes with varied scale, aspect, flips, overlap and truncation at the borders. Pure and deterministic.
import { uniformFloat64 } from "pure-rand/distribution/uniformFloat64";
import { xoroshiro128plus } from "pure-rand/generator/xoroshiro128plus";
import { VOC_CLASSES } from "../types";
import { CLASS_ART } from "./art";

export interface Placement {
  cls: number;
  art: string;
  /** drawn rectangle of the 128x128 art, pixels (may extend past the image) */
  x: number;
  y: number;
  w: number;
  h: number;
  flip: boolean;
}
export interface SceneSpec {
  width: number;
  height: number;
  background: Background;
  objects: Placement[];
}
export interface Background {
  indoor: boolean;
  horizon: number;
  sky: [string, string];
  ground: [string, string];
  texture: { freq: number; seed: number; opacity: number };
  blobs: { cx: number; cy: number; rx: number; ry: number; color: string; opacity: number }[];
}

export type Rand = () => number;

/** A seeded uniform [0, 1) stream (pure-rand xoroshiro128+). */
export function randomStream(seed: number): Rand {
  const rng = xoroshiro128plus(seed | 0);
  return () => uniformFloat64(rng);
}

const SIZES: [number, number][] = [
  [320, 240],
  [288, 224],
  [320, 256],
  [256, 256],
  [240, 320],
  [224, 288],
  [300, 225],
];
const SKIES: [string, string][] = [
  ["#5b8fd6", "#cfe3f7"],
  ["#8fb3de", "#eef3f8"],
  ["#f0a86b", "#fbe3c4"],
  ["#9aa7b3", "#dfe4e8"],
  ["#3e6fb8", "#a9cbef"],
];
const GROUNDS: [string, string][] = [
  ["#6e9b45", "#4f7a2e"],
  ["#c9b68a", "#a8946a"],
  ["#7d7f82", "#5c5e61"],
  ["#3f7fa6", "#2b5f80"],
  ["#8a6e4b", "#6a5236"],
];
const WALLS: [string, string][] = [
  ["#efe6d6", "#d9ccb4"],
  ["#d7e2ea", "#b9c8d4"],
  ["#eed9d0", "#d4b8ab"],
  ["#e6e6e6", "#c8c8c8"],
];
const FLOORS: [string, string][] = [
  ["#b8875a", "#8f6640"],
  ["#9c9c9c", "#777"],
  ["#c7a77d", "#a48659"],
  ["#6f5a4a", "#4e3f33"],
];
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
const between = (r: Rand, a: number, b: number) => a + (b - a) * r();

/** Lay out scene `index` of the pack made with `seed`: each scene has its own stream, so any one can be made alone. */
export function layoutScene(seed: number, index: number): SceneSpec {
  const r = randomStream((Math.imul(seed, 0x9e3779b1) ^ Math.imul(index + 1, 0x85ebca6b)) | 0);
  const [width, height] = pick(r, SIZES);
  const indoor = r() < 0.4;
  const horizon = Math.round(height * between(r, indoor ? 0.55 : 0.35, indoor ? 0.8 : 0.7));
  const blobs = Array.from({ length: Math.floor(between(r, 1, 6)) }, () => ({
    cx: Math.round(between(r, 0, width)),
    cy: Math.round(between(r, 0, horizon)),
    rx: Math.round(between(r, 15, 90)),
    ry: Math.round(between(r, 8, 40)),
    color: indoor
      ? pick(r, ["#ffffff", "#c9a27e", "#7f9cb8", "#d8c07a"])
      : pick(r, ["#ffffff", "#6d8f55", "#93a3ad", "#f6e08a"]),
    opacity: between(r, 0.35, 0.9),
  }));
  const background: Background = {
    indoor,
    horizon,
    sky: indoor ? pick(r, WALLS) : pick(r, SKIES),
    ground: indoor ? pick(r, FLOORS) : pick(r, GROUNDS),
    texture: { freq: between(r, 0.02, 0.12), seed: Math.floor(r() * 1000), opacity: between(r, 0.08, 0.3) },
    blobs,
  };
  const count = 1 + Math.min(5, Math.floor(-Math.log(1 - r()) * 1.6)); // 1..6, fewer more often
  const objects: Placement[] = [];
  for (let k = 0; k < count; k++) {
    const cls = Math.floor(r() * VOC_CLASSES.length);
    const art = pick(r, CLASS_ART[VOC_CLASSES[cls]]);
    // side as a fraction of the shorter image side: squared, so small objects are common, as in VOC
    const side = Math.min(width, height) * between(r, 0.22, 0.95) ** 1.3 * (count > 3 ? 0.8 : 1);
    const aspect = Math.exp(between(r, -0.3, 0.3)); // w/h stretch
    const w = Math.max(24, Math.round(side * Math.sqrt(aspect)));
    const h = Math.max(24, Math.round(side / Math.sqrt(aspect)));
    const truncate = r() < 0.25;
    const x = Math.round(
      truncate ? between(r, -0.4 * w, width - 0.6 * w) : between(r, 0, Math.max(0, width - w)),
    );
    const y = Math.round(
      truncate ? between(r, -0.4 * h, height - 0.6 * h) : between(r, 0, Math.max(0, height - h)),
    );
    objects.push({ cls, art, x, y, w, h, flip: r() < 0.5 });
  }
  return { width, height, background, objects };
}
