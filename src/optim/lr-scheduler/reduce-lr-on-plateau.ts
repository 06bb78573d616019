import { Tensor } from "../../tensor/index.js";
import { Optimizer } from "../optimizer.js";
import { checkChoice, checkInteger, checkKnownKeys, checkNonNegative, copyPlain, perGroup, show } from "../options.js";
import type { LRSchedulerStateDict } from "./lr-scheduler.js";

/** Options of `ReduceLROnPlateau`: the metric's direction, the reduction factor, patience, what counts as improvement, cooldown and the lowest rate. */
export interface ReduceLROnPlateauOptions {
  /** "min" (default): the metric should fall (a loss); "max": it should rise (an accuracy). */
  mode?: "min" | "max";
  /** The rate is multiplied by this on a plateau (default 0.1; must be < 1). */
  factor?: number;
  /** Epochs without improvement tolerated before reducing (default 10). */
  patience?: number;
  /** The least change that counts as an improvement (default 1e-4). */
  threshold?: number;
  /** "rel" (default): improvement beyond best·(1 ∓ threshold); "abs": beyond best ∓ threshold. */
  thresholdMode?: "rel" | "abs";
  /** Epochs to wait after a reduction before counting again (default 0). */
  cooldown?: number;
  /** The lowest rate, per group or for all (default 0). */
  minLr?: number | readonly number[];
  /** Reductions smaller than this are skipped (default 1e-8). */
  eps?: number;
}

/**
 * Reduces each group's rate by `factor` when a metric has stopped improving for more than `patience`
 * epochs: call `step(metric)` after each evaluation. As PyTorch's `ReduceLROnPlateau`.
 */
export class ReduceLROnPlateau {
  readonly name = "ReduceLROnPlateau";
  readonly optimizer: Optimizer;
  mode: "min" | "max";
  factor: number;
  patience: number;
  threshold: number;
  thresholdMode: "rel" | "abs";
  cooldown: number;
  minLrs: number[];
  eps: number;
  /** The best metric so far (±Infinity before the first step). */
  best: number;
  numBadEpochs = 0;
  cooldownCounter = 0;
  lastEpoch = 0;
  private lastLr: number[];

  constructor(optimizer: Optimizer, options: ReduceLROnPlateauOptions = {}) {
    if (!(optimizer instanceof Optimizer)) throw new TypeError(`${this.name}: expected an optimiser as the first argument, got ${show(optimizer)}`);
    checkKnownKeys(this.name, options, ["mode", "factor", "patience", "threshold", "thresholdMode", "cooldown", "minLr", "eps"]);
    this.optimizer = optimizer;
    this.mode = options.mode ?? "min";
    this.factor = options.factor ?? 0.1;
    this.patience = options.patience ?? 10;
    this.threshold = options.threshold ?? 1e-4;
    this.thresholdMode = options.thresholdMode ?? "rel";
    this.cooldown = options.cooldown ?? 0;
    this.eps = options.eps ?? 1e-8;
    checkChoice(this.name, "mode", this.mode, ["min", "max"]);
    checkChoice(this.name, "thresholdMode", this.thresholdMode, ["rel", "abs"]);
    if (!(this.factor >= 0 && this.factor < 1)) throw new RangeError(`${this.name}: invalid factor: ${show(this.factor)} (expected 0 <= factor < 1)`);
    checkInteger(this.name, "patience", this.patience, 0);
    checkInteger(this.name, "cooldown", this.cooldown, 0);
    checkNonNegative(this.name, "threshold", this.threshold);
    checkNonNegative(this.name, "eps", this.eps);
    this.minLrs = perGroup(this.name, "minLr", options.minLr ?? 0, optimizer.paramGroups.length);
    this.best = this.worst;
    this.lastLr = optimizer.paramGroups.map((g) => g.lr);
  }

  private get worst(): number {
    return this.mode === "min" ? Infinity : -Infinity;
  }

  /** Whether `a` improves on `best` by more than the threshold. */
  isBetter(a: number, best: number): boolean {
    const { mode, thresholdMode: tm, threshold: th } = this;
    if (mode === "min") return tm === "rel" ? a < best * (1 - th) : a < best - th;
    return tm === "rel" ? a > best * (th + 1) : a > best + th;
  }

  /** Records one epoch's metric (a number or a one-element tensor) and reduces the rates on a plateau. */
  step(metric: number | Tensor): void {
    const current = metric instanceof Tensor ? metric.item() : metric;
    if (typeof current !== "number") throw new TypeError(`${this.name}.step: expected the metric as a number, got ${show(metric)}`);
    this.lastEpoch += 1;
    if (this.isBetter(current, this.best)) {
      this.best = current;
      this.numBadEpochs = 0;
    } else {
      this.numBadEpochs += 1;
    }
    if (this.cooldownCounter > 0) {
      this.cooldownCounter -= 1;
      this.numBadEpochs = 0;
    }
    if (this.numBadEpochs > this.patience) {
      this.optimizer.paramGroups.forEach((g, i) => {
        const newLr = Math.max(g.lr * this.factor, this.minLrs[i]!);
        if (g.lr - newLr > this.eps) g.lr = newLr;
      });
      this.cooldownCounter = this.cooldown;
      this.numBadEpochs = 0;
    }
    this.lastLr = this.optimizer.paramGroups.map((g) => g.lr);
  }

  /** The groups' rates after the last step. */
  getLastLr(): number[] {
    return this.lastLr.slice();
  }

  private static readonly KEYS: Record<string, keyof ReduceLROnPlateau & string> = {
    mode: "mode", factor: "factor", patience: "patience", threshold: "threshold", threshold_mode: "thresholdMode", cooldown: "cooldown",
    min_lrs: "minLrs", eps: "eps", best: "best", num_bad_epochs: "numBadEpochs", cooldown_counter: "cooldownCounter", last_epoch: "lastEpoch",
  };

  /** The schedule's settings and position, under PyTorch's names. */
  stateDict(): LRSchedulerStateDict {
    const self = this as unknown as Record<string, unknown>;
    const out: LRSchedulerStateDict = {};
    for (const [key, prop] of Object.entries(ReduceLROnPlateau.KEYS)) out[key] = copyPlain(self[prop]);
    out._last_lr = this.lastLr.slice();
    return out;
  }

  /** Restores a `stateDict()`. A `best` of null (±Infinity through JSON) means no metric seen yet. */
  loadStateDict(sd: LRSchedulerStateDict): void {
    const self = this as unknown as Record<string, unknown>;
    for (const [key, prop] of Object.entries(ReduceLROnPlateau.KEYS)) if (key in sd) self[prop] = copyPlain(sd[key]);
    if (typeof this.best !== "number") this.best = this.worst;
    if (Array.isArray(sd._last_lr)) this.lastLr = [...(sd._last_lr as number[])];
  }
}
