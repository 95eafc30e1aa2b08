// A tiny seeded PRNG so that one seed reproduces the same random draws in the per-image and batched paths.
// The lesson's transforms draw from Python's `random` in `set_state()`; we draw from mulberry32 instead.

/** A source of uniform numbers in [0, 1). */
export type Rng = () => number;

/** mulberry32 (Tommy Ettinger, public domain): a 32-bit state, good enough for augmentation draws. */
export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Uniform in [-s, s]. Lesson: `rand0(s) = random.random()*(s*2)-s`. */
export function rand0(rng: Rng, s: number): number {
  return rng() * (s * 2) - s;
}

/** The seed of image `i` of a batch drawn with one `seed` (a murmur3-style mix, so neighbours differ). */
export function sampleSeed(seed: number, i: number): number {
  let h = (seed ^ Math.imul(i + 1, 0x9e3779b9)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
