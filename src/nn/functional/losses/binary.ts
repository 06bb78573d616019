/** Binary classification losses: cross-entropy on probabilities and on logits. */
import * as T from "../../../tensor/index.js";
import { Tensor, broadcastShapes } from "../../../tensor/index.js";
import { fmt } from "../../../tensor/shape.js";
import { checkSameShape, reduce, reductionOf, type ReductionOptions } from "./reduction.js";

/** Options of `binaryCrossEntropy`: the reduction and a per-element weight w. */
export interface BinaryCrossEntropyOptions extends ReductionOptions {
  /** Per-element rescaling weight, broadcast to the input's shape. */
  weight?: Tensor;
}

/**
 * −w·(y·ln x + (1 − y)·ln(1 − x)) for probabilities x ∈ [0, 1], each log clamped to ≥ −100 as in
 * PyTorch. The gradient is PyTorch's: w·(x − y) / max(x(1 − x), 1e-12) for x, and
 * w·(max(ln(1 − x), −100) − max(ln x, −100)) for y, so saturated inputs (x = 1, y = 1) give 0, not NaN.
 */
export function binaryCrossEntropy(input: Tensor, target: Tensor, options: BinaryCrossEntropyOptions = {}): Tensor {
  const r = reductionOf(options, "binaryCrossEntropy");
  checkSameShape(input, target, "binaryCrossEntropy");
  const x = input.data;
  const y = target.data;
  const out = new Float32Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const xi = x[i]!;
    if (!(xi >= 0 && xi <= 1)) {
      throw new RangeError(`binaryCrossEntropy: input must be probabilities in [0, 1], got ${xi} at position ${i} (for logits use binaryCrossEntropyWithLogits)`);
    }
    out[i] = (y[i]! - 1) * Math.max(Math.log1p(-xi), -100) - y[i]! * Math.max(Math.log(xi), -100);
  }
  const loss: Tensor = Tensor.fromOp(out, input.shape, [input, target], "binaryCrossEntropy", (g) => [
    input.requiresGrad ? T.div(T.mul(g, T.sub(input, target)), T.clamp(T.mul(input, T.sub(1, input)), 1e-12)) : null,
    target.requiresGrad ? T.mul(g, T.sub(T.clamp(T.log1p(T.neg(input)), -100), T.clamp(T.log(input), -100))) : null,
  ]);
  return reduce(options.weight ? T.mul(loss, broadcastWeight(options.weight, input, "binaryCrossEntropy", "weight")) : loss, r);
}

/** Options of `binaryCrossEntropyWithLogits`: the reduction, a per-element weight w and the positive-class weight p. */
export interface BinaryCrossEntropyWithLogitsOptions extends BinaryCrossEntropyOptions {
  /** Weight of the positive term, broadcast along the last dim (one per class), to trade recall for precision. */
  posWeight?: Tensor;
}

/**
 * −w·(p·y·ln σ(x) + (1 − y)·ln(1 − σ(x))) computed stably from logits as
 * w·((1 − y)·x + (1 + (p − 1)·y)·softplus(−x)); finite for any |x|.
 */
export function binaryCrossEntropyWithLogits(
  input: Tensor, target: Tensor, options: BinaryCrossEntropyWithLogitsOptions = {},
): Tensor {
  const r = reductionOf(options, "binaryCrossEntropyWithLogits");
  checkSameShape(input, target, "binaryCrossEntropyWithLogits");
  const spNeg = T.softplus(T.neg(input));
  const logWeight = options.posWeight
    ? T.add(T.mul(T.sub(broadcastWeight(options.posWeight, input, "binaryCrossEntropyWithLogits", "posWeight"), 1), target), 1)
    : null;
  let loss = T.add(T.mul(T.sub(1, target), input), logWeight ? T.mul(logWeight, spNeg) : spNeg);
  if (options.weight) loss = T.mul(loss, broadcastWeight(options.weight, input, "binaryCrossEntropyWithLogits", "weight"));
  return reduce(loss, r);
}

/** Checks that a weight broadcasts to the input's shape without growing it. */
function broadcastWeight(w: Tensor, input: Tensor, fn: string, name: string): Tensor {
  const s = broadcastShapes(w.shape, input.shape, `${fn} (${name})`);
  if (s.length !== input.ndim || s.some((d, i) => d !== input.shape[i])) {
    throw new RangeError(`${fn}: ${name} of shape ${fmt(w.shape)} does not broadcast to the input's shape ${fmt(input.shape)}`);
  }
  return w;
}
