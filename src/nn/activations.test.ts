/** Activations against PyTorch 1.13: values and gradients (incl. ±1e4), module forms, and gradcheck. */
import { describe, expect, it } from "vitest";
import { gradcheck, randn, tensor, Generator, type Tensor } from "../tensor/index.js";
import * as nn from "./index.js";
import { expectClose, fromJson, loadFixture, type JsonTensor } from "./test-utils/fixtures.js";

interface ActCase {
  name: string;
  options: Record<string, unknown>;
  x: JsonTensor; v: JsonTensor; y: JsonTensor; gx: JsonTensor;
  weight?: JsonTensor; gweight?: JsonTensor;
}
const { cases } = loadFixture<{ cases: ActCase[] }>("activations.json");

function functional(c: ActCase, x: Tensor, weight?: Tensor): Tensor {
  if (c.name === "prelu") return nn.F.prelu(x, weight!);
  const f = (nn.F as unknown as Record<string, (x: Tensor, o: unknown) => Tensor>)[c.name]!;
  return f(x, c.options);
}

describe("activations match PyTorch (value and gradient)", () => {
  for (const c of cases) {
    it(`${c.name}(${JSON.stringify(c.options)}) on shape [${c.x.shape}]`, () => {
      const x = fromJson(c.x, true);
      const w = c.weight ? fromJson(c.weight, true) : undefined;
      const y = functional(c, x, w);
      expectClose(y, c.y, "value", 1e-5, 1e-6);
      for (const v of y.data) expect(Number.isFinite(v)).toBe(true);
      y.mul(fromJson(c.v)).sum().backward();
      expectClose(x.grad, c.gx, "grad x", 1e-4, 1e-6);
      for (const v of x.grad!.data) expect(Number.isFinite(v)).toBe(true);
      if (w) expectClose(w.grad, c.gweight!, "grad weight", 1e-4, 1e-5);
    });
  }
});

const modules: [string, () => nn.Module][] = [
  ["ReLU", () => new nn.ReLU()], ["LeakyReLU", () => new nn.LeakyReLU({ negativeSlope: 0.1 })], ["PReLU", () => new nn.PReLU()],
  ["ELU", () => new nn.ELU({ alpha: 0.7 })], ["SELU", () => new nn.SELU()], ["GELU", () => new nn.GELU()],
  ["GELU tanh", () => new nn.GELU({ approximate: "tanh" })], ["SiLU", () => new nn.SiLU()], ["Mish", () => new nn.Mish()],
  ["Sigmoid", () => new nn.Sigmoid()], ["Tanh", () => new nn.Tanh()], ["Softplus", () => new nn.Softplus({ beta: 2, threshold: 10 })],
  ["Hardtanh", () => new nn.Hardtanh({ minVal: -0.5, maxVal: 0.5 })], ["Softmax", () => new nn.Softmax({ dim: 1 })],
  ["LogSoftmax", () => new nn.LogSoftmax({ dim: 1 })], ["LogSigmoid", () => new nn.LogSigmoid()],
];

describe("activation modules", () => {
  for (const [name, make] of modules) {
    it(`${name} passes gradcheck`, () => {
      const x = randn([3, 4], { generator: new Generator(7), requiresGrad: true });
      // Keep inputs away from the kinks at 0 and the Hardtanh corners, where finite differences straddle them.
      for (let i = 0; i < x.size; i++) if (Math.abs(Math.abs(x.data[i]!) - 0.5) < 0.05 || Math.abs(x.data[i]!) < 0.05) x.data[i]! += 0.2;
      const m = make();
      const params = m.parameters();
      expect(gradcheck((xi, ...ps) => m.forward(xi), [x, ...params], { atol: 5e-3, rtol: 5e-3 })).toBe(true);
    });
  }

  it("PReLU learns a per-channel slope: its weight's gradient passes gradcheck", () => {
    const m = new nn.PReLU({ numParameters: 3, init: 0.1 });
    expect(m.stateDict()).toHaveProperty("weight");
    expect(m.weight.shape).toEqual([3]);
    const x = tensor([[-1, 2, -3], [0.5, -0.5, -2]], { requiresGrad: true });
    expect(gradcheck((xi, w) => nn.F.prelu(xi, w), [x, m.weight])).toBe(true);
    expect(() => m.forward(tensor([[1, 2]]))).toThrow(/prelu: weight has shape \[3\] but input \[1,2\] has 2 channels/);
  });

  it("LeakyReLU and Softmax keep their options", () => {
    expect(new nn.LeakyReLU({ negativeSlope: 0.1 }).forward(tensor([-10])).item()).toBeCloseTo(-1, 6);
    const s = new nn.Softmax({ dim: 0 }).forward(tensor([[1, 2], [3, 4]]));
    expect(s.sum(0).toArray()).toEqual([1, 1]);
    expect(String(new nn.LeakyReLU({ negativeSlope: 0.1 }))).toBe("LeakyReLU(negativeSlope=0.1)");
  });

  it("rejects invalid options with the argument named", () => {
    expect(() => new nn.GELU({ approximate: "fast" as "tanh" })).toThrow(/GELU: approximate must be "none" or "tanh"/);
    expect(() => new nn.PReLU({ numParameters: 0 })).toThrow(/PReLU: numParameters/);
    expect(() => nn.F.softplus(tensor([1]), { beta: 0 })).toThrow(/softplus: beta must be positive/);
  });
});

describe("activations by name", () => {
  it("accepts every activation name, case-insensitively", () => {
    const names = ["relu", "ReLU", "leaky_relu", "leakyrelu", "LeakyReLU", "tanh", "sigmoid", "elu", "selu", "gelu", "silu", "mish", "softplus", "linear", "identity", "prelu", "hardtanh"];
    for (const n of names) expect(nn.activation(n)).toBeInstanceOf(nn.Module);
    expect(nn.activation("LEAKY_RELU")).toBeInstanceOf(nn.LeakyReLU);
    expect(nn.activation("linear")).toBeInstanceOf(nn.Identity);
    expect(() => nn.activation("swishy")).toThrow(/unknown activation "swishy"/);
  });
});
