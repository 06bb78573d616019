/** Regression losses: mean squared error, L1, Huber and Gaussian negative log-likelihood. */
import * as T from "../../../tensor/index.js";
import { Tensor } from "../../../tensor/index.js";
import { fmt, sameShape } from "../../../tensor/shape.js";
import { checkSameShape, reduce, reductionOf, type ReductionOptions } from "./reduction.js";
import { squaredError } from "../../../tensor/ops/fused.js";

/** (x − y)², reduced */
export function mseLoss(input: Tensor, target: Tensor, options: ReductionOptions = {}): Tensor {
  const r = reductionOf(options, "mseLoss");
  checkSameShape(input, target, "mseLoss");
  return squaredError(input, target, r); // one fused op: subtract, square and reduce
}

/** |x − y|, reduced (gradient sign(x − y), 0 at 0) */
export function l1Loss(input: Tensor, target: Tensor, options: ReductionOptions = {}): Tensor {
  const r = reductionOf(options, "l1Loss");
  checkSameShape(input, target, "l1Loss");
  return reduce(T.abs(T.sub(input, target)), r);
}

/** Options of `huberLoss`: the reduction and the threshold δ between the quadratic and linear parts. */
export interface HuberLossOptions extends ReductionOptions {
  /** Where the loss turns from quadratic to linear (default 1). */
  delta?: number;
}

/** ½d² if |d| < δ else δ(|d| − ½δ), with d = x − y, reduced */
export function huberLoss(input: Tensor, target: Tensor, options: HuberLossOptions = {}): Tensor {
  const r = reductionOf(options, "huberLoss");
  const delta = options.delta ?? 1;
  if (!(delta > 0)) throw new RangeError(`huberLoss: delta must be positive, got ${delta}`);
  checkSameShape(input, target, "huberLoss");
  const d = T.sub(input, target);
  const a = T.abs(d);
  const loss = T.where(a.lt(delta), T.mul(T.square(d), 0.5), T.mul(T.sub(a, 0.5 * delta), delta));
  return reduce(loss, r);
}

/** Options of `gaussianNllLoss`: the reduction, whether to add the constant ½ln 2π, and the variance floor eps. */
export interface GaussianNllLossOptions extends ReductionOptions {
  /** Add the constant ½ln(2π) (default false). */
  full?: boolean;
  /** Variances are clamped to at least eps for stability, without blocking their gradient (default 1e-6). */
  eps?: number;
}

/**
 * ½(ln max(var, eps) + (x − y)² / max(var, eps)) [+ ½ln 2π when full], reduced. `var` has the input's
 * shape, or that shape without its last dim or with last dim 1 (one variance shared across it).
 * As in PyTorch, the clamp is invisible to the gradient (it happens under no_grad there).
 */
export function gaussianNllLoss(input: Tensor, target: Tensor, variance: Tensor | number, options: GaussianNllLossOptions = {}): Tensor {
  const r = reductionOf(options, "gaussianNllLoss");
  const eps = options.eps ?? 1e-6;
  checkSameShape(input, target, "gaussianNllLoss");
  let v = typeof variance === "number" ? T.full(input.shape, variance) : variance;
  if (!sameShape(v.shape, input.shape)) {
    const lead = input.shape.slice(0, -1);
    if (sameShape(v.shape, lead)) v = v.unsqueeze(-1);
    else if (!(v.ndim === input.ndim && sameShape(v.shape.slice(0, -1), lead) && v.shape[v.ndim - 1] === 1)) {
      throw new RangeError(
        `gaussianNllLoss: var has shape ${fmt(v.shape)}; expected the input's shape ${fmt(input.shape)}, or ${fmt(lead)}, or ${fmt([...lead, 1])}`,
      );
    }
  }
  for (let i = 0; i < v.size; i++) {
    if (v.data[i]! < 0) throw new RangeError(`gaussianNllLoss: var has a negative entry ${v.data[i]} at position ${i}`);
  }
  const vc = clampMinStraightThrough(v, eps);
  let loss = T.mul(T.add(T.log(vc), T.div(T.square(T.sub(input, target)), vc)), 0.5);
  if (options.full) loss = T.add(loss, 0.5 * Math.log(2 * Math.PI));
  return reduce(loss, r);
}

/** max(v, lo) whose gradient passes straight through to v, like PyTorch's in-place clamp under no_grad. */
function clampMinStraightThrough(v: Tensor, lo: number): Tensor {
  const out = new Float32Array(v.size);
  for (let i = 0; i < out.length; i++) out[i] = Math.max(v.data[i]!, lo);
  return Tensor.fromOp(out, v.shape, [v], "clampMin", (g) => [g]);
}
