/** Elementwise arithmetic with NumPy broadcasting; each op's forward sits beside its gradient. */
import { allocFloat32, allocFloat32ForKernel } from "../storage.js";
import { Tensor, type TensorLike } from "../tensor.js";
import { backend } from "../../backend/registry.js";
import type { BinaryOp, UnaryOp } from "../../backend/backend.js";
import { broadcastShapes, sizeOf } from "../shape.js";
import { sumTo } from "./reduce.js";

/** Wraps a number as a scalar tensor; tensors pass through. `op` names the caller in the error. */
export function toTensor(x: TensorLike, op?: string): Tensor {
  if (x instanceof Tensor) return x;
  if (typeof x !== "number") throw new TypeError(`${op ? `${op}: ` : ""}expected a Tensor or a number, got ${typeof x}`);
  return new Tensor(new Float32Array([x]), []);
}

/** Runs a broadcasting binary kernel. */
export function binaryKernel(op: BinaryOp, a: Tensor, b: Tensor, name: string = op): [Float32Array, number[]] {
  const shape = broadcastShapes(a.shape, b.shape, name);
  const out = allocFloat32ForKernel(sizeOf(shape));
  backend().binary(op, a.data, a.shape, b.data, b.shape, out, shape);
  return [out, shape];
}

/** Runs a unary kernel. */
export function unaryKernel(op: UnaryOp, x: Tensor, p1?: number, p2?: number): Float32Array {
  const out = allocFloat32ForKernel(x.data.length);
  backend().unary(op, x.data, out, p1, p2);
  return out;
}

function binaryOp(
  op: BinaryOp, x: TensorLike, y: TensorLike,
  grads: (g: Tensor, a: Tensor, b: Tensor, out: Tensor) => [Tensor | null, Tensor | null],
): Tensor {
  const a = toTensor(x, op);
  const b = toTensor(y, op);
  const [data, shape] = binaryKernel(op, a, b);
  const out: Tensor = Tensor.fromOp(data, shape, [a, b], op, (g) => {
    const [ga, gb] = grads(g, a, b, out);
    return [a.requiresGrad && ga ? sumTo(ga, a.shape) : null, b.requiresGrad && gb ? sumTo(gb, b.shape) : null];
  });
  return out;
}

/** a + alpha·b */
export function add(a: TensorLike, b: TensorLike, alpha = 1): Tensor {
  if (alpha !== 1) return add(a, mul(b, alpha));
  return binaryOp("add", a, b, (g) => [g, g]);
}

/** a − alpha·b */
export function sub(a: TensorLike, b: TensorLike, alpha = 1): Tensor {
  if (alpha !== 1) return sub(a, mul(b, alpha));
  return binaryOp("sub", a, b, (g) => [g, neg(g)]);
}

/** a · b; ∂/∂a = b, ∂/∂b = a */
export function mul(a: TensorLike, b: TensorLike): Tensor {
  if (typeof b === "number" && a instanceof Tensor) return scale(a, b);
  if (typeof a === "number" && b instanceof Tensor) return scale(b, a);
  return binaryOp("mul", a, b, (g, x, y) => [x.requiresGrad ? mul(g, y) : null, y.requiresGrad ? mul(g, x) : null]);
}

function scale(x: Tensor, s: number): Tensor {
  return Tensor.fromOp(unaryKernel("mulScalar", x, s), x.shape, [x], "mul", (g) => [scale(g, s)]);
}

/** a / b; ∂/∂a = 1/b, ∂/∂b = −a/b² */
export function div(a: TensorLike, b: TensorLike): Tensor {
  if (typeof b === "number" && a instanceof Tensor) return scale(a, 1 / b);
  return binaryOp("div", a, b, (g, x, y) => [
    x.requiresGrad ? div(g, y) : null,
    y.requiresGrad ? neg(mul(g, div(div(x, y), y))) : null,
  ]);
}

/** aᵇ; ∂/∂a = b·aᵇ⁻¹, ∂/∂b = aᵇ·ln a (0 where a = 0 and b ≥ 0, as in PyTorch) */
export function pow(a: TensorLike, b: TensorLike): Tensor {
  if (typeof b === "number" && a instanceof Tensor) {
    const e = b;
    return Tensor.fromOp(unaryKernel("powScalar", a, e), a.shape, [a], "pow", (g) =>
      [e === 0 ? mul(g, 0) : mul(g, mul(pow(a, e - 1), e))]);
  }
  return binaryOp("pow", a, b, (g, x, y, out) => [
    x.requiresGrad ? mul(g, mul(y, pow(x, sub(y, 1)))) : null,
    y.requiresGrad ? where(logical(x.eq(0), y.ge(0)), 0, mul(g, mul(out, log(x)))) : null,
  ]);
}

function logical(m1: Tensor, m2: Tensor): Tensor {
  return mul(m1, m2);
}

/** max(a, b) elementwise; at ties the gradient is split equally, as in PyTorch. */
export function maximum(a: TensorLike, b: TensorLike): Tensor {
  return binaryOp("maximum", a, b, (g, x, y) => {
    const half = mul(g, 0.5);
    const tie = x.eq(y);
    return [where(tie, half, where(x.gt(y), g, 0)), where(tie, half, where(y.gt(x), g, 0))];
  });
}

/** min(a, b) elementwise; at ties the gradient is split equally, as in PyTorch. */
export function minimum(a: TensorLike, b: TensorLike): Tensor {
  return binaryOp("minimum", a, b, (g, x, y) => {
    const half = mul(g, 0.5);
    const tie = x.eq(y);
    return [where(tie, half, where(x.lt(y), g, 0)), where(tie, half, where(y.lt(x), g, 0))];
  });
}

function unaryOp(op: UnaryOp, x: Tensor, grad: (g: Tensor, x: Tensor, out: Tensor) => Tensor, p1?: number, p2?: number): Tensor {
  const out: Tensor = Tensor.fromOp(unaryKernel(op, x, p1, p2), x.shape, [x], op, (g) => [grad(g, x, out)]);
  return out;
}

/** −x */
export const neg = (x: Tensor): Tensor => unaryOp("neg", x, (g) => neg(g));
/** eˣ; ∂ = eˣ */
export const exp = (x: Tensor): Tensor => unaryOp("exp", x, (g, _x, out) => mul(g, out));
/** ln x; ∂ = 1/x */
export const log = (x: Tensor): Tensor => unaryOp("log", x, (g, x) => div(g, x));
/** ln(1 + x); ∂ = 1/(1 + x) */
export const log1p = (x: Tensor): Tensor => unaryOp("log1p", x, (g, x) => div(g, add(x, 1)));
/** eˣ − 1; ∂ = eˣ */
export const expm1 = (x: Tensor): Tensor => unaryOp("expm1", x, (g, _x, out) => mul(g, add(out, 1)));
/** √x; ∂ = 1/(2√x) */
export const sqrt = (x: Tensor): Tensor => unaryOp("sqrt", x, (g, _x, out) => div(g, mul(out, 2)));
/** 1/√x; ∂ = −½ x^(−3/2) */
export const rsqrt = (x: Tensor): Tensor => unaryOp("rsqrt", x, (g, _x, out) => mul(g, mul(pow(out, 3), -0.5)));
/** x²; ∂ = 2x */
export const square = (x: Tensor): Tensor => unaryOp("square", x, (g, x) => mul(g, mul(x, 2)));
/** 1/x; ∂ = −1/x² */
export const reciprocal = (x: Tensor): Tensor => unaryOp("reciprocal", x, (g, _x, out) => neg(mul(g, square(out))));
/** |x|; ∂ = sign(x) (0 at 0) */
export const abs = (x: Tensor): Tensor => unaryOp("abs", x, (g, x) => mul(g, sign(x)));
/** sin x; ∂ = cos x */
export const sin = (x: Tensor): Tensor => unaryOp("sin", x, (g, x) => mul(g, cos(x)));
/** cos x; ∂ = −sin x */
export const cos = (x: Tensor): Tensor => unaryOp("cos", x, (g, x) => neg(mul(g, sin(x))));
/** erf x; ∂ = (2/√π)·e^(−x²) */
export const erf = (x: Tensor): Tensor => unaryOp("erf", x, (g, x) => mul(g, mul(exp(neg(square(x))), 2 / Math.sqrt(Math.PI))));
/** sign(x) ∈ {−1, 0, 1}; gradient 0 */
export const sign = (x: Tensor): Tensor => unaryOp("sign", x, (g) => mul(g, 0));
/** ⌊x⌋; gradient 0 */
export const floor = (x: Tensor): Tensor => unaryOp("floor", x, (g) => mul(g, 0));
/** ⌈x⌉; gradient 0 */
export const ceil = (x: Tensor): Tensor => unaryOp("ceil", x, (g) => mul(g, 0));
/** x rounded half to even; gradient 0 */
export const round = (x: Tensor): Tensor => unaryOp("round", x, (g) => mul(g, 0));

/** min(max(x, min), max); the gradient passes where min ≤ x ≤ max (inclusive, as in PyTorch). */
export function clamp(x: Tensor, min?: number | null, max?: number | null): Tensor {
  const lo = min ?? -Infinity;
  const hi = max ?? Infinity;
  if (Number.isNaN(lo) || Number.isNaN(hi)) throw new RangeError(`clamp: min and max must not be NaN, got min=${min}, max=${max}`);
  return unaryOp("clamp", x, (g, x) => mul(g, mul(x.ge(lo), x.le(hi))), lo, hi);
}

/** condition ? a : b elementwise, broadcasting all three; the gradient goes to the chosen side. */
export function where(condition: Tensor, a: TensorLike, b: TensorLike): Tensor {
  const ta = toTensor(a, "where");
  const tb = toTensor(b, "where");
  const shape = broadcastShapes(broadcastShapes(condition.shape, ta.shape, "where"), tb.shape, "where");
  const data = allocFloat32(sizeOf(shape));
  backend().where(condition.data, condition.shape, ta.data, ta.shape, tb.data, tb.shape, data, shape);
  return Tensor.fromOp(data, shape, [ta, tb], "where", (g) => [
    ta.requiresGrad ? sumTo(where(condition, g, 0), ta.shape) : null,
    tb.requiresGrad ? sumTo(where(condition, 0, g), tb.shape) : null,
  ]);
}

function compare(op: BinaryOp, a: TensorLike, b: TensorLike): Tensor {
  const [data, shape] = binaryKernel(op, toTensor(a, op), toTensor(b, op));
  return new Tensor(data, shape);
}

/** Mask of a == b (1 where true, else 0); not differentiable. */
export const eq = (a: TensorLike, b: TensorLike): Tensor => compare("eq", a, b);
/** Mask of a != b. */
export const ne = (a: TensorLike, b: TensorLike): Tensor => compare("ne", a, b);
/** Mask of a < b. */
export const lt = (a: TensorLike, b: TensorLike): Tensor => compare("lt", a, b);
/** Mask of a <= b. */
export const le = (a: TensorLike, b: TensorLike): Tensor => compare("le", a, b);
/** Mask of a > b. */
export const gt = (a: TensorLike, b: TensorLike): Tensor => compare("gt", a, b);
/** Mask of a >= b. */
export const ge = (a: TensorLike, b: TensorLike): Tensor => compare("ge", a, b);
/** Mask of NaN values. */
export const isnan = (x: Tensor): Tensor => new Tensor(unaryKernel("isNan", x), x.shape);
/** Mask of finite values. */
export const isfinite = (x: Tensor): Tensor => new Tensor(unaryKernel("isFinite", x), x.shape);
