import { defineConfig } from "@playwright/test";
import { chromiumPath, WEBGL_FLAGS, WEBGPU_FLAGS } from "./tests/browser/chromium";

const executablePath = chromiumPath() ?? undefined;
// Ports can be moved (PW_APP_PORT / PW_HARNESS_PORT) so two runs on one machine do not collide.
const appPort = Number(process.env.PW_APP_PORT ?? 4173);
const harnessPort = Number(process.env.PW_HARNESS_PORT ?? 5179);
process.env.PW_HARNESS_PORT = String(harnessPort);

// Two projects, one per accelerated backend; each spec reads its backend from project.metadata.
export default defineConfig({
  testDir: "tests/browser",
  testMatch: "**/*.spec.ts",
  timeout: 240_000,
  expect: { timeout: 30_000 },
  workers: 1,
  fullyParallel: false,
  retries: 0,
  // scripts/test.mjs asks for list + json (PW_REPORTERS) to add up one total line.
  reporter: (process.env.PW_REPORTERS ?? "list").split(",").map((r) => [r] as [string]),
  outputDir: "test-results",
  use: { baseURL: `http://localhost:${appPort}`, trace: "off", viewport: { width: 1280, height: 720 } },
  webServer: [
    {
      command: `npx vite preview --port ${appPort} --strictPort`,
      url: `http://localhost:${appPort}`,
      reuseExistingServer: !process.env.CI,
      timeout: 60_000,
    },
    {
      command: `npx vite --config tests/browser/harness/vite.config.ts --port ${harnessPort}`,
      url: `http://localhost:${harnessPort}/tests/browser/harness/index.html`,
      reuseExistingServer: !process.env.CI,
      timeout: 120_000,
    },
  ],
  projects: [
    {
      name: "webgpu",
      metadata: { backend: "webgpu" },
      use: { launchOptions: { executablePath, args: WEBGPU_FLAGS } },
    },
    {
      name: "webgl",
      metadata: { backend: "webgl" },
      use: { launchOptions: { executablePath, args: WEBGL_FLAGS } },
    },
  ],
});
