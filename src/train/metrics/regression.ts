/** Regression metrics: mean squared error, mean absolute error and R². */
import type { Tensor } from "../../tensor/index.js";
import { fmt } from "../../tensor/shape.js";

function check(pred: Tensor, target: Tensor, what: string): void {
  if (pred.size !== target.size) {
    throw new RangeError(`${what}: prediction shape ${fmt(pred.shape)} and target shape ${fmt(target.shape)} hold different numbers of values`);
  }
}

/** (1/n) Σ (ŷ − y)² */
export function meanSquaredError(pred: Tensor, target: Tensor): number {
  check(pred, target, "meanSquaredError");
  let s = 0;
  for (let i = 0; i < pred.size; i++) { const d = pred.data[i]! - target.data[i]!; s += d * d; }
  return s / pred.size;
}

/** (1/n) Σ |ŷ − y| */
export function meanAbsoluteError(pred: Tensor, target: Tensor): number {
  check(pred, target, "meanAbsoluteError");
  let s = 0;
  for (let i = 0; i < pred.size; i++) s += Math.abs(pred.data[i]! - target.data[i]!);
  return s / pred.size;
}

/** R² = 1 − Σ(y − ŷ)² / Σ(y − ȳ)², averaged uniformly over output columns as scikit-learn does. */
export function r2Score(pred: Tensor, target: Tensor): number {
  check(pred, target, "r2Score");
  const n = target.shape[0] ?? 1;
  const cols = n ? target.size / n : 1;
  let total = 0;
  for (let c = 0; c < cols; c++) {
    let mean = 0;
    for (let i = 0; i < n; i++) mean += target.data[i * cols + c]!;
    mean /= n;
    let ssRes = 0;
    let ssTot = 0;
    for (let i = 0; i < n; i++) {
      const y = target.data[i * cols + c]!;
      const d = y - pred.data[i * cols + c]!;
      ssRes += d * d;
      ssTot += (y - mean) * (y - mean);
    }
    total += ssTot === 0 ? (ssRes === 0 ? 1 : 0) : 1 - ssRes / ssTot;
  }
  return total / cols;
}
