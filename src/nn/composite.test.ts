/** Whole networks: gradcheck through composed layers, and shape properties of layers and losses (fast-check). */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { gradcheck, randn, Generator } from "../tensor/index.js";
import * as nn from "./index.js";

describe("gradcheck through composed layers", () => {
  it("an mlp with BatchNorm1d and GELU, every parameter included", () => {
    const g = new Generator(12);
    const net = nn.mlp([3, 5, 2], { activation: "gelu", batchNorm: true, generator: g });
    const x = randn([6, 3], { generator: g, requiresGrad: true });
    expect(gradcheck((xi) => net.forward(xi), [x, ...net.parameters()], { atol: 5e-3, rtol: 5e-3 })).toBe(true);
  });

  it("Residual(Sequential(Linear, Tanh)) and Flatten", () => {
    const g = new Generator(13);
    const block = new nn.Sequential(new nn.Flatten(), new nn.Residual(new nn.Sequential(new nn.Linear(6, 6, { generator: g }), new nn.Tanh())));
    const x = randn([2, 2, 3], { generator: g, requiresGrad: true });
    expect(gradcheck((xi) => block.forward(xi), [x, ...block.parameters()])).toBe(true);
  });

  it("Dropout with a fixed mask", () => {
    const x = randn([4, 5], { generator: new Generator(14), requiresGrad: true });
    expect(gradcheck((xi) => nn.F.dropout(xi, { p: 0.3, generator: new Generator(1) }), [x])).toBe(true);
  });
});

describe("shape properties", () => {
  const dims = fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 0, maxLength: 3 });

  it("Linear maps [..., in] to [..., out]", () => {
    fc.assert(fc.property(dims, fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 5 }), (lead, i, o) => {
      const y = new nn.Linear(i, o).forward(randn([...lead, i]));
      expect(y.shape).toEqual([...lead, o]);
    }), { numRuns: 30 });
  });

  it("crossEntropy with reduction none has the input's shape without the class dim", () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 2, max: 5 }), dims, (n, c, rest) => {
      const input = randn([n, c, ...rest]);
      const size = n * rest.reduce((a, b) => a * b, 1);
      const target = Array.from({ length: size }, (_, k) => k % c);
      expect(nn.F.crossEntropy(input, target, { reduction: "none" }).shape).toEqual([n, ...rest]);
      expect(nn.F.crossEntropy(input, target).shape).toEqual([]);
    }), { numRuns: 30 });
  });

  it("elementwise losses keep the shape with reduction none and give a scalar otherwise", () => {
    fc.assert(fc.property(dims, (shape) => {
      const [a, b] = [randn(shape), randn(shape).sigmoid()];
      for (const f of [nn.F.mseLoss, nn.F.l1Loss, nn.F.huberLoss, nn.F.binaryCrossEntropyWithLogits]) {
        expect(f(a, b, { reduction: "none" }).shape).toEqual(shape);
        expect(f(a, b, { reduction: "sum" }).shape).toEqual([]);
      }
    }), { numRuns: 30 });
  });
});
