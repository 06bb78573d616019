import type { Optimizer } from "../optimizer.js";
import { checkInteger, checkKnownKeys, checkRange } from "../options.js";
import { LRScheduler } from "./lr-scheduler.js";

/** Options of `LinearLR`: the start and end factors on the base rate and the length of the ramp. */
export interface LinearLROptions {
  /** Factor on the base rate at epoch 0 (default 1/3; 0 < startFactor <= 1). */
  startFactor?: number;
  /** Factor reached at `totalIters` and kept after (default 1). */
  endFactor?: number;
  /** Epochs of the ramp (default 5). */
  totalIters?: number;
}

/**
 * Ramps each group's rate linearly (a warm-up, typically):
 * lr_t = lr₀ · (s + (e − s) · min(t, T) / T) for start factor s, end factor e and T = totalIters.
 */
export class LinearLR extends LRScheduler {
  startFactor: number;
  endFactor: number;
  totalIters: number;

  constructor(optimizer: Optimizer, options: LinearLROptions = {}) {
    super("LinearLR", optimizer);
    checkKnownKeys(this.name, options, ["startFactor", "endFactor", "totalIters"]);
    this.startFactor = options.startFactor ?? 1 / 3;
    this.endFactor = options.endFactor ?? 1;
    this.totalIters = options.totalIters ?? 5;
    if (!(this.startFactor > 0 && this.startFactor <= 1)) {
      throw new RangeError(`${this.name}: invalid startFactor: ${this.startFactor} (expected 0 < startFactor <= 1)`);
    }
    checkRange(this.name, "endFactor", this.endFactor, 0, 1);
    checkInteger(this.name, "totalIters", this.totalIters, 1);
    this.initialStep();
  }

  protected getLr(): number[] {
    const { startFactor: s, endFactor: e, totalIters: T, lastEpoch: t } = this;
    if (t === 0) return this.groups.map((g) => g.lr * s);
    if (t > T) return this.groups.map((g) => g.lr);
    return this.groups.map((g) => g.lr * (1 + (e - s) / (T * s + (t - 1) * (e - s))));
  }

  protected override closedFormLr(): number[] {
    const { startFactor: s, endFactor: e, totalIters: T } = this;
    return this.baseLrs.map((lr) => lr * (s + ((e - s) * Math.min(T, this.lastEpoch)) / T));
  }

  protected override stateKeys(): Record<string, string> {
    return { ...super.stateKeys(), start_factor: "startFactor", end_factor: "endFactor", total_iters: "totalIters" };
  }
}
