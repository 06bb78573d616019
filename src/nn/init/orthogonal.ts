/** Orthogonal initialisation (Saxe et al. 2013), as PyTorch's torch.nn.init.orthogonal_. */
import { defaultGenerator, type Tensor } from "../../tensor/index.js";
import { fmt } from "../../tensor/shape.js";
import type { InitOptions } from "./weights.js";

/**
 * Fills a tensor viewed as [size(0), rest] with a (semi-)orthogonal matrix times `gain`: the Q of the QR
 * decomposition of a standard normal matrix with R's diagonal made positive, which is Haar-distributed.
 * Rows are orthonormal when rows ≤ cols, columns otherwise.
 */
export function orthogonal<T extends Tensor>(t: T, options: InitOptions & { gain?: number } = {}): T {
  if (t.ndim < 2) throw new RangeError(`orthogonal: only tensors with 2 or more dims are supported, got shape ${fmt(t.shape)}`);
  const rows = t.shape[0]!;
  const cols = t.size / rows;
  if (t.size === 0) return t;
  const g = options.generator ?? defaultGenerator;
  const gain = options.gain ?? 1;
  // Work on the tall orientation: n ≥ m, orthonormalising the m columns of an n×m matrix.
  const n = Math.max(rows, cols);
  const m = Math.min(rows, cols);
  const q: Float64Array[] = [];
  for (let j = 0; j < m; j++) {
    const v = new Float64Array(n);
    for (let i = 0; i < n; i++) v[i] = g.normal();
    // Modified Gram–Schmidt, twice for accuracy ("twice is enough"); R's diagonal is the positive norm.
    for (let pass = 0; pass < 2; pass++) {
      for (const u of q) {
        let d = 0;
        for (let i = 0; i < n; i++) d += u[i]! * v[i]!;
        for (let i = 0; i < n; i++) v[i]! -= d * u[i]!;
      }
    }
    let norm = 0;
    for (let i = 0; i < n; i++) norm += v[i]! * v[i]!;
    norm = Math.sqrt(norm);
    for (let i = 0; i < n; i++) v[i]! /= norm;
    q.push(v);
  }
  // q[j] is column j of the tall matrix. When rows ≥ cols the weight is that matrix, else its transpose.
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      t.data[r * cols + c] = gain * (rows >= cols ? q[c]![r]! : q[r]![c]!);
    }
  }
  return t;
}
