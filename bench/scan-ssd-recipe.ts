// Choose the train-ssd cell's defaults without touching the validation split: train the cell's recipe in
// PyTorch-CPU (bench/pytorch_map.py) on cached features for a grid of (scenes, epochs, dropout) and score each on
// the training split's last `holdout` images (never trained on), with the app's own mAP. One feature cache of the
// largest scene count serves the whole grid (a run with fewer scenes trains on the first ones).
//
//   node --import tsx --import ./bench/node-hooks.mjs bench/scan-ssd-recipe.ts [scenes=500,1000,2000] [epochs=6,10]
//     [drop=0,1] [holdout=120] [python=/usr/bin/python3] [out=bench/scan.json]
import { writeFileSync } from "node:fs";
import { torchTimeToMap } from "./time-to-map-torch";

const a = Object.fromEntries(process.argv.slice(2).map((x) => x.split("=", 2) as [string, string]));
const list = (k: string, d: string) => (a[k] ?? d).split(",").map(Number);
const scenes = list("scenes", "500,1000,2000");
const epochs = list("epochs", "6,10");
const drops = list("drop", "0,1");
const holdout = Number(a.holdout ?? 120);
const rows: {
  scenes: number;
  epochs: number;
  drop: number;
  mAP: number;
  perEpoch: number[];
  trainS: number;
}[] = [];
for (const s of scenes)
  for (const e of epochs)
    for (const d of drops) {
      const row = await torchTimeToMap(
        a.python ?? "/usr/bin/python3",
        (l) => console.error(l),
        1e9,
        {
          scenes: s,
          epochs: e,
          dropScale: d,
          holdout,
          cacheScenes: Math.max(...scenes),
        },
        Number(a.threads ?? 1),
      );
      const pts = row.points ?? [];
      const r = {
        scenes: s,
        epochs: e,
        drop: d,
        mAP: pts.at(-1)?.[1] ?? 0,
        perEpoch: pts.map((p) => p[1]),
        trainS: pts.at(-1)?.[0] ?? 0,
      };
      rows.push(r);
      console.log(
        `scenes ${s}\tepochs ${e}\tdrop ×${d}\thold-out mAP ${r.mAP.toFixed(3)}\t(${r.perEpoch.map((m) => m.toFixed(2)).join(" ")})`,
      );
      writeFileSync(a.out ?? "bench/scan.json", JSON.stringify({ holdout, rows }, null, 1));
    }
