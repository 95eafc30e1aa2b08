// Seeded Gaussian draws (Box–Muller) for reproducible demo activations, on the augment layer's mulberry32.
import type { Rng } from "../../augment/random";

export { mulberry32 } from "../../augment/random";

export function gaussian(rand: Rng, n: number, std = 1): number[] {
  return Array.from(
    { length: n },
    () => std * Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand()),
  );
}
