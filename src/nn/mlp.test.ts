/** The mlp builder: layer order, PyTorch indices, activations by name, initialisation choices. */
import { describe, expect, it } from "vitest";
import { Generator, Tensor } from "../tensor/index.js";
import * as nn from "./index.js";

const variance = (t: Tensor): number => {
  let ss = 0;
  for (const v of t.data) ss += v * v;
  return ss / t.size;
};

describe("mlp", () => {
  it("builds Linear → BatchNorm1d → activation → Dropout per hidden layer and a bare final Linear", () => {
    const net = nn.mlp([784, 256, 128, 10], { activation: "relu", batchNorm: true, dropout: 0.2, init: "kaiming" });
    expect([...net].map((m) => m.constructor.name)).toEqual([
      "Linear", "BatchNorm1d", "ReLU", "Dropout", "Linear", "BatchNorm1d", "ReLU", "Dropout", "Linear",
    ]);
    expect(Object.keys(net.stateDict())).toEqual([
      "0.weight", "0.bias", "1.weight", "1.bias", "1.running_mean", "1.running_var", "1.num_batches_tracked",
      "4.weight", "4.bias", "5.weight", "5.bias", "5.running_mean", "5.running_var", "5.num_batches_tracked",
      "8.weight", "8.bias",
    ]);
    expect([...nn.mlp([3, 4, 2])].map((m) => m.constructor.name)).toEqual(["Linear", "ReLU", "Linear"]);
    expect(nn.mlp([3, 2]).length).toBe(1);
  });

  it("accepts every activation name, case-insensitively", () => {
    const cases: [string, unknown][] = [
      ["relu", nn.ReLU], ["ReLU", nn.ReLU], ["leaky_relu", nn.LeakyReLU], ["leakyrelu", nn.LeakyReLU], ["tanh", nn.Tanh],
      ["Sigmoid", nn.Sigmoid], ["elu", nn.ELU], ["SELU", nn.SELU], ["gelu", nn.GELU], ["silu", nn.SiLU], ["mish", nn.Mish],
      ["softplus", nn.Softplus], ["linear", nn.Identity], ["identity", nn.Identity],
    ];
    for (const [name, cls] of cases) expect(nn.mlp([2, 3, 1], { activation: name }).get(1), name).toBeInstanceOf(cls as typeof nn.Module);
    expect(() => nn.mlp([2, 3, 1], { activation: "step" })).toThrow(/unknown activation "step"/);
  });

  it("initialises by the named scheme, with the output layer's gain 1 and zero biases", () => {
    const g = new Generator(1);
    const net = nn.mlp([400, 300, 200], { init: "kaiming", generator: g });
    const [l0, , l2] = [...net] as [nn.Linear, nn.Module, nn.Linear];
    expect(variance(l0.weight) / (2 / 400)).toBeCloseTo(1, 1);
    expect(variance(l2.weight) / (1 / 300)).toBeCloseTo(1, 1);
    expect(l0.bias!.data.every((v) => v === 0)).toBe(true);
    const xav = nn.mlp([400, 300, 200], { init: "xavier", activation: "tanh", generator: g }).get(0) as nn.Linear;
    expect(variance(xav.weight) / ((25 / 9) * 2 / 700)).toBeCloseTo(1, 1);
    const lec = nn.mlp([400, 300, 200], { init: "lecun", activation: "selu", generator: g }).get(0) as nn.Linear;
    expect(variance(lec.weight) / (1 / 400)).toBeCloseTo(1, 1);
    const def = nn.mlp([400, 300, 200], { generator: g }).get(0) as nn.Linear;
    expect(variance(def.weight) / (1 / 1200)).toBeCloseTo(1, 1);
    expect(def.bias!.data.some((v) => v !== 0)).toBe(true);
  });

  it("is reproducible from a generator, and explains bad arguments", () => {
    const a = nn.mlp([4, 5, 2], { init: "orthogonal", generator: new Generator(3) });
    const b = nn.mlp([4, 5, 2], { init: "orthogonal", generator: new Generator(3) });
    expect(a.parameters().map((p) => Array.from(p.data))).toEqual(b.parameters().map((p) => Array.from(p.data)));
    expect(() => nn.mlp([4])).toThrow(/mlp: sizes must list at least 2 positive integer widths/);
    expect(() => nn.mlp([4, 0, 2])).toThrow(/mlp: sizes/);
    expect(() => nn.mlp([4, 2], { init: "he" as "kaiming" })).toThrow(/mlp: unknown init "he"/);
  });
});
