import type { Optimizer } from "../optimizer.js";
import { checkBoolean, checkChoice, checkKnownKeys, perGroup } from "../options.js";
import { LRScheduler } from "./lr-scheduler.js";
import { momentumOf, setMomentum, momentumKind } from "./momentum.js";

/** Options of `CyclicLR`: the bounds of the rate, the lengths of the two half cycles, the amplitude policy and momentum cycling. */
export interface CyclicLROptions {
  /** The lower bound of the cycle, per group or for all (sets each group's `lr` at construction). */
  baseLr: number | readonly number[];
  /** The upper bound of the cycle (reached only with mode "triangular"). */
  maxLr: number | readonly number[];
  /** Steps of the rising half (default 2000). */
  stepSizeUp?: number;
  /** Steps of the falling half (default: stepSizeUp). */
  stepSizeDown?: number;
  /** "triangular" (default), "triangular2" (amplitude halves every cycle) or "exp_range" (amplitude × γ^step). */
  mode?: "triangular" | "triangular2" | "exp_range";
  /** γ of "exp_range" (default 1). */
  gamma?: number;
  /** A custom amplitude scale in [0, 1], replacing `mode`. */
  scaleFn?: (x: number) => number;
  /** What `scaleFn` is given: the cycle number ("cycle", default) or the step ("iterations"). */
  scaleMode?: "cycle" | "iterations";
  /** Cycle momentum (or β₁) inversely to the rate, between baseMomentum and maxMomentum (default true). */
  cycleMomentum?: boolean;
  /** Default 0.8. */
  baseMomentum?: number | readonly number[];
  /** Default 0.9. */
  maxMomentum?: number | readonly number[];
}

/**
 * Cyclical learning rates (Smith, 2017), stepped after every batch: with c = ⌊1 + t / (up + down)⌋ and
 * x the position in the cycle, the rate rises linearly from baseLr to maxLr over `stepSizeUp` steps and
 * falls back over `stepSizeDown`, the amplitude scaled by 1 ("triangular"), 1/2^(c−1) ("triangular2")
 * or γᵗ ("exp_range"). With `cycleMomentum`, momentum (SGD, RMSprop) or β₁ (Adam-like optimisers;
 * PyTorch 1.13 supports only momentum) moves the opposite way.
 */
export class CyclicLR extends LRScheduler {
  maxLrs: number[];
  totalSize: number;
  stepRatio: number;
  mode: string;
  gamma: number;
  scaleMode: "cycle" | "iterations";
  cycleMomentum: boolean;
  baseMomentums: number[] = [];
  maxMomentums: number[] = [];
  private readonly scaleFn: (x: number) => number;

  constructor(optimizer: Optimizer, options: CyclicLROptions) {
    const n = optimizer?.paramGroups?.length ?? 0;
    const baseLrs = perGroup("CyclicLR", "baseLr", options.baseLr, n);
    super("CyclicLR", optimizer, baseLrs);
    checkKnownKeys(this.name, options, ["baseLr", "maxLr", "stepSizeUp", "stepSizeDown", "mode", "gamma", "scaleFn", "scaleMode", "cycleMomentum", "baseMomentum", "maxMomentum"]);
    this.maxLrs = perGroup(this.name, "maxLr", options.maxLr, n);
    const up = options.stepSizeUp ?? 2000;
    const down = options.stepSizeDown ?? up;
    if (!(up > 0) || !(down > 0)) throw new RangeError(`${this.name}: invalid step sizes: up ${up}, down ${down} (expected both > 0)`);
    this.totalSize = up + down;
    this.stepRatio = up / this.totalSize;
    this.mode = options.mode ?? "triangular";
    this.gamma = options.gamma ?? 1;
    if (options.scaleFn !== undefined) {
      this.scaleFn = options.scaleFn;
      this.scaleMode = options.scaleMode ?? "cycle";
      checkChoice(this.name, "scaleMode", this.scaleMode, ["cycle", "iterations"]);
    } else {
      checkChoice(this.name, "mode", this.mode, ["triangular", "triangular2", "exp_range"]);
      this.scaleFn = this.mode === "triangular" ? () => 1 : this.mode === "triangular2" ? (x) => 1 / 2 ** (x - 1) : (x) => this.gamma ** x;
      this.scaleMode = this.mode === "exp_range" ? "iterations" : "cycle";
    }
    this.cycleMomentum = options.cycleMomentum ?? true;
    checkBoolean(this.name, "cycleMomentum", this.cycleMomentum);
    if (this.cycleMomentum) {
      momentumKind(this.name, optimizer);
      const base = perGroup(this.name, "baseMomentum", options.baseMomentum ?? 0.8, n);
      base.forEach((m, i) => setMomentum(optimizer, this.groups[i]!, m));
      this.baseMomentums = this.groups.map((g) => momentumOf(optimizer, g));
      this.maxMomentums = perGroup(this.name, "maxMomentum", options.maxMomentum ?? 0.9, n);
    }
    this.initialStep();
    this.baseLrs = baseLrs;
  }

  protected getLr(): number[] {
    const t = this.lastEpoch;
    const cycle = Math.floor(1 + t / this.totalSize);
    const x = 1 + t / this.totalSize - cycle;
    const scaleFactor = x <= this.stepRatio ? x / this.stepRatio : (x - 1) / (this.stepRatio - 1);
    const scale = this.scaleFn(this.scaleMode === "cycle" ? cycle : t);
    const lrs = this.baseLrs.map((base, i) => base + (this.maxLrs[i]! - base) * scaleFactor * scale);
    if (this.cycleMomentum) {
      this.groups.forEach((g, i) => {
        const hi = this.maxMomentums[i]!;
        setMomentum(this.optimizer, g, hi - (hi - this.baseMomentums[i]!) * scaleFactor * scale);
      });
    }
    return lrs;
  }

  protected override stateKeys(): Record<string, string> {
    return {
      ...super.stateKeys(), max_lrs: "maxLrs", total_size: "totalSize", step_ratio: "stepRatio", mode: "mode", gamma: "gamma",
      scale_mode: "scaleMode", cycle_momentum: "cycleMomentum", base_momentums: "baseMomentums", max_momentums: "maxMomentums",
    };
  }
}
