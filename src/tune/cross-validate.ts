/** k-fold cross-validation of a training procedure: its mean score over folds, each validated on rows it never trained on. */
import { Tensor } from "../tensor/index.js";
import { kFold } from "../data/kfold.js";
import type { Generator } from "../tensor/index.js";
import { mean, std } from "./stats.js";
import { runTrials } from "./trials.js";

/** Options of `crossValidate`: the number of folds k, stratification, the shuffling generator and how many folds train at once. */
export interface CrossValidateOptions {
  /** Number of folds (default 5). */
  k?: number;
  /** Keep each class's share in every fold, y being class indices (default false). */
  stratify?: boolean;
  /** Shuffling generator for the folds. */
  generator?: Generator;
  /** Folds trained at once (default 1). */
  concurrency?: number;
}

/** What `crossValidate` returns: the score of each fold, their mean and their sample standard deviation. */
export interface CrossValidateResult {
  /** One score per fold, in fold order. */
  scores: number[];
  /** The mean of the finite scores. */
  mean: number;
  /** The sample standard deviation √(Σ(s − mean)² / (k − 1)) of the finite scores. */
  std: number;
}

function rows(t: Tensor, idx: Int32Array): Tensor {
  return t.indexSelect(0, idx);
}

/**
 * Scores `fitAndScore(train, val, fold)` on each of k folds (data.kFold) and returns the per-fold
 * scores with their mean and sample std: an estimate of generalisation that uses every row for
 * validation once.
 */
export async function crossValidate(
  x: Tensor, y: Tensor, fitAndScore: (train: [Tensor, Tensor], val: [Tensor, Tensor], fold: number) => number | Promise<number>,
  options: CrossValidateOptions = {},
): Promise<CrossValidateResult> {
  const n = x.shape[0]!;
  if (y.shape[0] !== n) throw new RangeError(`crossValidate: x has ${n} rows but y has ${y.shape[0]}`);
  const folds = kFold(n, options.k ?? 5, { stratify: options.stratify ? y : undefined, generator: options.generator });
  const scores = await runTrials(folds, async (f, i) => fitAndScore([rows(x, f.train), rows(y, f.train)], [rows(x, f.val), rows(y, f.val)], i), {
    concurrency: options.concurrency,
  });
  return { scores, mean: mean(scores), std: std(scores) };
}
