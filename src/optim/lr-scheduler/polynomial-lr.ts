import type { Optimizer } from "../optimizer.js";
import { checkInteger, checkKnownKeys, checkNonNegative } from "../options.js";
import { LRScheduler } from "./lr-scheduler.js";

/** Options of `PolynomialLR`: the number of epochs T and the power in lr_t = lr₀ · (1 − min(t, T) / T)^power. */
export interface PolynomialLROptions {
  /** Epochs until the rate reaches 0 (default 5). */
  totalIters?: number;
  /** The polynomial's power (default 1: linear). */
  power?: number;
}

/** Decays each group's rate to 0 over `totalIters` epochs: lr_t = lr₀ · (1 − min(t, T) / T)^power. */
export class PolynomialLR extends LRScheduler {
  totalIters: number;
  power: number;

  constructor(optimizer: Optimizer, options: PolynomialLROptions = {}) {
    super("PolynomialLR", optimizer);
    checkKnownKeys(this.name, options, ["totalIters", "power"]);
    this.totalIters = options.totalIters ?? 5;
    this.power = options.power ?? 1;
    checkInteger(this.name, "totalIters", this.totalIters, 1);
    checkNonNegative(this.name, "power", this.power);
    this.initialStep();
  }

  protected getLr(): number[] {
    const { totalIters: T, lastEpoch: t } = this;
    if (t === 0 || t > T) return this.groups.map((g) => g.lr);
    const factor = ((1 - t / T) / (1 - (t - 1) / T)) ** this.power;
    return this.groups.map((g) => g.lr * factor);
  }

  protected override closedFormLr(): number[] {
    return this.baseLrs.map((lr) => lr * (1 - Math.min(this.totalIters, this.lastEpoch) / this.totalIters) ** this.power);
  }

  protected override stateKeys(): Record<string, string> {
    return { ...super.stateKeys(), total_iters: "totalIters", power: "power" };
  }
}
