import type { Tensor } from "../../tensor/index.js";
import type { Logs } from "../types.js";
import { Callback, pickState, restoreState, readMonitor, resolveMode, snapshotState, type TrainingContext } from "./callback.js";

/** Options of `EarlyStopping`: the monitored quantity, patience, the least improvement, its direction, a baseline and whether to restore the best weights. */
export interface EarlyStoppingOptions {
  /** The logged quantity to watch (default "val_loss"). */
  monitor?: string;
  /** Epochs without improvement before stopping (default 0). */
  patience?: number;
  /** Smallest change that counts as an improvement (default 0). */
  minDelta?: number;
  /** "min": the quantity should fall; "max": rise; "auto" (default): "max" for names with acc, f1, precision, recall, r2 or topN (top5), else "min". */
  mode?: "auto" | "min" | "max";
  /** A value the monitored quantity must beat. */
  baseline?: number;
  /** At the end of training, load the weights of the best epoch (default false). */
  restoreBestWeights?: boolean;
}

const PROGRESS_FIELDS = ["best", "bestEpoch", "wait", "stoppedEpoch", "bestState"];

/**
 * Stops training when the monitored quantity has not improved by more than minDelta for `patience`
 * epochs, as Keras's EarlyStopping; with restoreBestWeights the best epoch's weights (and buffers)
 * are loaded back when training ends.
 */
export class EarlyStopping extends Callback {
  readonly monitor: string;
  readonly patience: number;
  readonly minDelta: number;
  readonly mode: "min" | "max";
  readonly baseline: number | undefined;
  readonly restoreBestWeights: boolean;
  best = NaN;
  bestEpoch = -1;
  wait = 0;
  stoppedEpoch: number | null = null;
  private bestState: Record<string, Tensor> | null = null;

  constructor(options: EarlyStoppingOptions = {}) {
    super();
    this.monitor = options.monitor ?? "val_loss";
    this.patience = options.patience ?? 0;
    this.minDelta = Math.abs(options.minDelta ?? 0);
    this.mode = resolveMode(this.monitor, options.mode ?? "auto");
    this.baseline = options.baseline;
    this.restoreBestWeights = options.restoreBestWeights ?? false;
    if (!Number.isInteger(this.patience) || this.patience < 0) {
      throw new RangeError(`EarlyStopping: patience must be a non-negative integer, got ${options.patience}`);
    }
  }

  /** The progress of this callback (best, bestEpoch, wait, stoppedEpoch, bestState), for checkpoints. */
  stateDict(): Record<string, unknown> {
    return pickState(this, PROGRESS_FIELDS);
  }

  /** Restores progress saved by stateDict(). */
  loadStateDict(state: Record<string, unknown>): void {
    restoreState(this, "EarlyStopping", PROGRESS_FIELDS, state);
  }

  onTrainBegin(): void {
    this.wait = 0;
    this.stoppedEpoch = null;
    this.bestEpoch = -1;
    this.bestState = null;
    this.best = this.baseline ?? (this.mode === "min" ? Infinity : -Infinity);
  }

  private improved(current: number): boolean {
    return this.mode === "min" ? current < this.best - this.minDelta : current > this.best + this.minDelta;
  }

  onEpochEnd(epoch: number, logs: Logs, ctx: TrainingContext): void {
    const current = readMonitor("EarlyStopping", this.monitor, logs);
    this.wait++;
    if (this.improved(current)) {
      this.best = current;
      this.bestEpoch = epoch;
      this.wait = 0;
      if (this.restoreBestWeights) this.bestState = snapshotState(ctx.model.stateDict());
      return;
    }
    if (this.wait >= this.patience && epoch > 0) {
      this.stoppedEpoch = epoch;
      ctx.stopTraining = true;
      ctx.history.stoppedEpoch = epoch;
    }
  }

  onTrainEnd(_logs: Logs, ctx: TrainingContext): void {
    if (this.restoreBestWeights && this.bestState) ctx.model.loadStateDict(this.bestState);
  }
}
