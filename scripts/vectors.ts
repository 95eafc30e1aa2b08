// `npm run --silent vectors -- FILE.json`: compute every case of a vectors file with the project's own code on
// the tfjs CPU backend and print {"results": [...]} (see ../shared/reference/VECTORS.md). Never reads `expect`.
import { readFileSync } from "node:fs";
import "@tensorflow/tfjs-backend-cpu";
import * as tf from "@tensorflow/tfjs-core";
import { loadOps, runFile, type VectorFile } from "./vectors/registry";

async function main(): Promise<number> {
  const path = process.argv[2];
  if (!path) {
    console.error("usage: npm run --silent vectors -- FILE.json");
    return 2;
  }
  let file: VectorFile;
  try {
    file = JSON.parse(readFileSync(path, "utf8"));
  } catch (e) {
    console.error(`${path}: cannot read vectors: ${e instanceof Error ? e.message : e}`);
    return 1;
  }
  // stdout carries only the JSON answer: anything the libraries log goes to stderr.
  const log = console.log;
  console.log = (...a: unknown[]) => console.error(...a);
  await tf.setBackend("cpu");
  await tf.ready();
  const { ops, problems } = await loadOps();
  for (const p of problems) console.error(`vectors: ${p}`);
  let results: Awaited<ReturnType<typeof runFile>>;
  try {
    results = await runFile(ops, file);
  } catch (e) {
    console.error(`${path}: ${e instanceof Error ? e.message : e}`);
    return 1;
  }
  console.log = log;
  process.stdout.write(`${JSON.stringify({ results })}\n`);
  return 0;
}

main().then((code) => {
  process.exitCode = code;
});
