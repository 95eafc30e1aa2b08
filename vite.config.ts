import react from "@vitejs/plugin-react";
import { defineConfig, type Plugin } from "vite";
import { VitePWA } from "vite-plugin-pwa";

// Content Security Policy of the built app (a <meta> in dist/index.html, so any static host applies it).
// - no 'unsafe-eval': tfjs WebGPU/WebGL/CPU and our code never eval; tfjs-backend-wasm compiles WebAssembly,
//   which needs only 'wasm-unsafe-eval' (WebAssembly.instantiate, not JS eval).
// - worker-src blob: tfjs-wasm's multi-threaded build starts its pthread workers from a blob: URL.
// - script-src blob: …and each pthread worker then importScripts() the Emscripten module from another blob:
//   URL. A blob: worker inherits the page's policy, and importScripts obeys script-src (not worker-src):
//   without blob: here every pthread failed to load and `?backend=wasm` hung on a cross-origin-isolated
//   page (the only kind where tfjs-wasm uses threads). Only our own code can make blob: URLs.
// - style-src 'unsafe-inline': React `style={…}` attributes and d3's `.style()` write inline styles.
// - img-src/connect-src data: blob: images decoded from files the user drops, data: URIs Vite inlines.
// Everything else is 'self': no CDN, no web fonts from elsewhere, no analytics.
// The dev server does not get it (its React refresh preamble is an inline script).
export const CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval' blob:",
  "worker-src 'self' blob:",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self' data: blob:",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
].join("; ");

/** Put the CSP <meta> first in <head> of the built index.html. */
function cspMeta(): Plugin {
  return {
    name: "ssd-notebook:csp-meta",
    apply: "build",
    transformIndexHtml: () => [
      {
        tag: "meta",
        attrs: { "http-equiv": "Content-Security-Policy", content: CSP },
        injectTo: "head-prepend",
      },
    ],
  };
}

/**
 * tfjs-backend-wasm starts its pthread workers from `factory.toString()` — the Emscripten module's inner
 * function, without the closure around it. That closure's only variable, `_scriptDir`, is guarded by
 * `typeof` in the source, but the minifier renames it and drops the guard, so every pthread worker of a
 * production build died with "e is not defined" (multi-threaded WASM only: cross-origin-isolated pages).
 * tfjs always passes `mainScriptUrlOrBlob` and its own `locateFile`, so the inner function never needs
 * `_scriptDir`: read it from the global scope instead, where the `typeof` guard survives minification.
 */
function wasmThreadsSurviveMinify(): Plugin {
  return {
    name: "ssd-notebook:wasm-threads-survive-minify",
    apply: "build",
    enforce: "pre",
    transform(code, id) {
      if (!/tfjs-backend-wasm-threaded-simd\.js$/.test(id.split("?")[0])) return null;
      const guard = 'typeof _scriptDir !== "undefined" && _scriptDir){scriptDirectory=_scriptDir}';
      const fallback = 'Module["mainScriptUrlOrBlob"]||_scriptDir';
      if (!code.includes(guard) || !code.includes(fallback))
        this.error("tfjs-backend-wasm changed: re-check the pthread _scriptDir patch in vite.config.ts");
      return code
        .replace(
          guard,
          'typeof globalThis._scriptDir !== "undefined" && globalThis._scriptDir){scriptDirectory=globalThis._scriptDir}',
        )
        .replace(fallback, 'Module["mainScriptUrlOrBlob"]');
    },
  };
}

// Relative base: dist/ works from any static server under any sub-path.
export default defineConfig({
  base: "./",
  plugins: [
    react(),
    cspMeta(),
    wasmThreadsSurviveMinify(),
    // Service worker (workbox generateSW): precaches the whole app — JS/CSS/HTML, the tfjs WASM binaries,
    // the backbone (models/) and the built-in pack's manifest + images — so a second visit works offline.
    // Entries are revisioned (content hashes); on activation workbox drops entries a new build no longer
    // lists, and cleanupOutdatedCaches removes caches of older workbox versions. `prompt`: a new build
    // waits until the user accepts the update (src/app/pwa.ts, OfflineBadge). Off in `npm run dev`.
    VitePWA({
      registerType: "prompt",
      injectRegister: false,
      devOptions: { enabled: false },
      manifest: {
        name: "SSD Notebook — Single Shot MultiBox Detector, step by step",
        short_name: "SSD Notebook",
        description:
          "An interactive notebook for the Single Shot MultiBox Detector (fast.ai Lesson 9), runs offline",
        start_url: "./",
        scope: "./",
        display: "standalone",
        background_color: "#ffffff",
        theme_color: "#1f2a44",
        icons: [
          { src: "icons/icon-192.png", sizes: "192x192", type: "image/png" },
          { src: "icons/icon-512.png", sizes: "512x512", type: "image/png" },
          { src: "icons/maskable-512.png", sizes: "512x512", type: "image/png", purpose: "maskable" },
          { src: "icons/icon.svg", sizes: "any", type: "image/svg+xml" },
        ],
      },
      workbox: {
        cacheId: "ssd-notebook",
        globPatterns: [
          "**/*.{html,js,css,wasm,svg,png,ico,woff,woff2,ttf}",
          // the backbone, the shipped SSD checkpoint and the training cells' recorded runs (runs.json)
          "models/*.{json,bin}",
          "data/builtin/manifest.json",
          "data/builtin/CREDITS.txt",
          // the emoji art the training worker draws new scenes with (src/data/synth)
          "data/builtin/art.json",
          "data/builtin/JPEGImages/*.jpg",
        ],
        // The backbone weights are one 4 MB file; workbox's default limit (2 MiB) would silently skip it.
        maximumFileSizeToCacheInBytes: 16 * 1024 * 1024,
        cleanupOutdatedCaches: true,
        navigateFallback: "index.html",
        // …but a link to a file (an annotation, CREDITS.txt) opens that file, not the app.
        navigateFallbackDenylist: [/^(?!.*\.html(\?|$)).*\/[^/?]+\.[^/?]+(\?.*)?$/],
        // ?steps=2, ?backend=… and other settings live in the query: serve the cached page for them too.
        ignoreURLParametersMatching: [/.*/],
      },
    }),
  ],
  worker: { format: "es", plugins: () => [wasmThreadsSurviveMinify()] },
  build: { target: "es2022", sourcemap: false, chunkSizeWarningLimit: 2500 },
  server: { port: 5173 },
  // `npm run preview` serves dist/ as a host would, cross-origin isolated (COOP/COEP) so tfjs-wasm may use
  // threads; a host without these headers still works (single-threaded SIMD WASM). See README, Hosting.
  preview: {
    port: 4173,
    headers: {
      "Cross-Origin-Opener-Policy": "same-origin",
      "Cross-Origin-Embedder-Policy": "require-corp",
    },
  },
});
