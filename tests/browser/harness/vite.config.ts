// Dev server for the browser-test harness: serves the repo root so a test page can import any /src module.
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

export default defineConfig({
  root: fileURLToPath(new URL("../../..", import.meta.url)),
  server: { port: 5179, strictPort: true, hmr: false },
  logLevel: "warn",
  optimizeDeps: {
    entries: ["tests/browser/harness/index.html", "tests/browser/harness/chart.html"],
    include: [
      "@tensorflow/tfjs-core",
      // src/ssd imports it for the losses; listed so a test page never triggers a re-optimisation mid-run
      "@tensorflow/tfjs-core/dist/register_all_gradients",
      "@tensorflow/tfjs-backend-cpu",
      "@tensorflow/tfjs-backend-webgl",
      "@tensorflow/tfjs-backend-webgpu",
      // src/model and src/train (the training worker): the GraphModel loader and the worker's own deps
      "@tensorflow/tfjs-converter",
      "comlink",
      "idb-keyval",
      "pure-rand/generator/mersenne",
      // chart.html: a React component from src/viz
      "react",
      "react/jsx-runtime",
      "react-dom/client",
      "d3",
    ],
  },
});
