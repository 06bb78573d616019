/** Creating tensors: values, shapes, the requiresGrad option on every creator, and PyTorch-style sizes. */
import { describe, expect, it } from "vitest";
import * as nb from "./index.js";
import { Tensor, tensor } from "./index.js";

describe("tensor()", () => {
  it("reads nested arrays, numbers, booleans and typed arrays", () => {
    expect(tensor([[1, 2], [3, 4]]).shape).toEqual([2, 2]);
    expect(tensor(5).shape).toEqual([]);
    expect(tensor(5).item()).toBe(5);
    expect(tensor([true, false]).toArray()).toEqual([1, 0]);
    expect(tensor(new Float32Array([1, 2, 3])).shape).toEqual([3]);
    expect(tensor([]).shape).toEqual([0]);
    expect(tensor([[[]]]).shape).toEqual([1, 1, 0]);
    expect(tensor([0.1]).data[0]).toBe(Math.fround(0.1));
  });
  it("reads flat data with { shape }, copying it", () => {
    const src = new Float32Array([1, 2, 3, 4, 5, 6]);
    const t = tensor(src, { shape: [2, 3] });
    expect(t.toArray()).toEqual([[1, 2, 3], [4, 5, 6]]);
    src[0] = 9;
    expect(t.data[0]).toBe(1);
    expect(tensor([7], { shape: [] }).shape).toEqual([]);
  });
  it("reads out with toArray, item, shape, ndim, size", () => {
    const t = tensor([[[1], [2]], [[3], [4]]]);
    expect(t.toArray()).toEqual([[[1], [2]], [[3], [4]]]);
    expect([t.ndim, t.size, t.numel(), t.dim()]).toEqual([3, 4, 4, 3]);
    expect(t.T.shape).toEqual([1, 2, 2]);
    expect(tensor([[1, 2, 3]]).T.toArray()).toEqual([[1], [2], [3]]);
  });
});

describe("constants and ranges", () => {
  it("zeros, ones and full take a shape array or sizes, with options last", () => {
    for (const t of [nb.zeros([2, 3]), nb.zeros(2, 3), nb.zeros(2, 3, {}), nb.zeros([2, 3], { requiresGrad: false })]) {
      expect(t.shape).toEqual([2, 3]);
      expect(Array.from(t.data)).toEqual([0, 0, 0, 0, 0, 0]);
    }
    expect(nb.zeros(4).shape).toEqual([4]);
    expect(nb.zeros([]).shape).toEqual([]);
    expect(nb.ones(2, 1, 2).toArray()).toEqual([[[1, 1]], [[1, 1]]]);
    expect(nb.full([2, 2], 1.5).toArray()).toEqual([[1.5, 1.5], [1.5, 1.5]]);
    expect(nb.full(2, 2, 1.5).toArray()).toEqual([[1.5, 1.5], [1.5, 1.5]]);
    expect(nb.full(3, 7).toArray()).toEqual([7, 7, 7]);
    expect(() => nb.zeros()).toThrow(/zeros: expected sizes/);
    expect(() => nb.ones(2, [3] as never)).toThrow(/ones: expected sizes as numbers/);
    expect(() => nb.full([2] as never)).toThrow(/full: expected \(shape, value\)/);
  });
  it("arange, linspace and eye", () => {
    expect(nb.arange(5).toArray()).toEqual([0, 1, 2, 3, 4]);
    expect(nb.arange(1, 4).toArray()).toEqual([1, 2, 3]);
    expect(nb.arange(0, 1, 0.25).toArray()).toEqual([0, 0.25, 0.5, 0.75]);
    expect(nb.arange(3, 0, -1).toArray()).toEqual([3, 2, 1]);
    expect(nb.arange(2, 2).shape).toEqual([0]);
    expect(nb.linspace(0, 1, 5).toArray()).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(nb.linspace(3, 3, 1).toArray()).toEqual([3]);
    expect(nb.linspace(0, 1, 0).shape).toEqual([0]);
    expect(nb.eye(2).toArray()).toEqual([[1, 0], [0, 1]]);
    expect(nb.eye(2, 3).toArray()).toEqual([[1, 0, 0], [0, 1, 0]]);
  });
});

describe("requiresGrad on every creator", () => {
  const g = new nb.Generator(1);
  const x = nb.zeros(2, 2);
  const rg = { requiresGrad: true };
  const made: [string, Tensor][] = [
    ["tensor", tensor([1, 2], rg)], ["tensor with shape", tensor([1, 2], { shape: [2], requiresGrad: true })],
    ["zeros", nb.zeros([2], rg)], ["zeros varargs", nb.zeros(2, 3, rg)], ["ones", nb.ones([2], rg)],
    ["ones varargs", nb.ones(2, rg)], ["full", nb.full([2], 3, rg)], ["full varargs", nb.full(2, 2, 3, rg)],
    ["arange", nb.arange(0, 3, rg)], ["linspace", nb.linspace(0, 1, 3, rg)], ["eye", nb.eye(2, rg)],
    ["eye n×m", nb.eye(2, 3, rg)], ["rand", nb.rand([2], rg)], ["rand varargs", nb.rand(2, 2, { ...rg, generator: g })],
    ["randn", nb.randn([2], rg)], ["randn varargs", nb.randn(2, 2, rg)], ["randint", nb.randint(0, 5, [2], rg)],
    ["randint(high, shape)", nb.randint(5, [2], rg)], ["zerosLike", nb.zerosLike(x, rg)], ["onesLike", nb.onesLike(x, rg)],
    ["fullLike", nb.fullLike(x, 2, rg)], ["randLike", nb.randLike(x, rg)], ["randnLike", nb.randnLike(x, rg)],
    ["randintLike", nb.randintLike(x, 0, 3, rg)],
  ];
  for (const [name, t] of made) {
    it(name, () => {
      expect(t.requiresGrad).toBe(true);
      expect(t.isLeaf).toBe(true);
      t.sum().backward();
      expect(t.grad!.shape).toEqual(t.shape);
    });
  }
  it("defaults to false", () => {
    for (const t of [tensor(1), nb.zeros(1), nb.rand(1), nb.arange(2), nb.eye(1), nb.randnLike(x)]) expect(t.requiresGrad).toBe(false);
  });
  it("*Like variants take the shape of their argument", () => {
    const t = nb.zeros(3, 1, 2);
    for (const l of [nb.zerosLike(t), nb.onesLike(t), nb.fullLike(t, 1), nb.randLike(t), nb.randnLike(t), nb.randintLike(t, 0, 2)]) {
      expect(l.shape).toEqual([3, 1, 2]);
    }
  });
});
