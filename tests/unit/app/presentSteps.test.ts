import { describe, expect, it } from "vitest";
import { fitZoom, MAX_ZOOM, packBoxes, packSteps } from "../../../src/app/presentSteps";
import { runAllPlan } from "../../../src/app/RunAllStatus";

describe("packSteps: blocks into screen-high steps", () => {
  it("keeps blocks together while they fit, starts a new step when the next does not", () => {
    expect(packSteps([300, 300, 300], 700)).toEqual([[0, 1], [2]]);
    expect(packSteps([100, 100], 700)).toEqual([[0, 1]]);
  });
  it("a block taller than the screen is a step of its own", () => {
    expect(packSteps([50, 900, 50], 700)).toEqual([[0], [1], [2]]);
  });
  it("empty blocks ride along with their neighbours, never a step alone", () => {
    expect(packSteps([0, 400, 0, 400], 500)).toEqual([[0, 1, 2], [3]]);
    expect(packSteps([], 500)).toEqual([[]]);
  });
});

describe("packBoxes: measured blocks into steps", () => {
  it("parts side by side add nothing to a step's height", () => {
    const beside = [
      { top: 0, bottom: 500 },
      { top: 0, bottom: 450 },
      { top: 500, bottom: 600 },
    ];
    expect(packBoxes(beside, 650)).toEqual([[0, 1, 2]]);
    expect(packBoxes(beside, 550)).toEqual([[0, 1], [2]]);
  });
  it("never cuts a line of pictures: the whole line moves to the next step", () => {
    const grid = [
      { top: 0, bottom: 300, line: "a" },
      { top: 0, bottom: 300, line: "a" },
      { top: 300, bottom: 600, line: "b" },
      { top: 300, bottom: 620, line: "b" },
      { top: 300, bottom: 600, line: "b" },
    ];
    expect(packBoxes(grid, 500)).toEqual([
      [0, 1],
      [2, 3, 4],
    ]);
    // a line taller than the screen is still one step
    expect(packBoxes(grid, 200)).toEqual([
      [0, 1],
      [2, 3, 4],
    ]);
  });
  it("a block with no height joins the step before it", () => {
    expect(
      packBoxes(
        [
          { top: 0, bottom: 400 },
          { top: 0, bottom: 0 },
          { top: 400, bottom: 800 },
        ],
        500,
      ),
    ).toEqual([[0, 1], [2]]);
  });
});

describe("fitZoom", () => {
  it("grows a small visual to the screen's height or width, whichever comes first", () => {
    expect(fitZoom(570, 600, 1800, 900)).toBeCloseTo(1.5);
    expect(fitZoom(1200, 300, 1800, 900)).toBeCloseTo(1.5);
  });
  it("never shrinks below 1 (type stays at its size) and never past MAX_ZOOM", () => {
    expect(fitZoom(2000, 1200, 1800, 900)).toBe(1);
    expect(fitZoom(100, 100, 1800, 900)).toBe(MAX_ZOOM);
  });
  it("shrinks a step that does not fit (a small screen) only down to the zoom where its type meets the floor", () => {
    expect(fitZoom(2000, 1200, 1800, 900, 0.6)).toBeCloseTo(0.75);
    expect(fitZoom(1000, 2000, 1800, 900, 0.6)).toBe(0.6);
    expect(fitZoom(1000, 2000, 1800, 900, 1)).toBe(1);
    expect(fitZoom(570, 600, 1800, 900, 0.6)).toBeCloseTo(1.5);
  });
});

describe("runAllPlan: Run all's time left", () => {
  it("scales the remaining cells' costs by the pace of the finished ones", () => {
    let t = 0;
    const plan = runAllPlan(
      [
        { title: "a", cost: 10 },
        { title: "b", cost: 10 },
        { title: "c", cost: 30 },
      ],
      () => t,
    );
    const first = plan.at(0);
    expect(first.estimate()).toBeNull(); // nothing finished yet: no pace
    t = 20_000; // the first cell took 20 s for an estimated 10: pace 2
    plan.finished(0);
    const second = plan.at(1);
    expect(second.k).toBe(1);
    expect(second.total).toBe(3);
    t = 25_000; // 5 s into the second cell
    expect(second.estimate()).toBeCloseTo(10 * 2 - 5 + 30 * 2);
  });
});
