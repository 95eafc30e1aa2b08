// A page that draws one LineChart (src/viz) from the series a test passes in window.chartSeries, so a browser
// test can check its layout on values the app's short test runs never reach (six-digit losses).
import { createRoot } from "react-dom/client";
import { LineChart, type Series } from "../../../src/viz/LineChart";

declare global {
  interface Window {
    drawChart(series: Series[], opts: { logY?: boolean; large?: boolean }): void;
    chartReady: boolean;
  }
}

const root = createRoot(document.getElementById("root")!);
let drawn = 0;
// a fresh chart each time (its log/linear toggle starts from logY)
window.drawChart = (series, { logY, large }) =>
  root.render(
    <LineChart
      key={drawn++}
      series={series}
      xLabel="step (batches)"
      yLabel="loss"
      logY={logY}
      large={large}
    />,
  );
window.chartReady = true;
