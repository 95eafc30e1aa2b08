import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// Relative base: dist/ works from any static server under any sub-path.
export default defineConfig({
  base: "./",
  plugins: [react()],
  worker: { format: "es" },
  build: { target: "es2022", sourcemap: false, chunkSizeWarningLimit: 2500 },
  server: { port: 5173 },
  preview: { port: 4173 },
});
