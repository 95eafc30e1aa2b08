// The app's icons for the web app manifest (install + offline), drawn as SVG and rendered to PNG with resvg.
// Run once after changing the drawing: `npx tsx scripts/gen-icons.ts` (writes public/icons/, committed).
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Resvg } from "@resvg/resvg-js";

/** Two overlapping boxes (a ground truth and an anchor) on the app's dark blue; `pad` shrinks them into a safe zone. */
function iconSvg(pad: number, rounded: boolean): string {
  const s = 512;
  const k = (s - 2 * pad) / 32; // the 32-unit favicon drawing, scaled into the padded square
  const at = (v: number) => pad + v * k;
  const rx = rounded ? 96 : 0;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${s} ${s}" width="${s}" height="${s}">
  <rect width="${s}" height="${s}" rx="${rx}" fill="#1f2a44"/>
  <rect x="${at(6)}" y="${at(7)}" width="${14 * k}" height="${12 * k}" fill="none" stroke="#ffb000" stroke-width="${2.5 * k}"/>
  <rect x="${at(13)}" y="${at(13)}" width="${13 * k}" height="${12 * k}" fill="none" stroke="#4fc3f7" stroke-width="${2.5 * k}"/>
</svg>
`;
}

const out = join(process.cwd(), "public", "icons");
mkdirSync(out, { recursive: true });
const plain = iconSvg(0, true);
const maskable = iconSvg(64, false); // content inside the 80% safe circle of maskable icons
writeFileSync(join(out, "icon.svg"), plain);
for (const [name, svg, size] of [
  ["icon-192.png", plain, 192],
  ["icon-512.png", plain, 512],
  ["maskable-512.png", maskable, 512],
  ["apple-touch-icon.png", maskable, 180],
] as const) {
  const png = new Resvg(svg, { fitTo: { mode: "width", value: size } }).render().asPng();
  writeFileSync(join(out, name), png);
  console.log(`public/icons/${name}: ${size}×${size}, ${png.length} bytes`);
}
