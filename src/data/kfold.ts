/** k-fold cross-validation: k train/validation splits where every row is validated exactly once. */
import { defaultGenerator, type Generator } from "../tensor/index.js";
import { classIds, range, type Labels } from "./stratify.js";

/** Options of `kFold`: shuffling, stratification by class and the generator. */
export interface KFoldOptions {
  /**
   * Shuffle the rows before assigning folds (default true). scikit-learn's KFold defaults to false;
   * we shuffle by default because data files are often sorted by class (iris), which would give
   * folds of a single class.
   */
  shuffle?: boolean;
  /** Class labels (one per row): each fold then holds every class's rows to within ±1 of count/k. */
  stratify?: Labels;
  /** The generator for shuffling; the global one (seeded by manualSeed) when omitted. */
  generator?: Generator;
}

/** One fold: the rows to train on and the rows to validate on. */
export interface Fold {
  train: Int32Array;
  val: Int32Array;
}

/**
 * Splits rows 0..n-1 into k folds: fold f validates on its own ⌊n/k⌋ or ⌈n/k⌉ rows and trains on
 * the rest. Stratified folds deal each class's rows round-robin, as scikit-learn's StratifiedKFold.
 */
export function kFold(n: number, k: number, options: KFoldOptions = {}): Fold[] {
  const { shuffle = true, stratify, generator = defaultGenerator } = options;
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`kFold: n must be a positive integer row count, got ${n}`);
  if (!Number.isInteger(k) || k < 2 || k > n) {
    throw new RangeError(`kFold: k must be an integer in [2, n] = [2, ${n}], got k=${k}`);
  }
  const foldOf = new Int32Array(n);
  let walk: Int32Array;
  if (stratify === undefined) {
    // Contiguous chunks of the (shuffled) order; the first n mod k folds get one extra row.
    walk = shuffle ? generator.permutation(n) : range(n);
    const small = Math.floor(n / k);
    const big = n % k;
    let pos = 0;
    for (let f = 0; f < k; f++) {
      const size = f < big ? small + 1 : small;
      for (let j = 0; j < size; j++) foldOf[walk[pos++]!] = f;
    }
  } else {
    // Rows sorted by class (in random or original order within a class), then dealt to folds 0, 1, …, k-1, 0, …
    const { ids, counts } = classIds(stratify, n, "kFold");
    const start = new Int32Array(counts.length);
    for (let c = 1; c < counts.length; c++) start[c] = start[c - 1]! + counts[c - 1]!;
    const within = shuffle ? generator.permutation(n) : range(n);
    const next = start.slice();
    for (const i of within) foldOf[i] = next[ids[i]!]!++ % k;
    walk = shuffle ? generator.permutation(n) : range(n);
  }
  const sizes = new Int32Array(k);
  for (let i = 0; i < n; i++) sizes[foldOf[i]!]!++;
  const folds = Array.from(sizes, (size) => ({ train: new Int32Array(n - size), val: new Int32Array(size) }));
  const filled = folds.map(() => ({ train: 0, val: 0 }));
  for (const i of walk) {
    const f = foldOf[i]!;
    for (let g = 0; g < k; g++) {
      if (g === f) folds[g]!.val[filled[g]!.val++] = i;
      else folds[g]!.train[filled[g]!.train++] = i;
    }
  }
  return folds;
}
