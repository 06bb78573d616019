/** Helpers shared by the splitters: class ids from labels, and rounding shares to whole counts. */
import { Tensor } from "../tensor/index.js";

/** Class labels for stratification: a tensor of N values, numbers, or strings. */
export type Labels = Tensor | ArrayLike<number> | readonly (string | number)[];

/** Maps labels to class ids 0..C-1 (classes in sorted order) and returns them with the class sizes. */
export function classIds(labels: Labels, n: number, op: string): { ids: Int32Array; counts: number[] } {
  if (labels instanceof Tensor && labels.ndim > 1 && labels.size !== labels.shape[0]) {
    throw new RangeError(`${op}: stratify must hold one label per row (shape [N] or [N, 1]), got shape [${labels.shape.join(", ")}]`);
  }
  const values: ArrayLike<string | number> = labels instanceof Tensor ? labels.data : labels;
  if (values.length !== n) throw new RangeError(`${op}: stratify has ${values.length} labels, expected ${n} (one per row)`);
  const unique = [...new Set(Array.from(values))].sort((a, b) =>
    typeof a === "number" && typeof b === "number" ? a - b : String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0,
  );
  const idOf = new Map(unique.map((v, i) => [v, i] as const));
  const ids = new Int32Array(n);
  const counts = new Array<number>(unique.length).fill(0);
  for (let i = 0; i < n; i++) {
    const id = idOf.get(values[i]!)!;
    ids[i] = id;
    counts[id]!++;
  }
  return { ids, counts };
}

/**
 * Splits `total` into whole counts proportional to `weights` (largest remainder method), each
 * at most its cap: count_k = ⌊w_k·total/W⌋, then +1 to the largest remainders until the total is met.
 */
export function apportion(weights: readonly number[], total: number, caps: readonly number[]): number[] {
  const w = weights.reduce((a, b) => a + b, 0);
  const ideal = weights.map((wk) => (w === 0 ? 0 : (wk * total) / w));
  const counts = ideal.map((x, k) => Math.min(Math.floor(x), caps[k]!));
  let left = total - counts.reduce((a, b) => a + b, 0);
  const byRemainder = ideal.map((_, k) => k).sort((a, b) => ideal[b]! - counts[b]! - (ideal[a]! - counts[a]!) || a - b);
  while (left > 0) {
    let gave = false;
    for (const k of byRemainder) {
      if (left === 0) break;
      if (counts[k]! < caps[k]!) {
        counts[k]!++;
        left--;
        gave = true;
      }
    }
    if (!gave) throw new RangeError(`apportion: cannot place ${total} items within caps ${caps.join(", ")}`);
  }
  return counts;
}

/** 0, 1, …, n-1. */
export function range(n: number): Int32Array {
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = i;
  return out;
}
