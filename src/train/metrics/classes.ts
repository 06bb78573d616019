/** Turning predictions and targets into class labels. */
import type { Tensor } from "../../tensor/index.js";
import { fmt } from "../../tensor/shape.js";

/**
 * Predicted classes: argmax over dim 1 for [N, C] scores (C > 1); for [N] or [N, 1] binary scores,
 * 1 where the score exceeds `threshold` (0.5 for probabilities; pass 0 for logits).
 */
export function predictedClasses(pred: Tensor, threshold = 0.5): Int32Array {
  const n = pred.shape[0] ?? 1;
  if (pred.ndim === 2 && pred.shape[1]! > 1) {
    const c = pred.shape[1]!;
    const out = new Int32Array(n);
    const d = pred.data;
    for (let i = 0; i < n; i++) {
      let best = 0;
      let bv = d[i * c]!;
      for (let j = 1; j < c; j++) if (d[i * c + j]! > bv) { bv = d[i * c + j]!; best = j; }
      out[i] = best;
    }
    return out;
  }
  if (pred.ndim <= 1 || (pred.ndim === 2 && pred.shape[1] === 1)) {
    return Int32Array.from(pred.data, (v) => (v > threshold ? 1 : 0));
  }
  throw new RangeError(`metrics: predictions must be [N, C] scores or [N] binary scores, got shape ${fmt(pred.shape)}`);
}

/** Target classes from [N] class indices or [N, C] one-hot / probability rows. */
export function targetClasses(target: Tensor): Int32Array {
  if (target.ndim === 2 && target.shape[1]! > 1) return predictedClasses(target);
  return Int32Array.from(target.data, (v) => Math.round(v));
}

export function checkSameLength(a: ArrayLike<number>, b: ArrayLike<number>, what: string): void {
  if (a.length !== b.length) {
    throw new RangeError(`${what}: ${a.length} predictions but ${b.length} targets`);
  }
}
