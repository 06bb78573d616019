/** The `reduction` option shared by every loss, and the checks its inputs share. */
import type { Tensor } from "../../../tensor/index.js";
import { fmt } from "../../../tensor/shape.js";

/** How a loss combines its per-element values: their mean, their sum, or none (the unreduced tensor). */
export type Reduction = "mean" | "sum" | "none";

/** The option every loss takes: how the per-element losses are reduced. */
export interface ReductionOptions {
  /** "mean" (the default) averages the per-element losses, "sum" adds them, "none" returns them all. */
  reduction?: Reduction;
}

/** Reads and checks the reduction option. */
export function reductionOf(options: ReductionOptions, fn: string): Reduction {
  const r = options.reduction ?? "mean";
  if (r !== "mean" && r !== "sum" && r !== "none") {
    throw new RangeError(`${fn}: reduction must be "mean", "sum" or "none", got ${JSON.stringify(r)}`);
  }
  return r;
}

/** Applies a reduction to per-element losses. */
export function reduce(loss: Tensor, reduction: Reduction): Tensor {
  if (reduction === "mean") return loss.mean();
  if (reduction === "sum") return loss.sum();
  return loss;
}

/**
 * Requires input and target of one shape. PyTorch broadcasts mismatched shapes with only a warning,
 * which silently turns an [N,1] vs [N] mistake into an [N,N] loss; we throw instead.
 */
export function checkSameShape(input: Tensor, target: Tensor, fn: string): void {
  if (input.ndim !== target.ndim || input.shape.some((d, i) => d !== target.shape[i])) {
    throw new RangeError(`${fn}: input has shape ${fmt(input.shape)} but target has shape ${fmt(target.shape)}; they must match`);
  }
}
