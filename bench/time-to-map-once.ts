// `node --import tsx bench/time-to-map-once.ts [seconds]`: only the browser time_to_map row (the train-ssd cell's
// defaults, cold start, CPU path), for longer than the bench's 5 minutes when the whole schedule is wanted.
import { browserTimeToMap } from "./time-to-map";

const seconds = Number(process.argv[2] ?? 300);
const row = await browserTimeToMap((s) => console.log(s), seconds);
console.log(JSON.stringify(row));
