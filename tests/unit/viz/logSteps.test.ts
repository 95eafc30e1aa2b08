import { describe, expect, it } from "vitest";
import { formatRate, logStops, nearestStop } from "../../../src/viz/ui/logSteps";

describe("log slider for rates (issue 16, item 6)", () => {
  it("offers 1, 2, 3, 5 × 10ⁿ from the setting's min to its max", () => {
    const s = logStops(1e-5, 1);
    expect(s[0]).toBe(1e-5);
    expect(s.at(-1)).toBe(1);
    for (const v of [1e-4, 3e-4, 1e-3, 3e-3, 1e-2, 2e-2, 0.1, 0.5]) expect(s).toContain(v);
    expect(s).toHaveLength(21);
    for (let i = 1; i < s.length; i++) expect(s[i]).toBeGreaterThan(s[i - 1]);
  });
  it("takes its range from the definition: max 10 adds the stops above 1", () => {
    const s = logStops(1e-5, 10);
    expect(s.slice(-5)).toEqual([1, 2, 3, 5, 10]);
  });
  it("puts a value from a link on the nearest stop, on a log scale", () => {
    const s = logStops(1e-5, 1);
    expect(s[nearestStop(s, 3e-4)]).toBe(3e-4);
    expect(s[nearestStop(s, 0.00901)]).toBe(1e-2);
    expect(s[nearestStop(s, 2.4e-3)]).toBe(2e-3);
    expect(s[nearestStop(s, 50)]).toBe(1);
  });
  it("writes rates the way the lesson does", () => {
    expect(formatRate(1e-4)).toBe("1e-4");
    expect(formatRate(3e-3)).toBe("3e-3");
    expect(formatRate(2e-2)).toBe("2e-2");
    expect(formatRate(0.00901)).toBe("9.01e-3");
    expect(formatRate(0.5)).toBe("0.5");
    expect(formatRate(1)).toBe("1");
    expect(formatRate(10)).toBe("10");
  });
});
