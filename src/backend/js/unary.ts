import type { UnaryOp } from "../backend.js";

const SELU_ALPHA = 1.6732632423543772;
const SELU_SCALE = 1.0507009873554805;
const SQRT1_2 = Math.SQRT1_2;
const SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);

/** erfc(x) = 1 − erf(x) with fractional error below 1.2e-7 everywhere (Numerical Recipes' Chebyshev fit). */
export function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r =
    t *
    Math.exp(
      -z * z - 1.26551223 +
        t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 +
        t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? r : 2 - r;
}

const TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);

/**
 * erf(x): the Maclaurin series (2/√π) Σ (−1)ⁿ x²ⁿ⁺¹ / (n!(2n+1)) for |x| < 0.5, where 1 − erfc(x) would lose
 * relative accuracy, and 1 − erfc(x) elsewhere (relative error below 2e-7 in both).
 */
export function erf(x: number): number {
  if (Math.abs(x) < 0.5) {
    const x2 = x * x;
    let term = x;
    let sum = x;
    for (let n = 1; n < 12; n++) {
      term *= -x2 / n;
      sum += term / (2 * n + 1);
    }
    return TWO_OVER_SQRT_PI * sum;
  }
  return x >= 0 ? 1 - erfc(x) : erfc(-x) - 1;
}

function sigmoid(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

function softplus(x: number, beta: number, threshold: number): number {
  const bx = beta * x;
  if (bx > threshold) return x;
  // log1p(exp(bx)) computed without overflow: max(bx,0) + log1p(exp(-|bx|))
  return (Math.max(bx, 0) + Math.log1p(Math.exp(-Math.abs(bx)))) / beta;
}

/** The scalar function for a unary op; `a` and `b` are its parameters. */
export function unaryFn(op: UnaryOp, a = 0, b = 0): (x: number) => number {
  switch (op) {
    case "neg": return (x) => -x;
    case "exp": return Math.exp;
    case "log": return Math.log;
    case "sqrt": return Math.sqrt;
    case "rsqrt": return (x) => 1 / Math.sqrt(x);
    case "abs": return Math.abs;
    case "sign": return (x) => (x > 0 ? 1 : x < 0 ? -1 : x === 0 ? 0 : NaN);
    case "square": return (x) => x * x;
    case "reciprocal": return (x) => 1 / x;
    case "sin": return Math.sin;
    case "cos": return Math.cos;
    case "log1p": return Math.log1p;
    case "expm1": return Math.expm1;
    case "erf": return erf;
    case "floor": return Math.floor;
    case "ceil": return Math.ceil;
    // PyTorch rounds half to even.
    case "round": return (x) => {
      const r = Math.round(x);
      return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
    };
    case "relu": return (x) => (x > 0 ? x : x === 0 || x < 0 ? 0 : x);
    case "sigmoid": return sigmoid;
    case "tanh": return Math.tanh;
    case "logSigmoid": return (x) => Math.min(x, 0) - Math.log1p(Math.exp(-Math.abs(x)));
    // x·Φ(x) = ½x·erfc(−x/√2): no cancellation in 1 + erf for negative x.
    case "gelu": return (x) => 0.5 * x * erfc(-x * SQRT1_2);
    case "geluTanh": return (x) => 0.5 * x * (1 + Math.tanh(SQRT_2_OVER_PI * (x + 0.044715 * x * x * x)));
    case "silu": return (x) => x * sigmoid(x);
    case "mish": return (x) => x * Math.tanh(softplus(x, 1, 20));
    case "selu": return (x) => SELU_SCALE * (x > 0 ? x : SELU_ALPHA * Math.expm1(x));
    case "leakyRelu": return (x) => (x > 0 ? x : a * x);
    case "elu": return (x) => (x > 0 ? x : a * Math.expm1(x));
    case "softplus": return (x) => softplus(x, a, b);
    // min(max(x, a), b): with a > b every value becomes b, as in PyTorch; NaN stays NaN.
    case "clamp": return (x) => { const y = x < a ? a : x; return y > b ? b : y; };
    case "powScalar": return (x) => Math.pow(x, a);
    case "addScalar": return (x) => x + a;
    case "mulScalar": return (x) => x * a;
    case "heaviside": return (x) => (x > 0 ? 1 : 0);
    case "isNan": return (x) => (x !== x ? 1 : 0);
    case "isFinite": return (x) => (Number.isFinite(x) ? 1 : 0);
  }
}

export function unary(op: UnaryOp, x: Float32Array, out: Float32Array, a?: number, b?: number): void {
  const n = x.length;
  switch (op) {
    case "relu":
      for (let i = 0; i < n; i++) { const v = x[i]!; out[i] = v > 0 ? v : v === v ? 0 : v; }
      return;
    case "mulScalar": { const s = a!; for (let i = 0; i < n; i++) out[i] = x[i]! * s; return; }
    case "addScalar": { const s = a!; for (let i = 0; i < n; i++) out[i] = x[i]! + s; return; }
    case "neg": for (let i = 0; i < n; i++) out[i] = -x[i]!; return;
    case "exp": for (let i = 0; i < n; i++) out[i] = Math.exp(x[i]!); return;
    case "tanh": for (let i = 0; i < n; i++) out[i] = Math.tanh(x[i]!); return;
    case "square": for (let i = 0; i < n; i++) { const v = x[i]!; out[i] = v * v; } return;
    default: {
      const f = unaryFn(op, a, b);
      for (let i = 0; i < n; i++) out[i] = f(x[i]!);
    }
  }
}
