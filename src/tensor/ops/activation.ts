/** Activation functions and softmax, each numerically stable at large |x|, with their gradients. */
import { allocFloat32, allocFloat32ForKernel } from "../storage.js";
import { Tensor } from "../tensor.js";
import { backend } from "../../backend/registry.js";
import type { UnaryOp } from "../../backend/backend.js";
import { normDim, splitAt } from "../shape.js";
import { add, exp, mul, neg, sub, where, square, unaryKernel } from "./elementwise.js";
import { sum } from "./reduce.js";

function act(op: UnaryOp, x: Tensor, grad: (g: Tensor, x: Tensor, out: Tensor) => Tensor, p1?: number, p2?: number): Tensor {
  const out: Tensor = Tensor.fromOp(unaryKernel(op, x, p1, p2), x.shape, [x], op, (g) => [grad(g, x, out)]);
  return out;
}

/** max(0, x); ∂ = 1 where the output is positive */
export const relu = (x: Tensor): Tensor => act("relu", x, (g, _x, out) => mul(g, out.gt(0)));

/** σ(x) = 1/(1 + e⁻ˣ); ∂ = σ(x)(1 − σ(x)) */
export const sigmoid = (x: Tensor): Tensor => act("sigmoid", x, (g, _x, y) => mul(g, mul(y, sub(1, y))));

/** tanh x; ∂ = 1 − tanh²x */
export const tanh = (x: Tensor): Tensor => act("tanh", x, (g, _x, y) => mul(g, sub(1, square(y))));

/** x for x > 0, slope·x otherwise (PyTorch's default slope 0.01) */
export function leakyRelu(x: Tensor, negativeSlope = 0.01): Tensor {
  return act("leakyRelu", x, (g, x) => mul(g, where(x.gt(0), 1, negativeSlope)), negativeSlope);
}

/** x for x > 0, α(eˣ − 1) otherwise; ∂ = αeˣ for x ≤ 0 */
export function elu(x: Tensor, alpha = 1): Tensor {
  return act("elu", x, (g, x) => mul(g, where(x.gt(0), 1, mul(exp(x.clamp(null, 0)), alpha))), alpha);
}

const SELU_ALPHA = 1.6732632423543772;
const SELU_SCALE = 1.0507009873554805;

/** scale·(x for x > 0, α(eˣ − 1) otherwise) with α ≈ 1.6733, scale ≈ 1.0507 (self-normalising) */
export const selu = (x: Tensor): Tensor =>
  act("selu", x, (g, x) => mul(g, where(x.gt(0), SELU_SCALE, mul(exp(x.clamp(null, 0)), SELU_SCALE * SELU_ALPHA))));

/** x·Φ(x), Φ the standard normal CDF; `approximate: "tanh"` uses 0.5x(1 + tanh(√(2/π)(x + 0.044715x³))) */
export function gelu(x: Tensor, approximate: "none" | "tanh" = "none"): Tensor {
  if (approximate === "tanh") {
    const k = Math.sqrt(2 / Math.PI);
    return act("geluTanh", x, (g, x) => {
      const x2 = square(x);
      const inner = mul(add(x, mul(mul(x2, x), 0.044715)), k);
      const t = tanh(inner);
      const dInner = mul(add(mul(x2, 3 * 0.044715), 1), k);
      // ½(1 + t) + ½x(1 − t²)·dInner
      return mul(g, add(mul(add(t, 1), 0.5), mul(mul(mul(x, sub(1, square(t))), dInner), 0.5)));
    });
  }
  if (approximate !== "none") throw new RangeError(`gelu: approximate must be "none" or "tanh", got "${String(approximate)}"`);
  return act("gelu", x, (g, x) => {
    const cdf = mul(add(x.mul(Math.SQRT1_2).erf(), 1), 0.5);
    const pdf = mul(exp(mul(square(x), -0.5)), 1 / Math.sqrt(2 * Math.PI));
    return mul(g, add(cdf, mul(x, pdf)));
  });
}

/** x·σ(x) (swish); ∂ = σ(x)(1 + x(1 − σ(x))) */
export const silu = (x: Tensor): Tensor =>
  act("silu", x, (g, x) => {
    const s = sigmoid(x);
    return mul(g, mul(s, add(mul(x, sub(1, s)), 1)));
  });

/** x·tanh(softplus(x)) */
export const mish = (x: Tensor): Tensor =>
  act("mish", x, (g, x) => {
    const t = tanh(softplus(x));
    return mul(g, add(t, mul(mul(x, sigmoid(x)), sub(1, square(t)))));
  });

/** (1/β)·ln(1 + e^(βx)), and x itself where βx > threshold (PyTorch: β = 1, threshold = 20) */
export function softplus(x: Tensor, beta = 1, threshold = 20): Tensor {
  return act("softplus", x, (g, x) => {
    const bx = mul(x, beta);
    return mul(g, where(bx.gt(threshold), 1, sigmoid(bx)));
  }, beta, threshold);
}

/** ln σ(x) = −softplus(−x), computed without overflow; ∂ = 1 − σ(x) */
export const logSigmoid = (x: Tensor): Tensor => act("logSigmoid", x, (g, x) => mul(g, sigmoid(neg(x))));

/** clamp(x, min, max) as an activation (PyTorch's Hardtanh, default [−1, 1]) */
export function hardtanh(x: Tensor, minVal = -1, maxVal = 1): Tensor {
  return act("clamp", x, (g, x) => mul(g, mul(x.gt(minVal), x.lt(maxVal))), minVal, maxVal);
}

function softmaxKernel(x: Tensor, dim: number, log: boolean): Float32Array {
  const [outer, size, inner] = splitAt(x.shape, dim);
  const out = allocFloat32ForKernel(x.data.length);
  backend().softmax(x.data, outer, size, inner, out, log);
  return out;
}

/** softmax(x)ᵢ = e^(xᵢ − max) / Σⱼ e^(xⱼ − max) along `dim`; ∂ = y ⊙ (g − Σ g⊙y) */
export function softmax(x: Tensor, dim: number): Tensor {
  const d = normDim(dim, x.ndim, "softmax");
  const out: Tensor = Tensor.fromOp(softmaxKernel(x, d, false), x.shape, [x], "softmax", (g) =>
    [mul(out, sub(g, sum(mul(g, out), d, true)))]);
  return out;
}

/** log softmax(x) = x − max − ln Σ e^(x − max) along `dim`; ∂ = g − softmax ⊙ Σ g */
export function logSoftmax(x: Tensor, dim: number): Tensor {
  const d = normDim(dim, x.ndim, "logSoftmax");
  const out: Tensor = Tensor.fromOp(softmaxKernel(x, d, true), x.shape, [x], "logSoftmax", (g) =>
    [sub(g, mul(exp(out), sum(g, d, true)))]);
  return out;
}
