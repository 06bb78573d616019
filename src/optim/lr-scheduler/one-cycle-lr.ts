import type { Optimizer } from "../optimizer.js";
import { checkBoolean, checkChoice, checkInteger, checkKnownKeys, checkRange, perGroup } from "../options.js";
import { LRScheduler } from "./lr-scheduler.js";
import { momentumKind, setMomentum } from "./momentum.js";

/** Options of `OneCycleLR`: the peak rate, the cycle's length, the shape of its phases and momentum cycling. */
export interface OneCycleLROptions {
  /** The peak rate, per group or for all. */
  maxLr: number | readonly number[];
  /** Steps in the cycle; or give `epochs` and `stepsPerEpoch`. */
  totalSteps?: number;
  /** With `stepsPerEpoch`, gives totalSteps = epochs · stepsPerEpoch. */
  epochs?: number;
  /** Optimiser steps (batches) per epoch, with `epochs`. */
  stepsPerEpoch?: number;
  /** Fraction of the cycle spent rising (default 0.3). */
  pctStart?: number;
  /** "cos" (default) or "linear". */
  annealStrategy?: "cos" | "linear";
  /** Cycle momentum (or β₁) inversely to the rate (default true). */
  cycleMomentum?: boolean;
  /** Default 0.85. */
  baseMomentum?: number | readonly number[];
  /** Default 0.95. */
  maxMomentum?: number | readonly number[];
  /** The starting rate is maxLr / divFactor (default 25). */
  divFactor?: number;
  /** The final rate is the starting rate / finalDivFactor (default 1e4). */
  finalDivFactor?: number;
  /** Three phases (up, back down to the start, then annealed to the minimum), as fast.ai's original (default false). */
  threePhase?: boolean;
}

interface Phase {
  endStep: number;
  startLr: string;
  endLr: string;
  startMomentum: string;
  endMomentum: string;
}

/**
 * The 1cycle policy (Smith & Topin, 2018), stepped after every batch: the rate rises from maxLr/divFactor
 * to maxLr over the first `pctStart` of `totalSteps`, then anneals to maxLr/(divFactor·finalDivFactor);
 * momentum (or β₁) moves the opposite way between maxMomentum and baseMomentum. Each phase anneals by
 * cos: end + (start − end)(1 + cos(π p))/2, or linearly, with p the fraction of the phase done.
 * Sets the groups' `initialLr`, `maxLr`, `minLr` (and `maxMomentum`, `baseMomentum`), as PyTorch does.
 */
export class OneCycleLR extends LRScheduler {
  totalSteps: number;
  annealStrategy: "cos" | "linear";
  cycleMomentum: boolean;
  private readonly phases: Phase[];

  constructor(optimizer: Optimizer, options: OneCycleLROptions) {
    super("OneCycleLR", optimizer);
    const o = options;
    checkKnownKeys(this.name, o, ["maxLr", "totalSteps", "epochs", "stepsPerEpoch", "pctStart", "annealStrategy", "cycleMomentum", "baseMomentum", "maxMomentum", "divFactor", "finalDivFactor", "threePhase"]);
    if (o.totalSteps !== undefined) {
      checkInteger(this.name, "totalSteps", o.totalSteps, 1);
      this.totalSteps = o.totalSteps;
    } else if (o.epochs !== undefined && o.stepsPerEpoch !== undefined) {
      checkInteger(this.name, "epochs", o.epochs, 1);
      checkInteger(this.name, "stepsPerEpoch", o.stepsPerEpoch, 1);
      this.totalSteps = o.epochs * o.stepsPerEpoch;
    } else {
      throw new TypeError(`${this.name}: give either totalSteps or both epochs and stepsPerEpoch`);
    }
    const pct = o.pctStart ?? 0.3;
    checkRange(this.name, "pctStart", pct, 0, 1);
    const threePhase = o.threePhase ?? false;
    checkBoolean(this.name, "threePhase", threePhase);
    const T = this.totalSteps;
    this.phases = threePhase
      ? [
          { endStep: pct * T - 1, startLr: "initialLr", endLr: "maxLr", startMomentum: "maxMomentum", endMomentum: "baseMomentum" },
          { endStep: 2 * pct * T - 2, startLr: "maxLr", endLr: "initialLr", startMomentum: "baseMomentum", endMomentum: "maxMomentum" },
          { endStep: T - 1, startLr: "initialLr", endLr: "minLr", startMomentum: "maxMomentum", endMomentum: "maxMomentum" },
        ]
      : [
          { endStep: pct * T - 1, startLr: "initialLr", endLr: "maxLr", startMomentum: "maxMomentum", endMomentum: "baseMomentum" },
          { endStep: T - 1, startLr: "maxLr", endLr: "minLr", startMomentum: "baseMomentum", endMomentum: "maxMomentum" },
        ];
    this.annealStrategy = o.annealStrategy ?? "cos";
    checkChoice(this.name, "annealStrategy", this.annealStrategy, ["cos", "linear"]);
    const n = this.groups.length;
    const divFactor = o.divFactor ?? 25;
    const finalDivFactor = o.finalDivFactor ?? 1e4;
    perGroup(this.name, "maxLr", o.maxLr, n).forEach((maxLr, i) => {
      const g = this.groups[i]!;
      const initialLr = maxLr / divFactor;
      g.initialLr = initialLr;
      g.maxLr = maxLr;
      g.minLr = initialLr / finalDivFactor;
    });
    this.cycleMomentum = o.cycleMomentum ?? true;
    checkBoolean(this.name, "cycleMomentum", this.cycleMomentum);
    if (this.cycleMomentum) {
      momentumKind(this.name, optimizer);
      const maxM = perGroup(this.name, "maxMomentum", o.maxMomentum ?? 0.95, n);
      const baseM = perGroup(this.name, "baseMomentum", o.baseMomentum ?? 0.85, n);
      this.groups.forEach((g, i) => {
        setMomentum(optimizer, g, maxM[i]!);
        g.maxMomentum = maxM[i]!;
        g.baseMomentum = baseM[i]!;
      });
    }
    this.baseLrs = this.groups.map((g) => g.initialLr as number);
    this.initialStep();
  }

  private anneal(start: number, end: number, pct: number): number {
    return this.annealStrategy === "cos" ? end + ((start - end) / 2) * (Math.cos(Math.PI * pct) + 1) : (end - start) * pct + start;
  }

  protected getLr(): number[] {
    const t = this.lastEpoch;
    if (t > this.totalSteps) {
      throw new RangeError(`${this.name}: tried to step ${t + 1} times; the schedule has totalSteps = ${this.totalSteps}`);
    }
    return this.groups.map((g) => {
      let start = 0;
      for (let i = 0; i < this.phases.length; i++) {
        const ph = this.phases[i]!;
        if (t <= ph.endStep || i === this.phases.length - 1) {
          const pct = (t - start) / (ph.endStep - start);
          if (this.cycleMomentum) setMomentum(this.optimizer, g, this.anneal(g[ph.startMomentum] as number, g[ph.endMomentum] as number, pct));
          return this.anneal(g[ph.startLr] as number, g[ph.endLr] as number, pct);
        }
        start = ph.endStep;
      }
      throw new Error("unreachable");
    });
  }

  protected override stateKeys(): Record<string, string> {
    return { ...super.stateKeys(), total_steps: "totalSteps", anneal_strategy: "annealStrategy", cycle_momentum: "cycleMomentum", _schedule_phases: "phases" };
  }
}
