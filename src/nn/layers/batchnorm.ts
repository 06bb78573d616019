/** Batch normalisation for [N, C] and [N, C, L] inputs. */
import { Tensor, type Generator } from "../../tensor/index.js";
import { Module, Parameter } from "../module.js";
import { batchNorm } from "../functional/batchNorm.js";

/** Options of the `BatchNorm1d` layer: eps, momentum, whether it is affine and whether it tracks running statistics. */
export interface BatchNormOptions {
  /** Added to the variance before the square root (default 1e-5). */
  eps?: number;
  /** Weight of each batch in the running statistics (default 0.1); null gives the cumulative average 1/t. */
  momentum?: number | null;
  /** Learn a per-channel scale γ (init 1) and shift β (init 0) (default true). */
  affine?: boolean;
  /** Keep running statistics for eval mode (default true); without them every mode uses batch statistics. */
  trackRunningStats?: boolean;
  /** Accepted for uniformity with the other layers; BatchNorm's initialisation is deterministic. */
  generator?: Generator;
}

/**
 * y = (x − μ)/√(σ² + eps)·γ + β per feature. Training uses the batch's mean and biased variance and updates
 * running_mean and running_var (unbiased) by running ← (1 − m)·running + m·stat, m = momentum or
 * 1/num_batches_tracked when momentum is null; eval uses the running statistics.
 */
export class BatchNorm1d extends Module {
  readonly numFeatures: number;
  readonly eps: number;
  momentum: number | null;
  readonly affine: boolean;
  readonly trackRunningStats: boolean;
  weight: Parameter | null;
  bias: Parameter | null;

  constructor(numFeatures: number, options: BatchNormOptions = {}) {
    super();
    if (!Number.isInteger(numFeatures) || numFeatures <= 0) {
      throw new RangeError(`BatchNorm1d: numFeatures must be a positive integer, got ${numFeatures}`);
    }
    this.numFeatures = numFeatures;
    this.eps = options.eps ?? 1e-5;
    this.momentum = options.momentum === undefined ? 0.1 : options.momentum;
    if (this.momentum !== null && !(this.momentum >= 0 && this.momentum <= 1)) {
      throw new RangeError(`BatchNorm1d: momentum must be in [0, 1] or null, got ${this.momentum}`);
    }
    this.affine = options.affine ?? true;
    this.trackRunningStats = options.trackRunningStats ?? true;
    this.weight = this.affine ? new Parameter(new Float32Array(numFeatures).fill(1), [numFeatures]) : null;
    this.bias = this.affine ? new Parameter(new Float32Array(numFeatures), [numFeatures]) : null;
    const track = this.trackRunningStats;
    this.registerBuffer("running_mean", track ? new Tensor(new Float32Array(numFeatures), [numFeatures]) : null);
    this.registerBuffer("running_var", track ? new Tensor(new Float32Array(numFeatures).fill(1), [numFeatures]) : null);
    this.registerBuffer("num_batches_tracked", track ? new Tensor(new Float32Array(1), []) : null);
  }

  /** The running mean (buffer "running_mean"), or null without trackRunningStats. */
  get runningMean(): Tensor | null { return this.getBuffer("running_mean"); }
  /** The running unbiased variance (buffer "running_var"). */
  get runningVar(): Tensor | null { return this.getBuffer("running_var"); }
  /** How many training batches updated the running statistics (buffer "num_batches_tracked"). */
  get numBatchesTracked(): number { return this.getBuffer("num_batches_tracked")?.data[0] ?? 0; }

  /** Running statistics back to mean 0, variance 1, no batches. */
  resetRunningStats(): void {
    this.runningMean?.data.fill(0);
    this.runningVar?.data.fill(1);
    this.getBuffer("num_batches_tracked")?.data.fill(0);
  }

  override forward(x: Tensor): Tensor {
    const name = `BatchNorm1d(${this.numFeatures})`;
    if ((x.ndim !== 2 && x.ndim !== 3) || x.shape[1] !== this.numFeatures) {
      throw new RangeError(`${name}: expected input of shape [N, ${this.numFeatures}] or [N, ${this.numFeatures}, L], got [${x.shape.join(",")}]`);
    }
    const useBatchStats = this.training || !this.trackRunningStats;
    if (useBatchStats && x.size / this.numFeatures <= 1) {
      throw new RangeError(`${name}: expected more than 1 value per channel when training, got input of shape [${x.shape.join(",")}]`);
    }
    let momentum = this.momentum ?? 0;
    const nbt = this.getBuffer("num_batches_tracked");
    if (this.training && nbt) {
      nbt.data[0]! += 1;
      if (this.momentum === null) momentum = 1 / nbt.data[0]!;
    }
    // Without tracking the running statistics are null, so batch statistics are used and nothing is updated.
    return batchNorm(x, this.runningMean, this.runningVar, {
      weight: this.weight, bias: this.bias, training: useBatchStats, momentum, eps: this.eps,
    }, name);
  }

  override extraRepr(): string {
    return `${this.numFeatures}, eps=${this.eps}, momentum=${this.momentum}, affine=${this.affine}, trackRunningStats=${this.trackRunningStats}`;
  }
}
