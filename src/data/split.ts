/** Hold-out splits: train / validation / test, shuffled first, optionally stratified by class. */
import { defaultGenerator, indexSelect, type Generator, type Tensor } from "../tensor/index.js";
import { TensorDataset } from "./dataset.js";
import { apportion, classIds, range, type Labels } from "./stratify.js";

/** Options of `trainValTestSplit`: the validation and test shares, shuffling, stratification by class and the generator. */
export interface SplitOptions {
  /** Validation share: a fraction in [0, 1) of the rows, or an integer count ≥ 1 (default 0). */
  val?: number;
  /** Test share: a fraction in [0, 1) of the rows, or an integer count ≥ 1 (default 0). */
  test?: number;
  /** Shuffle the rows before splitting (default true); without it test takes the last rows. */
  shuffle?: boolean;
  /** Class labels (one per row): each split then keeps the class proportions of the whole, to within one row per class. */
  stratify?: Labels;
  /** The generator for shuffling; the global one (seeded by manualSeed) when omitted. */
  generator?: Generator;
}

/** Row indices of each split. */
export interface SplitIndices {
  train: Int32Array;
  val: Int32Array;
  test: Int32Array;
}

/** The tensors of each split (same order as given), with the row indices used. */
export interface TensorSplit {
  train: Tensor[];
  val: Tensor[];
  test: Tensor[];
  indices: SplitIndices;
}

/** The datasets of each split, with the row indices used. */
export interface DatasetSplit {
  train: TensorDataset;
  val: TensorDataset;
  test: TensorDataset;
  indices: SplitIndices;
}

/**
 * Splits rows into train, validation and test: `trainValTestSplit(n, opts)` gives index arrays;
 * `trainValTestSplit([x, y], opts)` gives the tensors themselves and `trainValTestSplit(dataset, opts)`
 * gives TensorDatasets (rows gathered with indexSelect). Counts: round(fraction · N) for val and test,
 * the rest for train.
 */
export function trainValTestSplit(n: number, options?: SplitOptions): SplitIndices;
export function trainValTestSplit(tensors: readonly Tensor[], options?: SplitOptions): TensorSplit;
export function trainValTestSplit(dataset: TensorDataset, options?: SplitOptions): DatasetSplit;
export function trainValTestSplit(
  source: number | readonly Tensor[] | TensorDataset,
  options: SplitOptions = {},
): SplitIndices | TensorSplit | DatasetSplit {
  if (typeof source === "number") return splitIndices(source, options);
  const dataset = source instanceof TensorDataset ? source : checkTensors(source);
  const indices = splitIndices(dataset.length, options);
  const pick = (idx: Int32Array): Tensor[] => dataset.tensors.map((t) => indexSelect(t, 0, idx));
  if (source instanceof TensorDataset) {
    const ds = (idx: Int32Array): TensorDataset => new TensorDataset(...pick(idx));
    return { train: ds(indices.train), val: ds(indices.val), test: ds(indices.test), indices };
  }
  return { train: pick(indices.train), val: pick(indices.val), test: pick(indices.test), indices };
}

function checkTensors(tensors: readonly Tensor[]): TensorDataset {
  if (!Array.isArray(tensors)) {
    throw new TypeError("trainValTestSplit: expected a row count, an array of tensors, or a TensorDataset");
  }
  try {
    return new TensorDataset(...tensors);
  } catch (e) {
    throw new RangeError(`trainValTestSplit: ${(e as Error).message.replace(/^TensorDataset: /, "")}`);
  }
}

/** Resolves a share (fraction in [0, 1) or integer count) to a row count. */
function shareCount(share: number, n: number, name: string): number {
  if (typeof share !== "number" || !Number.isFinite(share) || share < 0 || (share >= 1 && !Number.isInteger(share))) {
    throw new RangeError(
      `trainValTestSplit: ${name} must be a fraction in [0, 1) or an integer count ≥ 1, got ${share}`,
    );
  }
  const count = share < 1 ? Math.round(share * n) : share;
  if (count > n) throw new RangeError(`trainValTestSplit: ${name} asks for ${count} rows but there are only ${n}`);
  return count;
}

function splitIndices(n: number, options: SplitOptions): SplitIndices {
  const { val = 0, test = 0, shuffle = true, stratify, generator = defaultGenerator } = options;
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`trainValTestSplit: n must be a positive integer row count, got ${n}`);
  const nVal = shareCount(val, n, "val");
  const nTest = shareCount(test, n, "test");
  const nTrain = n - nVal - nTest;
  if (nTrain < 1) {
    throw new RangeError(
      `trainValTestSplit: val (${val} → ${nVal} rows) and test (${test} → ${nTest} rows) leave ${nTrain} of ${n} rows for training; expected at least 1`,
    );
  }
  if (stratify === undefined) {
    const order = shuffle ? generator.permutation(n) : range(n);
    return { train: order.slice(0, nTrain), val: order.slice(nTrain, nTrain + nVal), test: order.slice(nTrain + nVal) };
  }
  const { ids, counts } = classIds(stratify, n, "trainValTestSplit");
  const testK = apportion(counts, nTest, counts);
  const valK = apportion(counts, nVal, counts.map((c, k) => c - testK[k]!));
  // Members of each class, in a random (or the original) order; train takes the first, then val, then test.
  const members: number[][] = counts.map(() => []);
  const order = shuffle ? generator.permutation(n) : range(n);
  for (const i of order) members[ids[i]!]!.push(i);
  const train: number[] = [];
  const valIdx: number[] = [];
  const testIdx: number[] = [];
  members.forEach((m, k) => {
    const nt = m.length - valK[k]! - testK[k]!;
    m.forEach((i, j) => (j < nt ? train : j < nt + valK[k]! ? valIdx : testIdx).push(i));
  });
  // Mix the classes again (or restore row order), so no split comes out sorted by class.
  const arrange = (a: number[]): Int32Array => {
    const out = Int32Array.from(a);
    if (!shuffle) return out.sort();
    const p = generator.permutation(out.length);
    return p.map((j) => out[j]!);
  };
  return { train: arrange(train), val: arrange(valIdx), test: arrange(testIdx) };
}
