/** BatchNorm1d against PyTorch 1.13 over several training steps then eval; gradcheck; eval independence. */
import { describe, expect, it } from "vitest";
import { gradcheck, randn, Generator, tensor } from "../../tensor/index.js";
import * as nn from "../index.js";
import { expectClose, fromJson, loadFixture, type JsonTensor } from "../test-utils/fixtures.js";

interface Step {
  x: JsonTensor; y: JsonTensor; v: JsonTensor; gx: JsonTensor; gweight?: JsonTensor; gbias?: JsonTensor;
  state: Record<string, JsonTensor>;
}
interface BnCase {
  c: number;
  options: { momentum: number | null; eps: number; affine: boolean; trackRunningStats: boolean };
  initState: Record<string, JsonTensor>;
  steps: Step[];
  eval: { x: JsonTensor; y: JsonTensor };
}
const { batchnorm } = loadFixture<{ batchnorm: BnCase[] }>("layers.json");

describe("BatchNorm1d matches PyTorch", () => {
  for (const c of batchnorm) {
    it(`BatchNorm1d(${c.c}, ${JSON.stringify(c.options)}) over ${c.steps.length} steps of [${c.steps[0]!.x.shape}], then eval`, () => {
      const bn = new nn.BatchNorm1d(c.c, c.options);
      expect(Object.keys(bn.stateDict())).toEqual(Object.keys(c.initState));
      bn.loadStateDict(Object.fromEntries(Object.entries(c.initState).map(([k, t]) => [k, fromJson(t)])));
      for (const [i, s] of c.steps.entries()) {
        const x = fromJson(s.x, true);
        const y = bn.forward(x);
        expectClose(y, s.y, `step ${i} y`, 1e-4, 1e-5);
        y.mul(fromJson(s.v)).sum().backward();
        expectClose(x.grad, s.gx, `step ${i} grad x`, 1e-4, 1e-5);
        if (s.gweight) {
          expectClose(bn.weight!.grad, s.gweight, `step ${i} grad weight`, 1e-4, 1e-4);
          expectClose(bn.bias!.grad, s.gbias!, `step ${i} grad bias`, 1e-4, 1e-4);
          bn.zeroGrad();
        }
        const sd = bn.stateDict();
        for (const [k, t] of Object.entries(s.state)) expectClose(sd[k], t, `step ${i} ${k}`, 1e-5, 1e-6);
      }
      bn.eval();
      expectClose(bn.forward(fromJson(c.eval.x)), c.eval.y, "eval y", 1e-4, 1e-5);
    });
  }
});

describe("BatchNorm1d", () => {
  it("in eval, a row's output does not depend on the other rows", () => {
    const g = new Generator(5);
    const bn = new nn.BatchNorm1d(4);
    for (let i = 0; i < 3; i++) bn.forward(randn([8, 4], { generator: g }).mul(3).add(1));
    bn.eval();
    const batch = randn([6, 4], { generator: g });
    const all = bn.forward(batch);
    const alone = bn.forward(batch.narrow(0, 2, 1));
    expect(Array.from(alone.data)).toEqual(Array.from(all.data.slice(8, 12)));
  });

  it("uses the biased variance to normalise and the unbiased one for running_var", () => {
    const bn = new nn.BatchNorm1d(1, { momentum: 1 });
    const y = bn.forward(tensor([[1], [3]]));
    expect(Array.from(y.data).map((v) => Number(v.toFixed(4)))).toEqual([-1, 1]);
    expect(bn.runningMean!.data[0]).toBe(2);
    expect(bn.runningVar!.data[0]).toBe(2);
    expect(bn.numBatchesTracked).toBe(1);
  });

  it("passes gradcheck for input, weight and bias, on [N, C] and [N, C, L]", () => {
    const g = new Generator(6);
    const bn = new nn.BatchNorm1d(3, { momentum: null });
    bn.weight!.uniform_(0.5, 1.5, g);
    bn.bias!.normal_(0, 1, g);
    for (const shape of [[5, 3], [2, 3, 4]]) {
      const x = randn(shape, { generator: g, requiresGrad: true });
      expect(gradcheck((xi) => bn.forward(xi), [x, bn.weight!, bn.bias!], { atol: 5e-3, rtol: 5e-3 })).toBe(true);
    }
  });

  it("explains wrong shapes and one-row training batches", () => {
    const bn = new nn.BatchNorm1d(256);
    expect(() => bn.forward(randn([32, 128]))).toThrow("BatchNorm1d(256): expected input of shape [N, 256] or [N, 256, L], got [32,128]");
    expect(() => bn.forward(randn([1, 256]))).toThrow(/expected more than 1 value per channel when training/);
    expect(bn.numBatchesTracked).toBe(0);
    expect(() => new nn.BatchNorm1d(4, { momentum: 2 })).toThrow(/momentum must be in \[0, 1\] or null, got 2/);
  });

  it("without trackRunningStats has no buffers and always uses batch statistics", () => {
    const bn = new nn.BatchNorm1d(2, { trackRunningStats: false, affine: false });
    expect(bn.stateDict()).toEqual({});
    expect(bn.parameters()).toEqual([]);
    const x = tensor([[1, 10], [3, 20]]);
    expect(bn.eval().forward(x).toArray()).toEqual(bn.train().forward(x).toArray());
  });
});
