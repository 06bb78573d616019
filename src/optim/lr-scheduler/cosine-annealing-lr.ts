import type { Optimizer } from "../optimizer.js";
import { checkInteger, checkKnownKeys, checkNonNegative } from "../options.js";
import { LRScheduler } from "./lr-scheduler.js";

/** Options of `CosineAnnealingLR`: the half period T_max and the lowest rate η_min. */
export interface CosineAnnealingLROptions {
  /** Epochs of a half cosine period. */
  TMax: number;
  /** The lowest rate (default 0). */
  etaMin?: number;
}

/**
 * Cosine annealing (SGDR without restarts): η_t = η_min + (η₀ − η_min)(1 + cos(π t / T_max)) / 2.
 * Computed with PyTorch's recursive form, so the values match PyTorch's exactly and the schedule
 * composes with other changes to `lr`; past T_max the rate climbs back, as PyTorch's does.
 */
export class CosineAnnealingLR extends LRScheduler {
  TMax: number;
  etaMin: number;

  constructor(optimizer: Optimizer, options: CosineAnnealingLROptions) {
    super("CosineAnnealingLR", optimizer);
    checkKnownKeys(this.name, options, ["TMax", "etaMin"]);
    checkInteger(this.name, "TMax", options.TMax, 1);
    this.TMax = options.TMax;
    this.etaMin = options.etaMin ?? 0;
    checkNonNegative(this.name, "etaMin", this.etaMin);
    this.initialStep();
  }

  protected getLr(): number[] {
    const { TMax: T, etaMin, lastEpoch: t } = this;
    if (t === 0) return this.groups.map((g) => g.lr);
    if (this.stepCount === 1 && t > 0) {
      return this.baseLrs.map((lr) => etaMin + ((lr - etaMin) * (1 + Math.cos((t * Math.PI) / T))) / 2);
    }
    if ((t - 1 - T) % (2 * T) === 0) {
      return this.groups.map((g, i) => g.lr + ((this.baseLrs[i]! - etaMin) * (1 - Math.cos(Math.PI / T))) / 2);
    }
    return this.groups.map(
      (g) => ((1 + Math.cos((Math.PI * t) / T)) / (1 + Math.cos((Math.PI * (t - 1)) / T))) * (g.lr - etaMin) + etaMin,
    );
  }

  protected override closedFormLr(): number[] {
    const { TMax: T, etaMin } = this;
    return this.baseLrs.map((lr) => etaMin + ((lr - etaMin) * (1 + Math.cos((Math.PI * this.lastEpoch) / T))) / 2);
  }

  protected override stateKeys(): Record<string, string> {
    return { ...super.stateKeys(), T_max: "TMax", eta_min: "etaMin" };
  }
}
