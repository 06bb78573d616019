import type { Optimizer } from "../optimizer.js";
import { checkKnownKeys, checkNonNegative } from "../options.js";
import { LRScheduler } from "./lr-scheduler.js";

/** Options of `ExponentialLR`: the decay factor γ in lr_t = lr₀ · γᵗ. */
export interface ExponentialLROptions {
  /** Factor applied every epoch. */
  gamma: number;
}

/** Decays each group's rate by γ every epoch: lr_t = lr₀ · γᵗ. */
export class ExponentialLR extends LRScheduler {
  gamma: number;

  constructor(optimizer: Optimizer, options: ExponentialLROptions) {
    super("ExponentialLR", optimizer);
    checkKnownKeys(this.name, options, ["gamma"]);
    checkNonNegative(this.name, "gamma", options.gamma);
    this.gamma = options.gamma;
    this.initialStep();
  }

  protected getLr(): number[] {
    if (this.lastEpoch === 0) return this.groups.map((g) => g.lr);
    return this.groups.map((g) => g.lr * this.gamma);
  }

  protected override closedFormLr(): number[] {
    return this.baseLrs.map((lr) => lr * this.gamma ** this.lastEpoch);
  }

  protected override stateKeys(): Record<string, string> {
    return { ...super.stateKeys(), gamma: "gamma" };
  }
}
