/** Datasets: indexable collections of examples, each example a list of tensors (features, target, …). */
import { Tensor, indexSelect, stack, type Shape } from "../tensor/index.js";

/**
 * Anything with a length and rows: `get(i)` returns the i-th example as a list of tensors.
 * A dataset may also offer `getBatch(indices)` to build a whole batch at once; DataLoader
 * uses it when present and otherwise stacks the rows.
 */
export interface Dataset {
  readonly length: number;
  get(i: number): Tensor[];
  getBatch?(indices: Int32Array): Tensor[];
}

const fmt = (s: Shape): string => `[${s.join(", ")}]`;

function checkRow(i: number, length: number, op: string): number {
  const k = i < 0 ? i + length : i;
  if (!Number.isInteger(k) || k < 0 || k >= length) {
    throw new RangeError(`${op}: index ${i} is out of range for a dataset of ${length} rows`);
  }
  return k;
}

/** Wraps tensors that share their first dim: example i is `[t0[i], t1[i], …]` (PyTorch's TensorDataset). */
export class TensorDataset implements Dataset {
  readonly tensors: readonly Tensor[];

  constructor(...tensors: Tensor[]) {
    if (tensors.length === 0) throw new RangeError("TensorDataset: expected at least one tensor, got none");
    tensors.forEach((t, k) => {
      if (!(t instanceof Tensor)) throw new TypeError(`TensorDataset: argument ${k} is not a Tensor`);
      if (t.ndim === 0) throw new RangeError(`TensorDataset: tensor ${k} is a scalar; every tensor needs a dim 0 of rows`);
      if (t.shape[0] !== tensors[0]!.shape[0]) {
        throw new RangeError(
          `TensorDataset: tensor ${k} has ${t.shape[0]} rows (shape ${fmt(t.shape)}), ` +
            `expected ${tensors[0]!.shape[0]} like tensor 0 (shape ${fmt(tensors[0]!.shape)}); all tensors must share dim 0`,
        );
      }
    });
    this.tensors = tensors;
  }

  /** Number of rows (the shared dim 0). */
  get length(): number {
    return this.tensors[0]!.shape[0]!;
  }

  /** Row i of every tensor (negative i counts from the end). */
  get(i: number): Tensor[] {
    const k = checkRow(i, this.length, "TensorDataset.get");
    return this.tensors.map((t) => t.get(k));
  }

  /** The rows at `indices` of every tensor, gathered with one indexSelect per tensor. */
  getBatch(indices: Int32Array): Tensor[] {
    return this.tensors.map((t) => indexSelect(t, 0, indices));
  }

  /** A new TensorDataset holding only the rows at `indices`, in that order (copies the rows). */
  subset(indices: ArrayLike<number>): TensorDataset {
    return new TensorDataset(...this.getBatch(Int32Array.from(indices)));
  }
}

/** A view of `dataset` restricted to `indices` (PyTorch's Subset): row i is `dataset.get(indices[i])`. */
export class Subset implements Dataset {
  readonly dataset: Dataset;
  readonly indices: Int32Array;

  constructor(dataset: Dataset, indices: ArrayLike<number>) {
    this.dataset = dataset;
    this.indices = Int32Array.from(indices);
    this.indices.forEach((v, i) => {
      if (v < 0 || v >= dataset.length) {
        throw new RangeError(`Subset: index ${v} at position ${i} is out of range for a dataset of ${dataset.length} rows`);
      }
    });
  }

  /** Number of rows in the subset. */
  get length(): number {
    return this.indices.length;
  }

  /** Row `indices[i]` of the underlying dataset. */
  get(i: number): Tensor[] {
    return this.dataset.get(this.indices[checkRow(i, this.length, "Subset.get")]!);
  }

  /** The batch of subset rows `indices`, built by the underlying dataset. */
  getBatch(indices: Int32Array): Tensor[] {
    const mapped = indices.map((i) => this.indices[checkRow(i, this.length, "Subset.getBatch")]!);
    return collate(this.dataset, mapped);
  }
}

/** The rows at `indices` as one batch: `getBatch` when the dataset has it, otherwise each part stacked along a new dim 0. */
export function collate(dataset: Dataset, indices: Int32Array): Tensor[] {
  if (dataset.getBatch) return dataset.getBatch(indices);
  const rows = Array.from(indices, (i) => dataset.get(i));
  if (rows.length === 0) throw new RangeError("collate: cannot build an empty batch from a dataset without getBatch");
  return rows[0]!.map((_, part) => stack(rows.map((r) => r[part]!), 0));
}
