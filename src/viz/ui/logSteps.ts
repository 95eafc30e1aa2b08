// A log-scale slider's positions and labels for rate-like settings (learning rates): the "nice" values
// 1, 2, 3, 5 × 10ⁿ between a setting's min and max (both included), shown the way the lesson writes them
// (1e-4, 3e-3, 0.1, 1, 10). The range comes from the setting, so raising max to 10 adds its stops.
import * as d3 from "d3";

const MANTISSAS = [1, 2, 3, 5];

/** Tidy a float (3e-3 is 0.0030000000000000005 after 3 * 1e-3). */
function tidy(v: number): number {
  return Number.parseFloat(v.toPrecision(12));
}

/** The slider's stops, ascending: min, every 1/2/3/5 × 10ⁿ strictly inside, max. */
export function logStops(min: number, max: number): number[] {
  if (!(min > 0) || !(max > min)) throw new Error(`a log slider needs 0 < min < max (got ${min}, ${max})`);
  const stops = [min];
  for (let e = Math.floor(Math.log10(min)); e <= Math.ceil(Math.log10(max)); e++) {
    for (const m of MANTISSAS) {
      const v = tidy(m * 10 ** e);
      if (v > min * (1 + 1e-9) && v < max * (1 - 1e-9)) stops.push(v);
    }
  }
  stops.push(max);
  return stops;
}

/** The index of the stop nearest to v on a log scale (a value from a link need not be a stop). */
export function nearestStop(stops: readonly number[], v: number): number {
  if (!(v > 0)) return 0;
  let best = 0;
  for (let i = 1; i < stops.length; i++) {
    if (Math.abs(Math.log(stops[i] / v)) < Math.abs(Math.log(stops[best] / v))) best = i;
  }
  return best;
}

const exp = d3.format("~e");

/** 1e-4, 3e-3, 2e-2 … : below 0.1 in e-notation (as in `lr=1e-3`), plain from 0.1 up (0.3, 1, 10). */
export function formatRate(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (v === 0) return "0";
  const a = Math.abs(v);
  if (a >= 0.1 && a < 1e4) return String(tidy(Number(v.toPrecision(3))));
  // d3 writes 3e-3 as "3e-3" and 1.5e-4 as "1.5e-4"; keep at most 3 significant digits.
  return exp(Number(v.toPrecision(3)));
}
