import type { Optimizer } from "../optimizer.js";
import { checkKnownKeys, checkNonNegative, show } from "../options.js";
import { LRScheduler } from "./lr-scheduler.js";

/** Options of `MultiStepLR`: the milestone epochs and the decay factor γ applied at each. */
export interface MultiStepLROptions {
  /** Epochs at which to decay; a milestone listed k times decays by γᵏ. */
  milestones: readonly number[];
  /** Factor applied at each milestone (default 0.1). */
  gamma?: number;
}

/** Decays each group's rate by γ at each milestone: lr_t = lr₀ · γ^(number of milestones ≤ t). */
export class MultiStepLR extends LRScheduler {
  /** Sorted, repeats kept. */
  milestones: number[];
  gamma: number;

  constructor(optimizer: Optimizer, options: MultiStepLROptions) {
    super("MultiStepLR", optimizer);
    checkKnownKeys(this.name, options, ["milestones", "gamma"]);
    if (!Array.isArray(options.milestones) || options.milestones.some((m) => !Number.isInteger(m))) {
      throw new TypeError(`${this.name}: milestones must be an array of integers, got ${show(options.milestones)}`);
    }
    this.milestones = [...options.milestones].sort((a, b) => a - b);
    this.gamma = options.gamma ?? 0.1;
    checkNonNegative(this.name, "gamma", this.gamma);
    this.initialStep();
  }

  protected getLr(): number[] {
    const hits = this.milestones.filter((m) => m === this.lastEpoch).length;
    if (hits === 0) return this.groups.map((g) => g.lr);
    return this.groups.map((g) => g.lr * this.gamma ** hits);
  }

  protected override closedFormLr(): number[] {
    const passed = this.milestones.filter((m) => m <= this.lastEpoch).length;
    return this.baseLrs.map((lr) => lr * this.gamma ** passed);
  }

  protected override stateKeys(): Record<string, string> {
    return { ...super.stateKeys(), milestones: "milestones", gamma: "gamma" };
  }
}
