// Finding and launching Debian's Chromium for browser tests and benchmarks (no browser downloads here).
import { existsSync } from "node:fs";

export function chromiumPath(): string | null {
  const candidates = [process.env.CHROME_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"];
  return candidates.find((p): p is string => !!p && existsSync(p)) ?? null;
}

/** Where Chromium's own autofill service sends its form queries (a browser-process request, not the page's):
 * a name that cannot resolve, so those queries never leave the machine and a test that lists every request
 * (offline-subpath.spec.ts) can tell them apart exactly. */
export const AUTOFILL_SERVER = "http://chromium-autofill.invalid/";

/** Flags measured to work headless on this kind of machine (closed network, root, no GPU). */
export const BASE_FLAGS = [
  `--autofill-server-url=${AUTOFILL_SERVER}`,
  "--headless=new",
  "--no-sandbox",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];

/** WebGPU: a real adapter (SwiftShader over Vulkan) needs the unsafe flag and a localhost page. */
export const WEBGPU_FLAGS = [...BASE_FLAGS, "--enable-unsafe-webgpu"];

/** WebGL on SwiftShader; kept separate from the WebGPU (Vulkan) flag set. */
export const WEBGL_FLAGS = [...BASE_FLAGS, "--use-angle=swiftshader", "--enable-unsafe-swiftshader"];
