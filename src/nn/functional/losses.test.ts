/** Losses against PyTorch 1.13 (every reduction and option), gradcheck, and their errors. */
import { describe, expect, it } from "vitest";
import { gradcheck, rand, randn, tensor, Generator, Tensor } from "../../tensor/index.js";
import * as nn from "../index.js";
import { expectClose, fromJson, loadFixture, type JsonTensor } from "../test-utils/fixtures.js";

const F = nn.F;

interface LossCase {
  fn: string;
  options: Record<string, unknown>;
  input: JsonTensor;
  target: JsonTensor | { indices: number | number[] | number[][] };
  var?: JsonTensor;
  out: JsonTensor;
  v: JsonTensor;
  grads: Record<string, JsonTensor>;
}
const { cases } = loadFixture<{ cases: LossCase[] }>("losses.json");

/** Options with fixture tensors (weight, posWeight) turned into Tensors. */
function options(o: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) out[k] = v && typeof v === "object" && "shape" in v ? fromJson(v as JsonTensor) : v;
  return out;
}

function run(c: LossCase, inputs: Record<string, Tensor>, target: Tensor | number[]): Tensor {
  const o = options(c.options);
  switch (c.fn) {
    case "gaussianNllLoss": return F.gaussianNllLoss(inputs.input!, target as Tensor, inputs.var!, o);
    case "crossEntropy": return F.crossEntropy(inputs.input!, target, o);
    case "nllLoss": return F.nllLoss(inputs.input!, target, o);
    default: return (F as unknown as Record<string, (a: Tensor, b: Tensor, o: unknown) => Tensor>)[c.fn]!(inputs.input!, target as Tensor, o);
  }
}

describe("losses match PyTorch (value and gradients)", () => {
  for (const c of cases) {
    const idx = "indices" in c.target ? c.target.indices : null;
    it(`${c.fn}(${JSON.stringify(c.options).slice(0, 120)}) input [${c.input.shape}]${idx !== null ? " with class indices" : ""}`, () => {
      const inputs: Record<string, Tensor> = { input: fromJson(c.input, "input" in c.grads) };
      if (c.var) inputs.var = fromJson(c.var, "var" in c.grads);
      let target: Tensor | number[];
      if (idx !== null) target = Array.isArray(idx) ? (idx.flat() as number[]) : [idx];
      else target = inputs.target = fromJson(c.target as JsonTensor, "target" in c.grads);
      const out = run(c, inputs, target);
      expectClose(out, c.out, "value", 2e-5, 1e-5);
      out.mul(fromJson(c.v)).sum().backward();
      for (const [k, g] of Object.entries(c.grads)) expectClose(inputs[k]!.grad, g, `grad ${k}`, 1e-4, 1e-5);
    });
  }
});

describe("class-index targets", () => {
  const logits = randn([4, 10], { generator: new Generator(1) });
  const labels = [3, 1, 9, 0];

  it("accept number[], Int32Array and integer-valued tensors alike", () => {
    const a = F.crossEntropy(logits, labels).item();
    expect(F.crossEntropy(logits, Int32Array.from(labels)).item()).toBe(a);
    expect(F.crossEntropy(logits, tensor(labels)).item()).toBe(a);
    expect(new nn.CrossEntropyLoss().forward(logits, tensor(labels)).item()).toBe(a);
  });

  it("explain a wrong count or an out-of-range class", () => {
    expect(() => F.crossEntropy(logits, [1, 2, 3, 4, 5])).toThrow(
      "crossEntropy: target has 5 entries, expected 4 (one class index per row of input [4,10])",
    );
    expect(() => F.crossEntropy(logits, [1, 2, 10, 4])).toThrow(/crossEntropy: class index 10 at position 2 is out of range for 10 classes/);
    expect(() => F.nllLoss(logits, [1, -1, 2, 4])).toThrow(/nllLoss: class index -1 at position 1/);
    expect(() => F.crossEntropy(logits, [1, 2.5, 2, 4])).toThrow(/target 2.5 at position 1 is not an integer/);
    expect(() => F.crossEntropy(logits, tensor([[1], [2], [3], [4]]))).toThrow(
      "crossEntropy: target has shape [4,1]; expected [4] (class indices) or the input's shape [4,10] (class probabilities)",
    );
    expect(() => F.crossEntropy(logits, labels, { weight: tensor([1, 2]) })).toThrow(/weight has shape \[2\], expected \[10\]/);
    expect(() => F.crossEntropy(logits, randn([4, 9]))).toThrow(/crossEntropy: target has shape \[4,9\]; expected \[4\] \(class indices\)/);
  });

  it("stay finite for logits of ±1e4, with label smoothing too", () => {
    const big = tensor([[1e4, -1e4, 0], [-1e4, 1e4, -1e4]], { requiresGrad: true });
    const l = F.crossEntropy(big, [1, 1], { labelSmoothing: 0.1 });
    l.backward();
    expect(Number.isFinite(l.item())).toBe(true);
    for (const g of big.grad!.data) expect(Number.isFinite(g)).toBe(true);
  });

  it("ignoring every row gives NaN for the mean, as in PyTorch", () => {
    expect(F.crossEntropy(logits, [-100, -100, -100, -100]).item()).toBeNaN();
    expect(F.crossEntropy(logits, [-100, -100, -100, -100], { reduction: "sum" }).item()).toBe(0);
  });
});

describe("gradcheck for every loss", () => {
  const g = new Generator(3);
  const x = (): Tensor => randn([3, 4], { generator: g, requiresGrad: true });
  const prob = (): Tensor => rand([3, 4], { generator: g }).mul(0.8).add(0.1).detach().requiresGrad_(true);
  const check = (fn: (...ts: Tensor[]) => Tensor, inputs: Tensor[]): void => {
    expect(gradcheck(fn, inputs, { atol: 5e-3, rtol: 5e-3 })).toBe(true);
  };
  const away = (a: Tensor, b: Tensor, gap: number): Tensor => {
    // Move b so that |a − b| is not within `gap` of the kinks (0 for L1, delta for Huber).
    for (let i = 0; i < a.size; i++) {
      const d = Math.abs(a.data[i]! - b.data[i]!);
      if (d < gap || Math.abs(d - 1) < gap) b.data[i]! += 0.3;
    }
    return b;
  };
  for (const reduction of ["mean", "sum", "none"] as const) {
    it(`regression losses, reduction ${reduction}`, () => {
      const [a, b] = [x(), x()];
      check((p, q) => F.mseLoss(p, q, { reduction }), [a, b]);
      away(a, b, 0.05);
      check((p, q) => F.l1Loss(p, q, { reduction }), [a, b]);
      check((p, q) => F.huberLoss(p, q, { reduction }), [a, b]);
      const v = rand([3, 4], { generator: g }).add(0.5).detach().requiresGrad_(true);
      check((p, q, s) => F.gaussianNllLoss(p, q, s, { reduction, full: true }), [a, b, v]);
    });
    it(`binary losses, reduction ${reduction}`, () => {
      const [p, y] = [prob(), prob()];
      check((pi, yi) => F.binaryCrossEntropy(pi, yi, { reduction }), [p, y]);
      const w = tensor([0.5, 1, 2, 1]);
      check((z, yi) => F.binaryCrossEntropyWithLogits(z, yi, { reduction, weight: w, posWeight: tensor([1, 2, 3, 0.5]) }), [x(), y]);
    });
    it(`multi-class losses, reduction ${reduction}`, () => {
      const w = tensor([0.5, 1, 2, 1.5]);
      check((z) => F.crossEntropy(z, [0, 3, -100], { reduction, weight: w, labelSmoothing: 0.2 }), [x()]);
      check((z, t) => F.crossEntropy(z, t, { reduction, labelSmoothing: 0.1 }), [x(), prob()]);
      check((z) => F.nllLoss(z.logSoftmax(1), [1, 2, 3], { reduction, weight: w }), [x()]);
    });
  }
});

describe("loss modules", () => {
  it("hold their options and keep weights as PyTorch-named buffers", () => {
    const w = tensor([1, 2, 3]);
    const ce = new nn.CrossEntropyLoss({ weight: w, labelSmoothing: 0.1, ignoreIndex: 0 });
    expect(Object.keys(ce.stateDict())).toEqual(["weight"]);
    expect(Object.keys(new nn.BCEWithLogitsLoss({ posWeight: w }).stateDict())).toEqual(["pos_weight"]);
    expect(Object.keys(new nn.CrossEntropyLoss().stateDict())).toEqual([]);
    const z = randn([2, 3], { generator: new Generator(2) });
    expect(ce.forward(z, [1, 2]).item()).toBe(F.crossEntropy(z, [1, 2], { weight: w, labelSmoothing: 0.1, ignoreIndex: 0 }).item());
    const p = tensor([[0.2, 0.7]]);
    const y = tensor([[0, 1]]);
    expect(new nn.MSELoss({ reduction: "sum" }).forward(p, y).item()).toBeCloseTo(0.04 + 0.09, 6);
    expect(new nn.L1Loss().forward(p, y).item()).toBeCloseTo(0.25, 6);
    expect(new nn.HuberLoss({ delta: 0.1 }).forward(p, y).item()).toBeCloseTo((0.1 * (0.2 - 0.05) + 0.1 * (0.3 - 0.05)) / 2, 6);
    expect(new nn.BCELoss().forward(p, y).item()).toBeCloseTo(-(Math.log(0.8) + Math.log(0.7)) / 2, 6);
    expect(new nn.NLLLoss({ reduction: "none" }).forward(tensor([[-1, -2]]), [1]).toArray()).toEqual([2]);
    expect(new nn.GaussianNLLLoss().forward(p, y, tensor([[1, 1]])).item()).toBeCloseTo((0.04 + 0.09) / 4, 6);
  });

  it("reject a bad reduction and mismatched shapes", () => {
    expect(() => new nn.MSELoss({ reduction: "avg" as "mean" })).toThrow(/MSELoss: reduction must be "mean", "sum" or "none", got "avg"/);
    expect(() => F.mseLoss(randn([4, 1]), randn([4]))).toThrow("mseLoss: input has shape [4,1] but target has shape [4]; they must match");
    expect(() => F.binaryCrossEntropy(tensor([1.5]), tensor([1]))).toThrow(/input must be probabilities in \[0, 1\], got 1.5 at position 0/);
    expect(() => F.gaussianNllLoss(randn([3, 4]), randn([3, 4]), randn([4]))).toThrow(/gaussianNllLoss: var has shape \[4\]/);
    expect(() => F.gaussianNllLoss(randn([2]), randn([2]), tensor([1, -1]))).toThrow(/negative entry -1 at position 1/);
  });
});
