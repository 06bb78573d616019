import type { Logs } from "../types.js";
import { Callback, pickState, readMonitor, resolveMode, restoreState, type TrainingContext } from "./callback.js";

/** Any schedule with PyTorch's step(): an optim.lrScheduler object; ReduceLROnPlateau-style ones take the metric. */
export interface StepSchedule {
  step(metric?: number): void;
}

/** Options of the `LearningRateScheduler` callback: step per batch or per epoch, and the metric passed to metric-driven schedules. */
export interface LearningRateSchedulerOptions {
  /** Step after every batch instead of every epoch (for OneCycleLR, CyclicLR, warm-up). */
  perBatch?: boolean;
  /** For schedules that take a metric (ReduceLROnPlateau): the logged quantity to pass. */
  monitor?: string;
}

/**
 * Drives a learning-rate schedule from fit(): either an optim.lrScheduler object (stepped after each
 * epoch, or each batch with perBatch) or a Keras-style function (epoch, lr) → new lr applied at each epoch's start.
 */
export class LearningRateScheduler extends Callback {
  constructor(
    readonly schedule: StepSchedule | ((epoch: number, lr: number) => number),
    readonly options: LearningRateSchedulerOptions = {},
  ) {
    super();
  }

  onEpochBegin(epoch: number, _logs: Logs, ctx: TrainingContext): void {
    if (typeof this.schedule !== "function") return;
    for (const g of ctx.optimizer.paramGroups) {
      const lr = this.schedule(epoch, g.lr);
      if (!Number.isFinite(lr)) throw new RangeError(`LearningRateScheduler: schedule returned ${lr} at epoch ${epoch}`);
      g.lr = lr;
    }
  }

  onBatchEnd(): void {
    if (this.options.perBatch && typeof this.schedule !== "function") this.schedule.step();
  }

  onEpochEnd(_epoch: number, logs: Logs): void {
    if (this.options.perBatch || typeof this.schedule === "function") return;
    if (this.options.monitor) this.schedule.step(readMonitor("LearningRateScheduler", this.options.monitor, logs));
    else this.schedule.step();
  }
}

/** Options of the `ReduceLROnPlateau` callback: the monitored quantity, the factor, patience, the least improvement, cooldown, the lowest rate and the direction. */
export interface ReduceLROnPlateauOptions {
  /** The logged quantity to watch (default "val_loss"). */
  monitor?: string;
  /** New lr = lr · factor (default 0.1). */
  factor?: number;
  /** Epochs without improvement before the rate is reduced (default 10). */
  patience?: number;
  /** Smallest change that counts as an improvement (default 1e-4). */
  minDelta?: number;
  /** Epochs to wait after a reduction before counting again (default 0). */
  cooldown?: number;
  /** The rate is never reduced below this (default 0). */
  minLr?: number;
  /** "min": the quantity should fall; "max": rise; "auto" (default): "max" for names with acc, f1, precision, recall, r2 or topN (top5), else "min". */
  mode?: "auto" | "min" | "max";
}

const PROGRESS_FIELDS = ["best", "wait", "cooldownCounter"];

/**
 * Multiplies every group's learning rate by `factor` when the monitored quantity has not improved
 * by minDelta for `patience` epochs, then waits `cooldown` epochs (Keras's ReduceLROnPlateau).
 */
export class ReduceLROnPlateau extends Callback {
  readonly monitor: string;
  readonly factor: number;
  readonly patience: number;
  readonly minDelta: number;
  readonly cooldown: number;
  readonly minLr: number;
  readonly mode: "min" | "max";
  private best = Infinity;
  private wait = 0;
  private cooldownCounter = 0;

  constructor(options: ReduceLROnPlateauOptions = {}) {
    super();
    this.monitor = options.monitor ?? "val_loss";
    this.factor = options.factor ?? 0.1;
    if (!(this.factor < 1 && this.factor >= 0)) throw new RangeError(`ReduceLROnPlateau: factor must be in [0, 1), got ${this.factor}`);
    this.patience = options.patience ?? 10;
    this.minDelta = options.minDelta ?? 1e-4;
    this.cooldown = options.cooldown ?? 0;
    this.minLr = options.minLr ?? 0;
    this.mode = resolveMode(this.monitor, options.mode ?? "auto");
  }

  /** The progress of this callback (best, wait, cooldownCounter), for checkpoints. */
  stateDict(): Record<string, unknown> {
    return pickState(this, PROGRESS_FIELDS);
  }

  /** Restores progress saved by stateDict(). */
  loadStateDict(state: Record<string, unknown>): void {
    restoreState(this, "ReduceLROnPlateau", PROGRESS_FIELDS, state);
  }

  onTrainBegin(): void {
    this.best = this.mode === "min" ? Infinity : -Infinity;
    this.wait = 0;
    this.cooldownCounter = 0;
  }

  onEpochEnd(_epoch: number, logs: Logs, ctx: TrainingContext): void {
    const current = readMonitor("ReduceLROnPlateau", this.monitor, logs);
    if (this.cooldownCounter > 0) {
      this.cooldownCounter--;
      this.wait = 0;
    }
    const better = this.mode === "min" ? current < this.best - this.minDelta : current > this.best + this.minDelta;
    if (better) {
      this.best = current;
      this.wait = 0;
    } else if (this.cooldownCounter <= 0) {
      this.wait++;
      if (this.wait >= this.patience) {
        for (const g of ctx.optimizer.paramGroups) if (g.lr > this.minLr) g.lr = Math.max(g.lr * this.factor, this.minLr);
        this.cooldownCounter = this.cooldown;
        this.wait = 0;
      }
    }
  }
}
