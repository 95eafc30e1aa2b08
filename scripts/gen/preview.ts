// Contact sheet of built-in scenes with their boxes, for a person to look at: `npx tsx scripts/gen/preview.ts [N] [START] [OUT.png]`.
import { writeFileSync } from "node:fs";
import { Resvg } from "@resvg/resvg-js";
import jpeg from "jpeg-js";
import { drawScene } from "../../src/data/synth/render";
import { layoutScene } from "../../src/data/synth/scene";
import { nodePainter } from "./noto";

const n = Number(process.argv[2] ?? 12);
const start = Number(process.argv[3] ?? 0);
let parts = "";
const painter = nodePainter();
const t0 = performance.now();
for (let i = 0; i < n; i++) {
  const s = drawScene(layoutScene(42, start + i), painter);
  const enc = jpeg.encode({ width: s.width, height: s.height, data: s.rgba }, 82);
  const x = (i % 4) * 330,
    y = Math.floor(i / 4) * 330;
  parts += `<image x="${x}" y="${y}" width="${s.width}" height="${s.height}" href="data:image/jpeg;base64,${Buffer.from(enc.data).toString("base64")}"/>`;
  for (const o of s.objects)
    parts += `<rect x="${x + o.xmin - 1}" y="${y + o.ymin - 1}" width="${o.xmax - o.xmin + 1}" height="${o.ymax - o.ymin + 1}" fill="none" stroke="${o.difficult ? "red" : "yellow"}" stroke-width="1.5"/><text x="${x + o.xmin}" y="${y + o.ymin + 10}" font-size="11" fill="yellow">${o.name}</text>`;
}
console.log("ms/scene", (performance.now() - t0) / n);
const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1320" height="${Math.ceil(n / 4) * 330}"><rect width="100%" height="100%" fill="#222"/>${parts}</svg>`;
writeFileSync(
  process.argv[4] ?? "/tmp/sheet.png",
  new Resvg(svg, { font: { loadSystemFonts: true } }).render().asPng(),
);
