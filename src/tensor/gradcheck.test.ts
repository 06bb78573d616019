/** Finite-difference checks of every differentiable op, and of gradcheck itself. */
import { describe, expect, it } from "vitest";
import * as nb from "./index.js";
import { Generator, Tensor, gradcheck, tensor } from "./index.js";

const gen = new Generator(7);

/** Random values in [lo, hi) kept at least `margin` away from each kink point (relu at 0, clamp bounds…). */
function rnd(shape: number[], lo = -2, hi = 2, kinks: number[] = [0], margin = 0.05): Tensor {
  const t = nb.rand(shape, { generator: gen });
  for (let i = 0; i < t.size; i++) {
    let v = lo + (hi - lo) * t.data[i]!;
    for (const k of kinks) if (Math.abs(v - k) < margin) v = k + (v < k ? -margin : margin);
    t.data[i] = v;
  }
  return t.requiresGrad_();
}
const pos = (...shape: number[]): Tensor => rnd(shape, 0.5, 2);
const any = (...shape: number[]): Tensor => rnd(shape);
const idx = (values: number[], shape: number[]): Tensor => tensor(values, { shape });
const mask = tensor([[1, 0, 1], [0, 0, 1]]);

type Case = [name: string, fn: (...xs: Tensor[]) => Tensor, inputs: () => Tensor[]];
const unary = (name: string, fn: (x: Tensor) => Tensor, make = () => any(2, 3)): Case => [name, fn, () => [make()]];

const cases: Case[] = [
  ["add broadcast", (a, b) => nb.add(a, b, 2), () => [any(3, 1, 4), any(2, 1)]],
  ["sub broadcast", (a, b) => nb.sub(a, b), () => [any(5, 4), any(4)]],
  ["mul scalar tensor", (a, b) => nb.mul(a, b), () => [any(2, 3), any()]],
  ["mul number", (a) => nb.mul(a, -1.5), () => [any(2, 3)]],
  ["div", (a, b) => nb.div(a, b), () => [any(3, 1, 4), pos(2, 1)]],
  ["div number by tensor", (b) => nb.div(2, b), () => [pos(2, 3)]],
  ["pow tensor exponent", (a, b) => nb.pow(a, b), () => [pos(3, 1), any(4)]],
  ["pow scalar exponent", (a) => nb.pow(a, 3), () => [any(2, 3)]],
  ["pow fractional exponent", (a) => nb.pow(a, -1.5), () => [pos(2, 3)]],
  ["pow number base", (b) => nb.pow(2, b), () => [any(2, 3)]],
  ["maximum", (a, b) => nb.maximum(a, b), () => { const a = any(2, 3); return [a, nb.add(a.detach(), rnd([2, 3], -1, 1, [0], 0.1)).requiresGrad_()]; }],
  ["minimum", (a, b) => nb.minimum(a, b), () => { const a = any(3, 1); return [a, nb.add(a.detach(), rnd([3, 4], -1, 1, [0], 0.1)).requiresGrad_()]; }],
  unary("neg", nb.neg), unary("exp", nb.exp), unary("log", nb.log, () => pos(2, 3)),
  unary("log1p", nb.log1p, () => rnd([2, 3], -0.5, 2)), unary("expm1", nb.expm1),
  unary("sqrt", nb.sqrt, () => pos(2, 3)), unary("rsqrt", nb.rsqrt, () => pos(2, 3)), unary("square", nb.square),
  unary("reciprocal", nb.reciprocal, () => pos(2, 3)), unary("abs", nb.abs), unary("sin", nb.sin), unary("cos", nb.cos),
  unary("erf", nb.erf),
  unary("clamp", (x) => nb.clamp(x, -0.5, 0.7), () => rnd([3, 4], -2, 2, [-0.5, 0.7])),
  ["where", (a, b) => nb.where(mask, a, b), () => [any(2, 3), any(1, 3)]],
  unary("relu", nb.relu), unary("sigmoid", nb.sigmoid), unary("tanh", nb.tanh),
  unary("leakyRelu", (x) => nb.leakyRelu(x, 0.2)), unary("elu", (x) => nb.elu(x, 0.7)), unary("selu", nb.selu),
  unary("gelu", (x) => nb.gelu(x)), unary("gelu tanh", (x) => nb.gelu(x, "tanh")), unary("silu", nb.silu),
  unary("mish", nb.mish), unary("softplus", (x) => nb.softplus(x, 2, 3), () => rnd([3, 4], -3, 3, [1.5])),
  unary("logSigmoid", nb.logSigmoid), unary("hardtanh", (x) => nb.hardtanh(x), () => rnd([3, 4], -2, 2, [-1, 1])),
  unary("softmax", (x) => nb.softmax(x, 1), () => any(2, 3, 4)),
  unary("logSoftmax", (x) => nb.logSoftmax(x, 0), () => any(2, 3, 4)),
  unary("sum all", (x) => nb.sum(x), () => any(2, 3, 4)),
  unary("sum dims keepdim", (x) => nb.sum(x, [0, 2], true), () => any(2, 3, 4)),
  unary("mean dim", (x) => nb.mean(x, 1), () => any(2, 3, 4)),
  unary("prod all", (x) => nb.prod(x), () => any(2, 3)),
  unary("prod dim", (x) => nb.prod(x, 1, true), () => any(2, 3, 4)),
  unary("max all", (x) => nb.max(x), () => any(2, 3)),
  unary("max dim", (x) => nb.max(x, 2), () => any(2, 3, 4)),
  unary("min dim keepdim", (x) => nb.min(x, 0, true), () => any(2, 3, 4)),
  unary("var all", (x) => nb.variance(x), () => any(2, 3)),
  unary("var dim", (x) => nb.variance(x, 1, true, 0), () => any(2, 3, 4)),
  unary("std dim", (x) => nb.std(x, -1), () => any(2, 3, 4)),
  unary("logsumexp", (x) => nb.logsumexp(x, 1), () => any(2, 3, 4)),
  unary("norm 2 all", (x) => nb.norm(x), () => any(2, 3)),
  unary("norm 2 dim", (x) => nb.norm(x, 2, 1, true), () => any(2, 3, 4)),
  unary("norm 1", (x) => nb.norm(x, 1, 0), () => any(2, 3)),
  unary("norm 3", (x) => nb.norm(x, 3), () => any(2, 3)),
  unary("norm inf", (x) => nb.norm(x, Infinity, 1), () => any(2, 3)),
  unary("reshape", (x) => nb.reshape(x, [4, -1]), () => any(2, 3, 4)),
  unary("flatten", (x) => nb.flatten(x, 1), () => any(2, 3, 4)),
  unary("squeeze", (x) => nb.squeeze(x), () => any(2, 1, 3)),
  unary("unsqueeze", (x) => nb.unsqueeze(x, 1), () => any(2, 3)),
  unary("permute", (x) => nb.permute(x, [2, 0, 1]), () => any(2, 3, 4)),
  unary("transpose", (x) => nb.transpose(x, 0, 1), () => any(2, 3)),
  unary("expand", (x) => nb.expand(x, [2, 3, 4]), () => any(3, 1)),
  unary("clone", nb.clone),
  ["cat", (a, b) => nb.cat([a, b], 1), () => [any(2, 3), any(2, 2)]],
  ["stack", (a, b) => nb.stack([a, b], 1), () => [any(2, 3), any(2, 3)]],
  unary("narrow", (x) => nb.narrow(x, 1, 1, 2), () => any(3, 4)),
  unary("split", (x) => nb.mul(nb.split(x, 2, 0)[1]!, 2), () => any(5, 3)),
  unary("chunk", (x) => nb.chunk(x, 2, 1)[0]!, () => any(3, 4)),
  unary("indexSelect", (x) => nb.indexSelect(x, 0, [2, 0, 2]), () => any(4, 3)),
  unary("gather", (x) => nb.gather(x, 1, idx([0, 3, 1, 1, 2, 0], [3, 2])), () => any(3, 4)),
  unary("select", (x) => nb.select(x, 1, -1), () => any(3, 4)),
  ["matmul 2-D", (a, b) => nb.matmul(a, b), () => [any(3, 4), any(4, 5)]],
  ["matmul batched", (a, b) => nb.matmul(a, b), () => [any(2, 3, 4), any(2, 4, 5)]],
  ["matmul broadcast batch", (a, b) => nb.matmul(a, b), () => [any(2, 1, 3, 4), any(3, 4, 2)]],
  ["matmul matrix by batch", (a, b) => nb.matmul(a, b), () => [any(3, 4), any(2, 4, 5)]],
  ["matmul 1-D by 1-D", (a, b) => nb.matmul(a, b), () => [any(4), any(4)]],
  ["matmul 1-D by batch", (a, b) => nb.matmul(a, b), () => [any(4), any(2, 4, 5)]],
  ["matmul batch by 1-D", (a, b) => nb.matmul(a, b), () => [any(2, 3, 4), any(4)]],
  ["mmT transposed both", (a, b) => nb.mmT(a, b, true, true), () => [any(2, 4, 3), any(5, 4)]],
  ["dot", (a, b) => nb.dot(a, b), () => [any(5), any(5)]],
];

describe("gradcheck of every differentiable op", () => {
  for (const [name, fn, inputs] of cases) {
    it(name, () => expect(gradcheck(fn, inputs())).toBe(true));
  }
});

describe("gradcheck itself", () => {
  /** x² with a deliberately wrong backward (3x instead of 2x). */
  const badSquare = (x: Tensor): Tensor =>
    Tensor.fromOp(x.data.map((v) => v * v), x.shape, [x], "badSquare", (g) => [nb.mul(nb.mul(g, x), 3)]);

  it("throws on a wrong gradient, naming the input and element", () => {
    expect(() => gradcheck(badSquare, [any(2, 2)])).toThrow(/gradcheck: input 0 \(shape \[2,2\]\) element 0: analytic gradient/);
  });
  it("returns false with raiseException: false", () => {
    expect(gradcheck(badSquare, [any(2, 2)], { raiseException: false })).toBe(false);
  });
  it("checks only the inputs that require grad", () => {
    const c = any(2, 2).requiresGrad_(false);
    expect(gradcheck((a, b) => nb.mul(a, b), [any(2, 2), c])).toBe(true);
  });
  it("leaves the caller's .grad untouched and handles non-leaf inputs", () => {
    const x = any(2, 2);
    x.grad = tensor([[9, 9], [9, 9]]);
    const y = nb.mul(x, 2);
    expect(gradcheck(nb.exp, [y])).toBe(true);
    expect(x.grad.toArray()).toEqual([[9, 9], [9, 9]]);
    expect(y.grad).toBeNull();
    expect(y.retainsGrad).toBe(false);
  });
  it("rejects inputs without requiresGrad", () => {
    expect(() => gradcheck(nb.exp, [tensor([1, 2])])).toThrow(/no input has requiresGrad/);
  });
});
