/**
 * DataLoader: walks a dataset in batches. The three gradient-descent modes are batch sizes:
 * batch (batchSize = N), mini-batch (1 < batchSize < N) and stochastic (batchSize = 1).
 */
import { defaultGenerator, type Generator, type Tensor } from "../tensor/index.js";
import { collate, type Dataset } from "./dataset.js";

/** Options of `DataLoader`: the batch size, per-epoch shuffling, dropping a short last batch, and the generator. */
export interface DataLoaderOptions {
  /** Rows per batch (default 1). */
  batchSize?: number;
  /** Draw a new random order of the rows at the start of every pass (default false). */
  shuffle?: boolean;
  /** Drop the last batch when it has fewer than batchSize rows (default false). */
  dropLast?: boolean;
  /** The generator for shuffling; the global one (seeded by manualSeed) when omitted. */
  generator?: Generator;
}

/**
 * An iterable of batches (`for (const [x, y] of loader)`), each a Tensor[] with one entry per
 * dataset part. Each iteration is one epoch; with `shuffle` every epoch draws a fresh permutation
 * from the generator, so a seeded generator gives the same sequence of epochs on every run.
 */
export class DataLoader implements Iterable<Tensor[]> {
  readonly dataset: Dataset;
  readonly batchSize: number;
  readonly shuffle: boolean;
  readonly dropLast: boolean;
  readonly generator: Generator;

  constructor(dataset: Dataset, options: DataLoaderOptions = {}) {
    const { batchSize = 1, shuffle = false, dropLast = false, generator = defaultGenerator } = options;
    if (!dataset || typeof dataset.get !== "function" || typeof dataset.length !== "number") {
      throw new TypeError("DataLoader: dataset must have a numeric length and a get(i) method (see TensorDataset)");
    }
    if (!Number.isInteger(batchSize) || batchSize < 1) {
      throw new RangeError(`DataLoader: batchSize must be a positive integer, got ${batchSize}`);
    }
    this.dataset = dataset;
    this.batchSize = batchSize;
    this.shuffle = shuffle;
    this.dropLast = dropLast;
    this.generator = generator;
  }

  /** Number of batches per epoch: ⌈N / B⌉, or ⌊N / B⌋ with dropLast. */
  get length(): number {
    const n = this.dataset.length;
    return this.dropLast ? Math.floor(n / this.batchSize) : Math.ceil(n / this.batchSize);
  }

  /** The row order of one epoch: a fresh permutation when shuffling, else 0..N-1. */
  private order(): Int32Array {
    const n = this.dataset.length;
    if (this.shuffle) return this.generator.permutation(n);
    const order = new Int32Array(n);
    for (let i = 0; i < n; i++) order[i] = i;
    return order;
  }

  *[Symbol.iterator](): Iterator<Tensor[]> {
    const order = this.order();
    const batches = this.length;
    for (let b = 0; b < batches; b++) {
      const start = b * this.batchSize;
      yield collate(this.dataset, order.subarray(start, Math.min(start + this.batchSize, order.length)));
    }
  }
}
