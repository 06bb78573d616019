/** Second-order gradients: gradcheck of ∂f/∂x computed with createGraph, for ops with curved gradients. */
import { describe, expect, it } from "vitest";
import * as nb from "./index.js";
import { Generator, Tensor, gradcheck } from "./index.js";

const gen = new Generator(11);

/** Random values in [lo, hi), requiring grad. */
const rnd = (shape: number[], lo = -1.5, hi = 1.5): Tensor =>
  nb.rand(shape, { generator: gen }).mul(hi - lo).add(lo).detach().requiresGrad_();

/** x ↦ ∂/∂x Σ w ⊙ f(x), recorded with createGraph so gradcheck can differentiate it again. */
function gradOf(f: (x: Tensor) => Tensor, w: Tensor): (x: Tensor) => Tensor {
  return (x) => {
    const y = x.mul(1); // a fresh non-leaf per call, so .grad never accumulates across calls
    nb.sum(nb.mul(f(y), w)).backward(undefined, { createGraph: true, inputs: [y] });
    return y.grad!;
  };
}

const cases: [string, (x: Tensor) => Tensor, number[], number?, number?][] = [
  ["exp", nb.exp, [2, 3]],
  ["log", nb.log, [2, 3], 0.5, 2],
  ["sqrt", nb.sqrt, [2, 3], 0.5, 2],
  ["rsqrt", nb.rsqrt, [2, 3], 0.5, 2],
  ["reciprocal", nb.reciprocal, [2, 3], 0.5, 2],
  ["sin·cos", (x) => nb.mul(nb.sin(x), nb.cos(x)), [2, 3]],
  ["erf", nb.erf, [2, 3]],
  ["pow 3", (x) => nb.pow(x, 3), [2, 3]],
  ["pow tensor exponent", (x) => nb.pow(x, nb.tensor([0.5, 1.5, 2.5])), [2, 3], 0.5, 2],
  ["div by self²", (x) => nb.div(nb.sin(x), nb.add(nb.square(x), 1)), [2, 3]],
  ["sigmoid", nb.sigmoid, [2, 3]],
  ["tanh", nb.tanh, [2, 3]],
  ["gelu", (x) => nb.gelu(x), [2, 3]],
  ["gelu tanh", (x) => nb.gelu(x, "tanh"), [2, 3]],
  ["silu", nb.silu, [2, 3]],
  ["mish", nb.mish, [2, 3]],
  ["softplus", (x) => nb.softplus(x), [2, 3]],
  ["logSigmoid", nb.logSigmoid, [2, 3]],
  ["elu", (x) => nb.elu(x), [2, 3], -1.5, -0.1],
  ["softmax", (x) => nb.softmax(x, 1), [2, 4]],
  ["logSoftmax", (x) => nb.logSoftmax(x, 0), [3, 2]],
  ["logsumexp", (x) => nb.logsumexp(x, 1), [2, 4]],
  ["prod all", (x) => nb.prod(x), [2, 3]],
  ["prod dim", (x) => nb.prod(x, 1), [2, 3]],
  ["norm 2", (x) => nb.norm(x, 2, 1), [2, 3]],
  ["norm 3", (x) => nb.norm(x, 3), [2, 3], 0.3, 1.5],
  ["var", (x) => nb.variance(x, 1), [2, 4]],
  ["std", (x) => nb.std(x), [2, 3]],
  ["matmul with self", (x) => nb.matmul(x, nb.transpose(x, 0, 1)), [2, 3]],
  ["indexSelect then square", (x) => nb.square(nb.indexSelect(x, 0, [1, 1, 0])), [2, 3]],
  ["gather then exp", (x) => nb.exp(nb.gather(x, 1, nb.tensor([[0, 0], [2, 1]]))), [2, 3]],
  ["narrow·cat·square", (x) => nb.square(nb.cat([nb.narrow(x, 1, 1, 2), x], 1)), [2, 3]],
  ["expand·mul", (x) => nb.mul(nb.expand(x, [4, 3]), nb.expand(x, [4, 3])), [1, 3]],
];

describe("second-order gradcheck", () => {
  for (const [name, f, shape, lo, hi] of cases) {
    it(name, () => {
      const x = rnd(shape, lo, hi);
      const w = nb.randn(f(x.detach()).shape, { generator: gen });
      expect(gradcheck(gradOf(f, w), [x])).toBe(true);
    });
  }
});
