import type { Tensor } from "../../tensor/index.js";
import type { Logs, ModelLike } from "../types.js";
import { Callback, pickState, restoreState, readMonitor, resolveMode, snapshotState, type TrainingContext } from "./callback.js";

/** Options of `ModelCheckpoint`: the monitored quantity, its direction, whether to save only improvements, and where to save. */
export interface ModelCheckpointOptions {
  /** The logged quantity to watch (default "val_loss"). */
  monitor?: string;
  /** "min": the quantity should fall; "max": rise; "auto" (default): "max" for names with acc, f1, precision, recall, r2 or topN (top5), else "min". */
  mode?: "auto" | "min" | "max";
  /** Save only when the monitored quantity improves (default true). */
  saveBestOnly?: boolean;
  /** Where the checkpoint goes: called with the model after each saving epoch (write a file, post a message…). */
  save?: (model: ModelLike, info: { epoch: number; logs: Logs; best: number }) => void | Promise<void>;
}

const PROGRESS_FIELDS = ["best", "bestEpoch", "bestState"];

/**
 * Keeps the model of the best epoch (or of every epoch): in memory as `bestState`, and through the
 * `save` function when given ("nabla/node" provides one that writes a file atomically).
 */
export class ModelCheckpoint extends Callback {
  readonly monitor: string;
  readonly mode: "min" | "max";
  readonly saveBestOnly: boolean;
  best = NaN;
  bestEpoch = -1;
  bestState: Record<string, Tensor> | null = null;
  private readonly save?: ModelCheckpointOptions["save"];

  constructor(options: ModelCheckpointOptions = {}) {
    super();
    this.monitor = options.monitor ?? "val_loss";
    this.mode = resolveMode(this.monitor, options.mode ?? "auto");
    this.saveBestOnly = options.saveBestOnly ?? true;
    this.save = options.save;
  }

  /** The progress of this callback (best, bestEpoch, bestState), for checkpoints. */
  stateDict(): Record<string, unknown> {
    return pickState(this, PROGRESS_FIELDS);
  }

  /** Restores progress saved by stateDict(). */
  loadStateDict(state: Record<string, unknown>): void {
    restoreState(this, "ModelCheckpoint", PROGRESS_FIELDS, state);
  }

  onTrainBegin(): void {
    this.best = this.mode === "min" ? Infinity : -Infinity;
    this.bestEpoch = -1;
    this.bestState = null;
  }

  async onEpochEnd(epoch: number, logs: Logs, ctx: TrainingContext): Promise<void> {
    const current = readMonitor("ModelCheckpoint", this.monitor, logs);
    const better = this.mode === "min" ? current < this.best : current > this.best;
    if (better) {
      this.best = current;
      this.bestEpoch = epoch;
      this.bestState = snapshotState(ctx.model.stateDict());
    }
    if (better || !this.saveBestOnly) await this.save?.(ctx.model, { epoch, logs, best: this.best });
  }
}
