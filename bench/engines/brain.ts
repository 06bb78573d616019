/**
 * brain.js 1.6 (the reference for hand-written per-sample loops) on W1, W2 and W4. It trains one
 * sample at a time (SGD with momentum), so a "step" here is one pass over the batch's samples, and its
 * output layer uses the hidden activation (it has no linear output): close to, not exactly, the workload.
 */
import { createRequire } from "node:module";
import { arg, rates, repeatOptions, report } from "../measure.js";
import { W1, W2, W4, UNITS, data, labels, type WorkloadName } from "../workloads.js";

interface BrainNet {
  train(data: { input: number[]; output: number[] }[], options: object): unknown;
  formatData(data: { input: number[]; output: number[] }[]): unknown[];
  trainPatterns(data: unknown[]): void;
  run(input: number[] | Float32Array): unknown;
}
const brain = createRequire(import.meta.url)("brain.js") as { NeuralNetwork: new (options: object) => BrainNet };

const workload = arg("workload") as WorkloadName;
const opts = repeatOptions();

function rows(x: Float32Array, width: number): number[][] {
  return Array.from({ length: x.length / width }, (_, i) => Array.from(x.subarray(i * width, (i + 1) * width)));
}

async function main(): Promise<void> {
  let rs: number[];
  if (workload === "W2" || workload === "W1") {
    const w = workload === "W1" ? W1 : W2;
    const [inF, outF] = [w.layers[0]!, w.layers[w.layers.length - 1]!];
    const net = new brain.NeuralNetwork({ hiddenLayers: w.layers.slice(1, -1), activation: workload === "W1" ? "relu" : "tanh", learningRate: w.lr });
    const x = rows(data(w.batch * inF, workload === "W1" ? 100 : 300), inF);
    const y = workload === "W1"
      ? Array.from(labels(w.batch, 10, 200), (c) => Array.from({ length: 10 }, (_, k) => (k === c ? 1 : 0)))
      : rows(data(w.batch, 400), outF);
    const samples = x.map((input, i) => ({ input, output: y[i]! }));
    net.train(samples, { iterations: 1, log: false }); // sizes the layers
    const formatted = net.formatData(samples);
    rs = await rates(() => net.trainPatterns(formatted), workload === "W1" ? w.batch : 1, opts);
  } else if (workload === "W4") {
    const net = new brain.NeuralNetwork({ hiddenLayers: W1.layers.slice(1, -1), activation: "relu" });
    net.train([{ input: Array.from(data(784, 1)), output: new Array(10).fill(0) }], { iterations: 1, log: false });
    const x = rows(data(W4.rows * 784, 500), 784).map((r) => Float32Array.from(r));
    rs = await rates(() => {
      for (const r of x) net.run(r);
    }, W4.rows, opts);
  } else {
    console.log(`SKIP brain.js has no ${workload}`);
    return;
  }
  report(workload, "brain.js", UNITS[workload], rs, "1 thread, per-sample loop");
}

await main();
