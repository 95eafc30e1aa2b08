// The line chart's y axis (issue 15, item 6): log ticks stay readable, six-digit values get short labels, and
// the left margin grows with the labels so the axis title never overlaps them.
import * as d3 from "d3";
import { describe, expect, it } from "vitest";
import { leftMargin, yTickFormat } from "../../../src/viz/LineChart";

describe("line chart y axis", () => {
  it("labels six-digit values short (SI) and small ones plainly", () => {
    const big = d3.scaleLinear().domain([0, 300_000]).nice();
    const fb = yTickFormat(big, 5, false);
    expect(big.ticks(5).map((t) => fb(t))).toContain("100k");
    const small = d3.scaleLinear().domain([0, 0.5]).nice();
    const fs = yTickFormat(small, 5, false);
    expect(small.ticks(5).map((t) => fs(t))).toContain("0.1");
  });
  it("on a log axis labels each decade, plainly below 10,000, and leaves crowding ticks blank", () => {
    const wide = d3.scaleLog().domain([0.5, 300_000]).nice();
    const fw = yTickFormat(wide, 5, true);
    expect(wide.ticks(5).map((t) => fw(t))).toEqual(["0.1", "1", "10", "100", "1000", "10k", "100k", "1M"]);
    const narrow = d3.scaleLog().domain([0.5, 30]).nice();
    const fn = yTickFormat(narrow, 5, true);
    const labels = narrow.ticks(5).map((t) => fn(t));
    for (const d of ["1", "10", "100"]) expect(labels).toContain(d);
    expect(labels.filter((l) => l !== "").length).toBeLessThan(labels.length);
  });
  it("makes room for wider labels, and puts the title beyond them", () => {
    const narrow = leftMargin(["0", "5", "10"], 12);
    const wide = leftMargin(["0", "100000", "200000", "300000"], 12);
    expect(wide.left).toBeGreaterThan(narrow.left);
    for (const m of [narrow, wide]) {
      // the title's baseline lies left of the labels' far edge, and the whole title fits in the margin
      expect(-m.titleX).toBeGreaterThan(m.left - 12 * 1.1 - 4 - 6 - 1);
      expect(-m.titleX + 12).toBeLessThanOrEqual(m.left);
    }
    // six digits at 12 px (DejaVu Sans: 0.636 em each) fit before the tick, with room to spare
    expect(-wide.titleX).toBeGreaterThanOrEqual(6 * 12 * 0.636 + 9 + 2);
    // in a browser the labels are measured: a wider font gets a wider margin
    const measured = leftMargin(["300000"], 12, (s, px) => s.length * px);
    expect(-measured.titleX).toBeGreaterThanOrEqual(6 * 12 + 9 + 2);
  });
});
