/**
 * Same seed, same results: training a small network twice gives bit-identical weights on the current
 * backend, and (threads never change a result) with one thread or several.
 */
import { expect, it } from "vitest";
import { Generator, getNumThreads, nn, optim, randn, setNumThreads } from "../index.js";

function train(threads: number): Float32Array[] {
  const prev = getNumThreads();
  setNumThreads(threads);
  try {
    const gen = new Generator(7);
    const model = new nn.Sequential(new nn.Linear(64, 96, { generator: gen }), new nn.ReLU(), new nn.Linear(96, 10, { generator: gen }));
    const opt = new optim.Adam(model.parameters(), { lr: 1e-2 });
    const x = randn([256, 64], { generator: gen });
    const y = Int32Array.from({ length: 256 }, (_, i) => (i * 7) % 10);
    for (let step = 0; step < 5; step++) {
      opt.zeroGrad();
      nn.F.crossEntropy(model.forward(x), y).backward();
      opt.step();
    }
    return model.parameters().map((p) => p.data.slice());
  } finally {
    setNumThreads(prev);
  }
}

it("the same seed gives bit-identical weights, for 1 and for 2 threads", () => {
  const a = train(1);
  expect(train(1)).toEqual(a);
  expect(train(2)).toEqual(a);
});
