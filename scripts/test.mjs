#!/usr/bin/env node
// `npm test`: unit tests (Vitest, Node, tfjs CPU) then browser tests (Playwright + Debian Chromium,
// WebGPU and WebGL projects) against a fresh build; ends with both runners' summaries and one total line.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync } from "node:fs";

const skipBrowser = process.env.SKIP_BROWSER === "1";
const extra = process.argv.slice(2);
mkdirSync("test-results", { recursive: true });

function run(cmd, args, env = {}) {
  const r = spawnSync(cmd, args, { stdio: "inherit", env: { ...process.env, ...env } });
  return r.status ?? 1;
}

function chromiumPath() {
  return [process.env.CHROME_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"].find(
    (p) => p && existsSync(p),
  );
}

const totals = { passed: 0, failed: 0, skipped: 0 };
let failed = false;

// 1. Unit tests.
const unitStatus = run("npx", [
  "vitest",
  "run",
  "--reporter=default",
  "--reporter=json",
  "--outputFile=test-results/vitest.json",
  ...extra,
]);
if (existsSync("test-results/vitest.json")) {
  const v = JSON.parse(readFileSync("test-results/vitest.json", "utf8"));
  totals.passed += v.numPassedTests;
  totals.failed += v.numFailedTests;
  totals.skipped += v.numPendingTests + v.numTodoTests;
}
if (unitStatus !== 0) failed = true;

// 2. Browser tests.
if (skipBrowser) {
  console.log("\nSKIP_BROWSER=1: browser tests skipped.");
} else if (!chromiumPath()) {
  console.error(
    "\nNo Chromium found for the browser tests.\n" +
      "  Debian/Ubuntu:  sudo apt-get update && sudo apt-get install -y chromium\n" +
      "  or point CHROME_PATH at a Chromium/Chrome binary:  CHROME_PATH=/path/to/chrome npm test\n" +
      "  or run only the unit tests:  SKIP_BROWSER=1 npm test\n",
  );
  failed = true;
} else {
  if (run("npm", ["run", "--silent", "build", "--", "--logLevel", "warn"]) !== 0) {
    console.error("vite build failed: browser tests need the built app");
    failed = true;
  } else {
    const status = run("npx", ["playwright", "test"], {
      PLAYWRIGHT_JSON_OUTPUT_NAME: "test-results/playwright.json",
      PW_REPORTERS: "list,json",
    });
    if (existsSync("test-results/playwright.json")) {
      const s = JSON.parse(readFileSync("test-results/playwright.json", "utf8")).stats;
      totals.passed += s.expected + s.flaky;
      totals.failed += s.unexpected;
      totals.skipped += s.skipped;
    }
    if (status !== 0) failed = true;
  }
}

if (failed && totals.failed === 0) totals.failed = 1; // a runner crashed before reporting
console.log(`\nTests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(failed ? 1 : 0);
