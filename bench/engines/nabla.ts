/** nabla on W1–W4: `node nabla.js --workload W1 --backend wasm --threads 2`; prints one RESULT line. */
import { Tensor, getBackend, listBackends, nn, noGrad, optim, setBackend, setNumThreads } from "../../src/index.js";
import { arg, ratesSync, repeatOptions, report } from "../measure.js";
import { W1, W2, W3, W4, UNITS, data, labels, type WorkloadName } from "../workloads.js";

const workload = arg("workload") as WorkloadName;
const backend = arg("backend");
const threads = Number(arg("threads", "2"));
if (!listBackends().includes(backend)) {
  console.log(`SKIP backend ${backend} is not available here`);
  process.exit(0);
}
setBackend(backend);
setNumThreads(threads);
const opts = repeatOptions();

function mlp(layers: readonly number[], act: "relu" | "tanh"): nn.Sequential {
  const mods: nn.Module[] = [];
  for (let i = 0; i + 1 < layers.length; i++) {
    mods.push(new nn.Linear(layers[i]!, layers[i + 1]!));
    if (i + 2 < layers.length) mods.push(act === "relu" ? new nn.ReLU() : new nn.Tanh());
  }
  return new nn.Sequential(...mods);
}

const t = (d: Float32Array, shape: number[]): Tensor => new Tensor(d, shape);

/** Rates of training steps (zeroGrad, forward and loss, backward, step) cycling through the batches; `work` units a step. */
function stepRates<Y>(opt: optim.Optimizer, xs: Tensor[], ys: Y[], loss: (x: Tensor, y: Y) => Tensor, work: number): number[] {
  let b = 0;
  return ratesSync(() => {
    const i = b++ % xs.length;
    opt.zeroGrad();
    loss(xs[i]!, ys[i]!).backward();
    opt.step();
  }, work, opts);
}

async function main(): Promise<void> {
  let rs: number[];
  if (workload === "W1") {
    const model = mlp(W1.layers, "relu");
    const opt = new optim.Adam(model.parameters(), { lr: W1.lr });
    const xs = Array.from({ length: W1.batches }, (_, i) => t(data(W1.batch * 784, 100 + i), [W1.batch, 784]));
    const ys = Array.from({ length: W1.batches }, (_, i) => labels(W1.batch, 10, 200 + i));
    rs = stepRates(opt, xs, ys, (x, y) => nn.F.crossEntropy(model.forward(x), y), W1.batch);
  } else if (workload === "W2") {
    const model = mlp(W2.layers, "tanh");
    const opt = new optim.SGD(model.parameters(), { lr: W2.lr });
    const xs = Array.from({ length: W2.batches }, (_, i) => t(data(W2.batch * 2, 300 + i), [W2.batch, 2]));
    const ys = Array.from({ length: W2.batches }, (_, i) => t(data(W2.batch, 400 + i), [W2.batch, 1]));
    rs = stepRates(opt, xs, ys, (x, y) => nn.F.mseLoss(model.forward(x), y), 1);
  } else if (workload === "W3") {
    const n = W3.n;
    const a = t(data(n * n, 1), [n, n]);
    const b2 = t(data(n * n, 2), [n, n]);
    rs = ratesSync(() => noGrad(() => a.matmul(b2)), (2 * n ** 3) / 1e9, { ...opts, targetMs: Math.max(opts.targetMs, 300) });
  } else {
    const model = mlp(W1.layers, "relu");
    model.eval();
    const x = t(data(W4.rows * 784, 500), [W4.rows, 784]);
    rs = ratesSync(() => noGrad(() => model.forward(x)), W4.rows, opts);
  }
  report(workload, `nabla ${getBackend()}`, UNITS[workload], rs, `${threads} thread${threads > 1 ? "s" : ""}`);
}

await main();
process.exit(0); // idle worker threads are unref'd; exit promptly anyway
