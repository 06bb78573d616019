/** TensorFlow.js (cpu or wasm backend, in Node) on W1–W4: `node tfjs.js --workload W1 --backend wasm`. */
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import * as tf from "@tensorflow/tfjs";
import { setWasmPaths } from "@tensorflow/tfjs-backend-wasm";
import { arg, rates, repeatOptions, report } from "../measure.js";
import { W1, W2, W3, W4, UNITS, data, labels, type WorkloadName } from "../workloads.js";

const workload = arg("workload") as WorkloadName;
const backend = arg("backend");
const opts = repeatOptions();

function mlp(layers: readonly number[], activation: "relu" | "tanh"): tf.Sequential {
  const model = tf.sequential();
  for (let i = 0; i + 1 < layers.length; i++) {
    model.add(tf.layers.dense({
      units: layers[i + 1]!, inputShape: i === 0 ? [layers[0]!] : undefined,
      activation: i + 2 < layers.length ? activation : "linear",
    }));
  }
  return model;
}

async function main(): Promise<void> {
  if (backend === "wasm") {
    const pkg = createRequire(import.meta.url).resolve("@tensorflow/tfjs-backend-wasm");
    setWasmPaths(join(dirname(pkg), "/"));
  }
  await tf.setBackend(backend);
  await tf.ready();
  let rs: number[];
  if (workload === "W1" || workload === "W2") {
    const w = workload === "W1" ? W1 : W2;
    const model = mlp(w.layers, workload === "W1" ? "relu" : "tanh");
    const optimizer = workload === "W1" ? tf.train.adam(W1.lr) : tf.train.sgd(W2.lr);
    const inF = w.layers[0]!;
    const outF = w.layers[w.layers.length - 1]!;
    const xs = Array.from({ length: w.batches }, (_, i) => tf.tensor2d(data(w.batch * inF, (workload === "W1" ? 100 : 300) + i), [w.batch, inF]));
    const ys = Array.from({ length: w.batches }, (_, i) =>
      workload === "W1"
        ? tf.oneHot(tf.tensor1d(labels(w.batch, 10, 200 + i), "int32"), 10).toFloat()
        : tf.tensor2d(data(w.batch, 400 + i), [w.batch, outF]));
    let b = 0;
    rs = await rates(() => {
      const i = b++ % w.batches;
      tf.tidy(() => {
        optimizer.minimize(() => {
          const out = model.apply(xs[i]!) as tf.Tensor; // predict() would split the batch into chunks of 32
          return workload === "W1" ? tf.losses.softmaxCrossEntropy(ys[i]!, out) : tf.losses.meanSquaredError(ys[i]!, out);
        });
      });
    }, workload === "W1" ? w.batch : 1, opts);
  } else if (workload === "W3") {
    const n = W3.n;
    const a = tf.tensor2d(data(n * n, 1), [n, n]);
    const b = tf.tensor2d(data(n * n, 2), [n, n]);
    rs = await rates(() => {
      const c = tf.matMul(a, b);
      c.dataSync();
      c.dispose();
    }, (2 * n ** 3) / 1e9, { ...opts, targetMs: Math.max(opts.targetMs, 300) });
  } else {
    const model = mlp(W1.layers, "relu");
    const x = tf.tensor2d(data(W4.rows * 784, 500), [W4.rows, 784]);
    rs = await rates(() => {
      const y = model.predict(x, { batchSize: W4.rows }) as tf.Tensor; // one batch, not chunks of 32
      y.dataSync();
      y.dispose();
    }, W4.rows, opts);
  }
  report(workload, `TF.js ${backend}`, UNITS[workload], rs, backend === "wasm" ? "1 thread (no threads in Node), SIMD" : "1 thread");
}

await main();
