import type { Optimizer } from "../optimizer.js";
import { checkBoolean, checkKnownKeys, checkNonNegative } from "../options.js";
import { LRScheduler } from "./lr-scheduler.js";

/** Options of `InverseTimeLR`: the decay rate k in α₀ / (1 + k t), the unit of t and whether to floor it. */
export interface InverseTimeLROptions {
  /** k in α₀ / (1 + k t). */
  decayRate: number;
  /** t counts in units of this many steps (default 1). */
  decaySteps?: number;
  /** Use ⌊t / decaySteps⌋, decaying in stairs (default false). */
  staircase?: boolean;
}

/**
 * Inverse-time decay, the lectures' α_t = α₀ / (1 + k t), with t = epoch / decaySteps (floored with
 * `staircase`). Not in PyTorch: it is TensorFlow's `InverseTimeDecay`, stepped like PyTorch's schedules.
 */
export class InverseTimeLR extends LRScheduler {
  decayRate: number;
  decaySteps: number;
  staircase: boolean;

  constructor(optimizer: Optimizer, options: InverseTimeLROptions) {
    super("InverseTimeLR", optimizer);
    checkKnownKeys(this.name, options, ["decayRate", "decaySteps", "staircase"]);
    checkNonNegative(this.name, "decayRate", options.decayRate);
    this.decayRate = options.decayRate;
    this.decaySteps = options.decaySteps ?? 1;
    if (!(this.decaySteps > 0)) throw new RangeError(`${this.name}: invalid decaySteps: ${this.decaySteps} (expected decaySteps > 0)`);
    this.staircase = options.staircase ?? false;
    checkBoolean(this.name, "staircase", this.staircase);
    this.initialStep();
  }

  protected getLr(): number[] {
    const t = this.lastEpoch / this.decaySteps;
    const k = this.decayRate * (this.staircase ? Math.floor(t) : t);
    return this.baseLrs.map((lr) => lr / (1 + k));
  }

  protected override stateKeys(): Record<string, string> {
    return { ...super.stateKeys(), decay_rate: "decayRate", decay_steps: "decaySteps", staircase: "staircase" };
  }
}
