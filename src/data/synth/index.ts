// New scenes of the built-in pack's kind, drawn on demand: the same layout (scene.ts) and drawing (render.ts) as
// `npm run data:builtin`, from another seed, so training can see thousands of distinct scenes while the shipped
// pack stays small. Node draws with resvg-js (scripts/gen/noto.ts), the training worker with resvg-wasm
// (./wasm-painter.ts).
import type { RgbaImage } from "../types";
import { drawScene, type Painter } from "./render";
import { layoutScene } from "./scene";

export { type ArtBodies, CLASS_ART, EMOJI_NAMES, SYNTH_ART_FILE } from "./art";
export { drawScene, type Painter, type Rasterize } from "./render";
export { layoutScene } from "./scene";

/** The seeds synthetic training scenes are drawn from never equal the pack's (42): no validation scene repeats. */
export const SYNTH_SEED_BASE = 1_000_003;

/** One drawn scene as a training example: RGBA image, boxes [r0, c0, r1, c1] in its pixels, classes (difficult objects left out, as the pack's reader does). */
export interface SynthExample {
  id: string;
  image: RgbaImage;
  boxes: number[][];
  classes: number[];
}

/** Scene `index` of the synthetic stream `seed` (any one can be drawn alone), at its own size or `size`×`size` px. */
export function synthExample(seed: number, index: number, painter: Painter, size?: number): SynthExample {
  const out = size ? { width: size, height: size } : undefined;
  const s = drawScene(layoutScene(SYNTH_SEED_BASE + seed, index), painter, out);
  const keep = s.objects.filter((o) => !o.difficult);
  return {
    id: `synth-${seed}-${index}`,
    image: {
      width: s.width,
      height: s.height,
      data: new Uint8ClampedArray(s.rgba.buffer, s.rgba.byteOffset, s.rgba.length),
    },
    // VOC's 1-based inclusive xmin..xmax → the lesson's 0-based [top, left, bottom, right]
    boxes: keep.map((o) => [o.ymin - 1, o.xmin - 1, o.ymax - 1, o.xmax - 1]),
    classes: keep.map((o) => o.cls),
  };
}
