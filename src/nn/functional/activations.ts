/**
 * Activation functions in PyTorch's functional form (`F.leakyRelu(x, { negativeSlope: 0.1 })`).
 * Each forwards to a tensor op that is stable at large |x| and has its gradient beside it.
 */
import * as T from "../../tensor/index.js";
import type { Tensor } from "../../tensor/index.js";
import { fmt } from "../../tensor/shape.js";

/** max(0, x) */
export const relu = (x: Tensor): Tensor => T.relu(x);

/** σ(x) = 1/(1 + e⁻ˣ) */
export const sigmoid = (x: Tensor): Tensor => T.sigmoid(x);

/** tanh x */
export const tanh = (x: Tensor): Tensor => T.tanh(x);

/** x·σ(x) (swish) */
export const silu = (x: Tensor): Tensor => T.silu(x);

/** x·tanh(softplus(x)) */
export const mish = (x: Tensor): Tensor => T.mish(x);

/** scale·(x if x > 0 else α(eˣ − 1)), α ≈ 1.6733, scale ≈ 1.0507 */
export const selu = (x: Tensor): Tensor => T.selu(x);

/** ln σ(x) = −softplus(−x) */
export const logSigmoid = (x: Tensor): Tensor => T.logSigmoid(x);

/** The identity (for "linear" layers in builders). */
export const identity = (x: Tensor): Tensor => x;

/** Options of `leakyRelu`: the slope of the negative part. */
export interface LeakyReluOptions {
  /** Slope for x < 0 (PyTorch default 0.01). */
  negativeSlope?: number;
}
/** x if x > 0 else negativeSlope·x */
export function leakyRelu(x: Tensor, options: LeakyReluOptions = {}): Tensor {
  return T.leakyRelu(x, options.negativeSlope ?? 0.01);
}

/** Options of `elu`: the scale α of the negative part α(eˣ − 1). */
export interface EluOptions {
  /** Scale of the negative part (PyTorch default 1). */
  alpha?: number;
}
/** x if x > 0 else α(eˣ − 1) */
export function elu(x: Tensor, options: EluOptions = {}): Tensor {
  return T.elu(x, options.alpha ?? 1);
}

/** Options of `gelu`: the exact form x·Φ(x) or its tanh approximation. */
export interface GeluOptions {
  /** "none" (exact, x·Φ(x), the default) or "tanh" (0.5x(1 + tanh(√(2/π)(x + 0.044715x³)))). */
  approximate?: "none" | "tanh";
}
/** x·Φ(x), Φ the standard normal CDF */
export function gelu(x: Tensor, options: GeluOptions = {}): Tensor {
  return T.gelu(x, options.approximate ?? "none");
}

/** Options of `softplus`: the sharpness β and the threshold above which it is linear. */
export interface SoftplusOptions {
  /** Sharpness β (default 1). */
  beta?: number;
  /** Above βx > threshold the function is x itself (default 20). */
  threshold?: number;
}
/** (1/β)·ln(1 + e^(βx)), and x where βx > threshold */
export function softplus(x: Tensor, options: SoftplusOptions = {}): Tensor {
  const beta = options.beta ?? 1;
  if (!(beta > 0)) throw new RangeError(`softplus: beta must be positive, got ${beta}`);
  return T.softplus(x, beta, options.threshold ?? 20);
}

/** Options of `hardtanh`: the clipping range [minVal, maxVal]. */
export interface HardtanhOptions {
  /** Lower clip value (default −1). */
  minVal?: number;
  /** Upper clip value (default 1). */
  maxVal?: number;
}
/** min(max(x, minVal), maxVal); the gradient is 1 strictly inside (minVal, maxVal) */
export function hardtanh(x: Tensor, options: HardtanhOptions = {}): Tensor {
  const lo = options.minVal ?? -1;
  const hi = options.maxVal ?? 1;
  if (!(lo <= hi)) throw new RangeError(`hardtanh: minVal ${lo} must not exceed maxVal ${hi}`);
  return T.hardtanh(x, lo, hi);
}

/** Options of `softmax` and `logSoftmax`: the dim they normalise along. */
export interface SoftmaxOptions {
  /** The dim that sums to 1. Default −1 (PyTorch's implicit-dim rule is deprecated there; we pick the last dim). */
  dim?: number;
}
/** e^(xᵢ − max) / Σⱼ e^(xⱼ − max) along `dim` */
export function softmax(x: Tensor, options: SoftmaxOptions | number = {}): Tensor {
  return T.softmax(x, typeof options === "number" ? options : (options.dim ?? -1));
}

/** x − max − ln Σ e^(x − max) along `dim` */
export function logSoftmax(x: Tensor, options: SoftmaxOptions | number = {}): Tensor {
  return T.logSoftmax(x, typeof options === "number" ? options : (options.dim ?? -1));
}

/**
 * x if x > 0 else a·x with a learnable `weight`: one slope shared ([1]) or one per channel ([C], the
 * channel being dim 1 of the input, as in PyTorch).
 */
export function prelu(x: Tensor, weight: Tensor): Tensor {
  const n = weight.size;
  let a = weight;
  if (n !== 1) {
    const channels = x.ndim >= 2 ? x.shape[1]! : 1;
    if (weight.ndim !== 1 || n !== channels) {
      throw new RangeError(
        `prelu: weight has shape ${fmt(weight.shape)} but input ${fmt(x.shape)} has ${channels} channels (dim 1); expected 1 or ${channels} slopes`,
      );
    }
    a = weight.reshape([n, ...new Array<number>(x.ndim - 2).fill(1)]);
  } else if (weight.ndim !== 0) {
    a = weight.reshape([]);
  }
  return T.where(x.gt(0), x, T.mul(a, x));
}
