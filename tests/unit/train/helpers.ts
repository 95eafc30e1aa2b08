// Small synthetic inputs for engine tests: coloured rectangles on noise, with their boxes and classes.
import type { Backbone } from "../../../src/model/backbone";
import { createScratchBackbone } from "../../../src/model/scratch";
import type { Example } from "../../../src/train/examples";
import type { TrainEvent } from "../../../src/train/protocol";

/** n images of size×size, each with one or two rectangles of class 0..2 (class = colour). */
export function syntheticExamples(n: number, size = 48, seed = 1): Example[] {
  let s = seed;
  const rnd = () => {
    s = (s * 16807) % 2147483647;
    return s / 2147483647;
  };
  const colours = [
    [230, 30, 30],
    [30, 200, 30],
    [40, 40, 230],
  ];
  return Array.from({ length: n }, (_, i) => {
    const data = new Uint8ClampedArray(size * size * 4);
    for (let p = 0; p < size * size; p++) {
      data.set([rnd() * 60, rnd() * 60, rnd() * 60, 255], p * 4);
    }
    const boxes: number[][] = [];
    const classes: number[] = [];
    for (let o = 0; o < 1 + (i % 2); o++) {
      const h = Math.floor(size * (0.3 + 0.4 * rnd()));
      const w = Math.floor(size * (0.3 + 0.4 * rnd()));
      const r0 = Math.floor(rnd() * (size - h));
      const c0 = Math.floor(rnd() * (size - w));
      const cls = Math.floor(rnd() * 3);
      for (let r = r0; r < r0 + h; r++)
        for (let c = c0; c < c0 + w; c++) data.set([...colours[cls], 255], (r * size + c) * 4);
      boxes.push([r0, c0, r0 + h - 1, c0 + w - 1]);
      classes.push(cls);
    }
    return { id: `syn${i}`, image: { width: size, height: size, data }, boxes, classes };
  });
}

/** Side of the tiny test images: three stride-2 blocks take 56 to the lesson's 7×7 grid. */
export const TINY_SIZE = 56;

/** A tiny scratch CNN (56 → 7×7×8), optionally presented as a frozen backbone (for the feature cache). */
export function tinyBackbone(frozen: boolean): Backbone {
  const b = createScratchBackbone({ inputSize: TINY_SIZE, widths: [4, 8, 8], seed: 3 });
  return frozen ? { ...b, name: "tiny-frozen", frozen: true, store: null } : b;
}

export function collect(): { events: TrainEvent[]; emit: (e: TrainEvent) => void } {
  const events: TrainEvent[] = [];
  return { events, emit: (e) => events.push(e) };
}
