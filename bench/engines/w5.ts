/**
 * W5: wall time of `nabla train --data fashion-mnist --layers 128 --epochs 5 --batch-size 64 --lr 2e-3
 * --schedule cosine` (the CLI's own code path, run in-process) on one backend: `node w5.js --backend wasm`.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { getBackend, listBackends, setBackend } from "../../src/index.js";
import { main } from "../../src/cli/main.js";
import { arg, peakRssMB } from "../measure.js";

const backend = arg("backend");
if (!listBackends().includes(backend)) {
  console.log(`SKIP backend ${backend} is not available here`);
  process.exit(0);
}
setBackend(backend);
const dir = mkdtempSync(join(tmpdir(), "nabla-bench-w5-"));
const args = ["train", "--data", "fashion-mnist", "--layers", "128", "--epochs", "5", "--batch-size", "64", "--lr", "2e-3",
  "--schedule", "cosine", "--out", dir, "--name", "w5", "--json", "--quiet"];
let captured = "";
const write = process.stdout.write.bind(process.stdout);
process.stdout.write = ((s: string | Uint8Array) => ((captured += String(s)), true)) as typeof process.stdout.write;
const t0 = performance.now();
const code = await main(args);
const seconds = (performance.now() - t0) / 1000;
process.stdout.write = write;
rmSync(dir, { recursive: true, force: true });
if (code !== 0) {
  console.log(`SKIP nabla train exited with ${code} (is dataset-fashion-mnist installed?)`);
  process.exit(0);
}
const summary = JSON.parse(captured.trim().split("\n").pop()!) as { test?: { accuracy?: number } };
const m = {
  workload: "W5", engine: `nabla ${getBackend()}`, value: seconds, unit: "s", rates: [seconds], peakRssMB: peakRssMB(),
  settings: `default threads; test accuracy ${summary.test?.accuracy?.toFixed(4) ?? "?"}`,
};
console.log(`RESULT ${JSON.stringify(m)}`);
process.exit(0);
