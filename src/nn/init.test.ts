/** nn.init: sample statistics of large tensors against each formula, PyTorch's gains, orthogonality, and LSUV. */
import { describe, expect, it } from "vitest";
import { randn, zeros, Generator, Tensor, noGrad } from "../tensor/index.js";
import * as nn from "./index.js";
import { loadFixture } from "./test-utils/fixtures.js";

const { init } = nn;

function stats(t: Tensor): { mean: number; variance: number; min: number; max: number } {
  let s = 0;
  let min = Infinity;
  let max = -Infinity;
  for (const v of t.data) { s += v; min = Math.min(min, v); max = Math.max(max, v); }
  const mean = s / t.size;
  let ss = 0;
  for (const v of t.data) ss += (v - mean) ** 2;
  return { mean, variance: ss / (t.size - 1), min, max };
}

/** Asserts a sample variance within 2% of the formula (the standard error at 200k samples is ~0.3%). */
function expectVariance(t: Tensor, expected: number): void {
  const { mean, variance } = stats(t);
  expect(Math.abs(variance / expected - 1)).toBeLessThan(0.02);
  expect(Math.abs(mean)).toBeLessThan(5 * Math.sqrt(expected / t.size) + 1e-12);
}

const big = (shape: number[] = [500, 400]): Tensor => zeros(shape);
const g = (): Generator => new Generator(42);

describe("calculateGain", () => {
  it("equals PyTorch's value for every nonlinearity", () => {
    const { gains } = loadFixture<{ gains: Record<string, number> }>("layers.json");
    for (const [key, want] of Object.entries(gains)) {
      const [name, param] = key.split(":");
      expect(init.calculateGain(name!, param === undefined ? undefined : Number(param)), key).toBeCloseTo(want, 12);
    }
    expect(init.calculateGain("leakyRelu", 0.2)).toBe(init.calculateGain("leaky_relu", 0.2));
    expect(() => init.calculateGain("gelu")).toThrow(/unsupported nonlinearity "gelu"/);
  });
});

describe("initialisers match their variance formulas", () => {
  const [fanOut, fanIn] = [500, 400];

  it("uniform and normal", () => {
    const u = init.uniform(big(), { a: -3, b: 1, generator: g() });
    const su = stats(u);
    expect(su.min).toBeGreaterThanOrEqual(-3);
    expect(su.max).toBeLessThan(1);
    expect(Math.abs(su.variance / (16 / 12) - 1)).toBeLessThan(0.02);
    expect(su.mean).toBeCloseTo(-1, 2);
    const n = init.normal(big(), { mean: 2, std: 0.5, generator: g() });
    expect(stats(n).mean).toBeCloseTo(2, 2);
    expect(Math.abs(stats(n).variance / 0.25 - 1)).toBeLessThan(0.02);
  });

  it("truncNormal stays in [a, b] with the truncated normal's variance", () => {
    const t = init.truncNormal(big(), { generator: g() });
    const s = stats(t);
    expect(s.min).toBeGreaterThanOrEqual(-2);
    expect(s.max).toBeLessThanOrEqual(2);
    // Var of N(0,1) truncated to [−2, 2]: 1 − 2·2φ(2)/(Φ(2) − Φ(−2)).
    const phi2 = Math.exp(-2) / Math.sqrt(2 * Math.PI);
    expectVariance(t, 1 - (4 * phi2) / 0.9544997361036416);
    const shifted = init.truncNormal(big(), { mean: 1, std: 0.1, a: 0.95, b: 2, generator: g() });
    expect(stats(shifted).min).toBeGreaterThanOrEqual(Math.fround(0.95));
  });

  it("xavierUniform and xavierNormal: gain²·2/(fanIn + fanOut)", () => {
    expectVariance(init.xavierUniform(big(), { generator: g() }), 2 / (fanIn + fanOut));
    expectVariance(init.xavierNormal(big(), { gain: 5 / 3, generator: g() }), (25 / 9) * 2 / (fanIn + fanOut));
  });

  it("kaimingUniform and kaimingNormal: gain²/fan for each mode and nonlinearity", () => {
    expectVariance(init.kaimingUniform(big(), { nonlinearity: "relu", generator: g() }), 2 / fanIn);
    expectVariance(init.kaimingNormal(big(), { nonlinearity: "relu", mode: "fanOut", generator: g() }), 2 / fanOut);
    expectVariance(init.kaimingNormal(big(), { a: 0.2, generator: g() }), 2 / (1 + 0.04) / fanIn);
    // PyTorch's Linear default, kaiming_uniform with a = √5, is U(−1/√fanIn, 1/√fanIn).
    expectVariance(init.kaimingUniform(big(), { a: Math.sqrt(5), generator: g() }), 1 / (3 * fanIn));
  });

  it("lecunNormal: 1/fanIn, with fans of conv-shaped weights counting the receptive field", () => {
    expectVariance(init.lecunNormal(big(), { generator: g() }), 1 / fanIn);
    expect(init.computeFans(zeros([16, 8, 3, 3]))).toEqual([72, 144]);
    expectVariance(init.lecunNormal(zeros([64, 32, 5, 5]), { generator: g() }), 1 / (32 * 25));
    expect(() => init.xavierUniform(zeros([5]))).toThrow(/xavierUniform: fan in and fan out need a tensor of at least 2 dims, got shape \[5\]/);
    expect(() => init.kaimingUniform(big(), { mode: "fan_in" as "fanIn" })).toThrow(/mode must be "fanIn" or "fanOut"/);
  });

  it("zeros, ones and constant fill in place and return the tensor", () => {
    const t = big([3, 2]);
    expect(init.ones(t)).toBe(t);
    expect(Array.from(init.constant(t, 0.5).data)).toEqual([0.5, 0.5, 0.5, 0.5, 0.5, 0.5]);
    expect(Array.from(init.zeros(t).data)).toEqual([0, 0, 0, 0, 0, 0]);
  });

  it("is reproducible from a generator and unrecorded on parameters", () => {
    const a = init.kaimingNormal(big([20, 10]), { generator: new Generator(5) });
    const b = init.kaimingNormal(big([20, 10]), { generator: new Generator(5) });
    expect(Array.from(a.data)).toEqual(Array.from(b.data));
    const p = new nn.Parameter(zeros([3, 3]));
    init.xavierUniform(p);
    expect(p.isLeaf).toBe(true);
  });
});

describe("orthogonal", () => {
  function gram(t: Tensor, rowsOrthonormal: boolean): number {
    const [r, c] = t.shape as [number, number];
    const [n, len] = rowsOrthonormal ? [r, c] : [c, r];
    const at = (i: number, k: number): number => (rowsOrthonormal ? t.data[i * c + k]! : t.data[k * c + i]!);
    let err = 0;
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        let d = 0;
        for (let k = 0; k < len; k++) d += at(i, k) * at(j, k);
        err = Math.max(err, Math.abs(d - (i === j ? 1 : 0)));
      }
    }
    return err;
  }

  it("gives orthonormal rows (wide) or columns (tall)", () => {
    expect(gram(init.orthogonal(zeros([20, 50]), { generator: g() }), true)).toBeLessThan(1e-5);
    expect(gram(init.orthogonal(zeros([50, 20]), { generator: g() }), false)).toBeLessThan(1e-5);
    expect(gram(init.orthogonal(zeros([30, 30]), { generator: g() }), true)).toBeLessThan(1e-5);
  });

  it("scales by gain", () => {
    const t = init.orthogonal(zeros([10, 10]), { gain: 2, generator: g() });
    let ss = 0;
    for (const v of t.data) ss += v * v;
    expect(ss).toBeCloseTo(40, 3);
    expect(() => init.orthogonal(zeros([4]))).toThrow(/orthogonal: only tensors with 2 or more dims/);
  });
});

describe("lsuv", () => {
  it("brings every layer's output variance to 1 within the tolerance and restores training modes", () => {
    const gen = new Generator(8);
    const net = nn.mlp([20, 64, 64, 64, 5], { activation: "tanh", dropout: 0.1, generator: gen });
    const batch = randn([256, 20], { generator: gen }).mul(3);
    expect(nn.init.lsuv(net, batch, { tolerance: 0.05, maxIter: 20, generator: gen })).toBe(net);
    expect(net.modules().every((m) => m.training)).toBe(true);
    net.eval();
    let h = batch;
    noGrad(() => {
      for (const m of net) {
        h = m.forward(h);
        if (m instanceof nn.Linear) {
          let s = 0;
          let ss = 0;
          for (const v of h.data) { s += v; ss += v * v; }
          const mean = s / h.size;
          const variance = (ss - h.size * mean * mean) / (h.size - 1);
          expect(Math.abs(variance - 1)).toBeLessThan(0.05);
        }
      }
    });
  });

  it("needs a layer with a matrix weight", () => {
    expect(() => nn.init.lsuv(new nn.Sequential(new nn.ReLU()), randn([2, 2]))).toThrow(/has no layer with a weight of 2 or more dims/);
  });
});
