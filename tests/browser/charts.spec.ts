// Issue 15, item 6: loss charts start on a log y axis (an epoch-1 validation loss of ~3,000 must not flatten
// the training curve), offer a log/linear toggle, and the y-axis title never overlaps the tick labels.
import { expect, type Locator, test } from "@playwright/test";
import { collectErrors, HARNESS_URL, onlyInProject, projectBackend } from "./util";

const CHART_URL = HARNESS_URL.replace("index.html", "chart.html");

test.setTimeout(300_000);

/** Px of horizontal gap between the y-axis title and the nearest tick label (negative: they overlap). */
async function titleGap(chart: Locator): Promise<number> {
  return chart.locator("svg").evaluate((svg) => {
    const title = svg.querySelector('[data-role="y-title"]')!.getBoundingClientRect();
    // the y axis is the second axis group: its tick labels
    const labels = [...svg.querySelectorAll("g.tick text")]
      .filter((t) => t.getAttribute("x") !== null && Number(t.getAttribute("x")) < 0 && t.textContent)
      .map((t) => t.getBoundingClientRect());
    const svgBox = svg.getBoundingClientRect();
    if (labels.length === 0 || title.left < svgBox.left - 0.5) return -1;
    return Math.min(...labels.map((l) => l.left)) - title.right;
  });
}

test("loss charts: log y by default, a toggle to linear, the axis title clear of the ticks", async ({
  page,
}) => {
  onlyInProject("webgl", "chart layout does not depend on the backend");
  const errors = collectErrors(page);
  await page.goto(`/?backend=${projectBackend()}&steps=2&only=single`);
  const cell = page.locator('[data-cell="single"]');
  await cell.locator('[data-action="run"]').click();
  await expect(cell).toHaveAttribute("data-state", "done", { timeout: 240_000 });
  const loss = cell.locator('[data-role="chart-loss"] figure');
  await expect(loss).toHaveAttribute("data-y-scale", "log");
  await expect(loss.locator('[data-role="y-title"]')).toHaveText("loss (log scale)");
  expect(await titleGap(loss)).toBeGreaterThanOrEqual(2);
  const toggle = loss.locator('[data-action="log-y"]');
  await expect(toggle).toHaveAttribute("aria-pressed", "true");
  await toggle.click();
  await expect(loss).toHaveAttribute("data-y-scale", "linear");
  await expect(toggle).toHaveAttribute("aria-pressed", "false");
  await expect(loss.locator('[data-role="y-title"]')).toHaveText("loss");
  expect(await titleGap(loss)).toBeGreaterThanOrEqual(2);
  // the parts chart is a loss too; a metric chart (accuracy) is not: linear, no toggle
  await expect(cell.locator('[data-role="chart-parts"] figure')).toHaveAttribute("data-y-scale", "log");
  const metric = cell.locator(
    '[data-role^="chart-"]:not([data-role="chart-loss"]):not([data-role="chart-parts"]) figure',
  );
  await expect(metric.first()).toHaveAttribute("data-y-scale", "linear");
  await expect(metric.first().locator('[data-action="log-y"]')).toHaveCount(0);
  expect(await titleGap(metric.first())).toBeGreaterThanOrEqual(2);
  expect(errors).toEqual([]);
});

test("six-digit losses: margins fit the labels, log y keeps the training curve readable", async ({
  page,
}) => {
  onlyInProject("webgl", "chart layout does not depend on the backend");
  const errors = collectErrors(page);
  await page.goto(CHART_URL);
  await page.waitForFunction(() => window.chartReady === true, null, { timeout: 120_000 });
  // a first validation loss of 300,000 over a training loss that falls from 50 to 2
  const train: [number, number][] = Array.from({ length: 40 }, (_, i) => [i + 1, 50 * 0.92 ** i + 2]);
  const series = [
    { name: "train", points: train },
    { name: "validation", points: [[10, 300_000] as [number, number], [20, 12], [40, 3]], dots: true },
  ];
  const chart = page.locator("figure.chart");
  for (const large of [false, true]) {
    await page.evaluate(([s, l]) => window.drawChart(s as never, { logY: false, large: l as boolean }), [
      series,
      large,
    ] as const);
    await expect(chart).toHaveAttribute("data-y-scale", "linear");
    await expect(chart.locator("g.tick text").filter({ hasText: "300k" })).toHaveCount(1);
    expect(await titleGap(chart), `linear, large=${large}`).toBeGreaterThanOrEqual(2);
    await page.evaluate(([s, l]) => window.drawChart(s as never, { logY: true, large: l as boolean }), [
      series,
      large,
    ] as const);
    await expect(chart).toHaveAttribute("data-y-scale", "log");
    expect(await titleGap(chart), `log, large=${large}`).toBeGreaterThanOrEqual(2);
  }
  // on a log axis the training curve (2…52) spans a good part of the plot; on a linear one it is a flat line
  const spread = () =>
    chart
      .locator('path[stroke^="#"]')
      .first()
      .evaluate((p) => (p as SVGPathElement).getBBox().height);
  const plot = await chart
    .locator("path.domain")
    .nth(1)
    .evaluate((p) => (p as SVGPathElement).getBBox().height);
  expect(await spread()).toBeGreaterThan(plot * 0.15);
  await chart.locator('[data-action="log-y"]').click();
  await expect(chart).toHaveAttribute("data-y-scale", "linear");
  expect(await spread()).toBeLessThan(plot * 0.01);
  expect(errors).toEqual([]);
});
