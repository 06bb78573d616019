/**
 * Tensors are plain garbage-collected objects: training a small network for thousands of steps,
 * with no dispose or tidy, leaves the heap where it was after warm-up.
 */
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { expect, it } from "vitest";
import { Generator, Tensor, randn, noGrad } from "./index.js";

/** A full collection: global.gc when node runs with --expose-gc, else the same function obtained at run time. */
function collector(): () => void {
  const g = (globalThis as { gc?: () => void }).gc;
  if (g) return g;
  setFlagsFromString("--expose-gc");
  return runInNewContext("gc") as () => void;
}

/** Collects twice around a pause, so that ArrayBuffer memory freed off-thread is returned before measuring. */
async function settle(gc: () => void): Promise<void> {
  gc();
  await new Promise((resolve) => setTimeout(resolve, 20));
  gc();
}

it("a 2-layer network trains for 3000 steps with a flat heap", async () => {
  const gc = collector();
  const gen = new Generator(0);
  const x = randn([64, 8], { generator: gen });
  const y = noGrad(() => x.narrow(1, 0, 1).mul(x.narrow(1, 1, 1)).sin()); // a smooth target, shape [64, 1]
  const params = [
    randn([8, 32], { generator: gen }).mul(0.3).detach().requiresGrad_(),
    randn([32], { generator: gen }).mul(0.1).detach().requiresGrad_(),
    randn([32, 1], { generator: gen }).mul(0.3).detach().requiresGrad_(),
    randn([1], { generator: gen }).mul(0.1).detach().requiresGrad_(),
  ] as [Tensor, Tensor, Tensor, Tensor];
  const [w1, b1, w2, b2] = params;

  const step = (): number => {
    const h = x.matmul(w1).add(b1).tanh();
    const diff = h.matmul(w2).add(b2).sub(y);
    const loss = diff.mul(diff).mean();
    loss.backward();
    for (const p of params) {
      const [d, g] = [p.data, p.grad!.data];
      for (let i = 0; i < d.length; i++) d[i]! -= 0.1 * g[i]!; // plain SGD on .data, not recorded
      p.grad = null;
    }
    return loss.item();
  };

  const first = step();
  for (let i = 0; i < 300; i++) step(); // warm-up: JIT, hidden classes, allocator pools
  await settle(gc);
  // Tensor values live in ArrayBuffers, which V8 may keep outside the JS heap: count both.
  const used = (): number => process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
  const before = used();
  let last = first;
  for (let i = 0; i < 3000; i++) last = step();
  await settle(gc);
  const grown = used() - before;

  expect(last).toBeLessThan(first / 3); // it did learn
  // Measured: flat training grows by about 0.15 MB; keeping each step's loss (and so its graph) alive
  // grows by about 120 MB over the 3000 steps. 8 MB of slack separates the two with room to spare.
  expect(grown).toBeLessThan(8 * 1024 * 1024);
});
