import type { Optimizer } from "../optimizer.js";
import { checkInteger, checkKnownKeys, checkNonNegative } from "../options.js";
import { LRScheduler } from "./lr-scheduler.js";

/** Options of `StepLR`: the period in epochs and the decay factor γ in lr_t = lr₀ · γ^⌊t / stepSize⌋. */
export interface StepLROptions {
  /** Epochs between decays. */
  stepSize: number;
  /** Factor applied every `stepSize` epochs (default 0.1). */
  gamma?: number;
}

/** Decays each group's rate by γ every `stepSize` epochs: lr_t = lr₀ · γ^⌊t / stepSize⌋. */
export class StepLR extends LRScheduler {
  stepSize: number;
  gamma: number;

  constructor(optimizer: Optimizer, options: StepLROptions) {
    super("StepLR", optimizer);
    checkKnownKeys(this.name, options, ["stepSize", "gamma"]);
    checkInteger(this.name, "stepSize", options.stepSize, 1);
    this.stepSize = options.stepSize;
    this.gamma = options.gamma ?? 0.1;
    checkNonNegative(this.name, "gamma", this.gamma);
    this.initialStep();
  }

  protected getLr(): number[] {
    if (this.lastEpoch === 0 || this.lastEpoch % this.stepSize !== 0) return this.groups.map((g) => g.lr);
    return this.groups.map((g) => g.lr * this.gamma);
  }

  protected override closedFormLr(): number[] {
    return this.baseLrs.map((lr) => lr * this.gamma ** Math.floor(this.lastEpoch / this.stepSize));
  }

  protected override stateKeys(): Record<string, string> {
    return { ...super.stateKeys(), step_size: "stepSize", gamma: "gamma" };
  }
}
