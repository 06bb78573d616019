import type { Optimizer } from "../optimizer.js";
import { checkInteger, checkKnownKeys, checkNonNegative } from "../options.js";
import { LRScheduler } from "./lr-scheduler.js";

/** Options of `CosineAnnealingWarmRestarts`: the first period T0, its growth factor TMult and the lowest rate η_min. */
export interface CosineAnnealingWarmRestartsOptions {
  /** Epochs until the first restart. */
  T0: number;
  /** Each period is this many times the previous one (default 1). */
  TMult?: number;
  /** The lowest rate (default 0). */
  etaMin?: number;
}

/**
 * SGDR, cosine annealing with warm restarts (Loshchilov & Hutter, 2016):
 * η_t = η_min + (η₀ − η_min)(1 + cos(π T_cur / T_i)) / 2, where T_cur counts epochs since the last
 * restart and the period T_i starts at T0 and is multiplied by TMult at each restart.
 * `step(epoch)` accepts fractional epochs (`step(epoch + i / iters)` per batch), as PyTorch's does.
 */
export class CosineAnnealingWarmRestarts extends LRScheduler {
  T0: number;
  TMult: number;
  etaMin: number;
  /** The current period. */
  Ti: number;
  /** Epochs since the last restart. */
  TCur: number;

  constructor(optimizer: Optimizer, options: CosineAnnealingWarmRestartsOptions) {
    super("CosineAnnealingWarmRestarts", optimizer);
    checkKnownKeys(this.name, options, ["T0", "TMult", "etaMin"]);
    checkInteger(this.name, "T0", options.T0, 1);
    this.T0 = this.Ti = options.T0;
    this.TMult = options.TMult ?? 1;
    checkInteger(this.name, "TMult", this.TMult, 1);
    this.etaMin = options.etaMin ?? 0;
    checkNonNegative(this.name, "etaMin", this.etaMin);
    this.TCur = this.lastEpoch;
    this.initialStep();
  }

  protected getLr(): number[] {
    return this.baseLrs.map((lr) => this.etaMin + ((lr - this.etaMin) * (1 + Math.cos((Math.PI * this.TCur) / this.Ti))) / 2);
  }

  override step(epoch?: number): void {
    if (epoch === undefined && this.lastEpoch < 0) epoch = 0;
    if (epoch === undefined) {
      epoch = this.lastEpoch + 1;
      this.TCur += 1;
      if (this.TCur >= this.Ti) {
        this.TCur -= this.Ti;
        this.Ti *= this.TMult;
      }
    } else {
      if (!(epoch >= 0)) throw new RangeError(`${this.name}.step: invalid epoch: ${epoch} (expected epoch >= 0)`);
      if (epoch >= this.T0) {
        if (this.TMult === 1) {
          this.TCur = epoch % this.T0;
        } else {
          const n = Math.trunc(Math.log((epoch / this.T0) * (this.TMult - 1) + 1) / Math.log(this.TMult));
          this.TCur = epoch - (this.T0 * (this.TMult ** n - 1)) / (this.TMult - 1);
          this.Ti = this.T0 * this.TMult ** n;
        }
      } else {
        this.Ti = this.T0;
        this.TCur = epoch;
      }
    }
    this.lastEpoch = Math.floor(epoch);
    const values = this.getLr();
    this.groups.forEach((g, i) => (g.lr = values[i]!));
    this.lastLr = this.groups.map((g) => g.lr);
  }

  protected override stateKeys(): Record<string, string> {
    return { ...super.stateKeys(), T_0: "T0", T_i: "Ti", T_mult: "TMult", eta_min: "etaMin", T_cur: "TCur" };
  }
}
