// Copy the pretrained backbone (CenterNet's model.json + weights, MIT) from node_modules into public/models/,
// so the static build serves it from our own origin (no download at run time). Runs before dev and build.
import { copyFileSync, existsSync, mkdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { centernetDir } from "./models-node";

const out = join(process.cwd(), "public", "models");
mkdirSync(out, { recursive: true });
for (const file of ["centernet.json", "centernet.bin"]) {
  const src = join(centernetDir(), file);
  const dst = join(out, file);
  if (existsSync(dst) && statSync(dst).size === statSync(src).size) continue;
  copyFileSync(src, dst);
  console.log(`copied ${file} (${(statSync(dst).size / 1e6).toFixed(1)} MB) to public/models/`);
}
