import type { Logs } from "../types.js";
import { decodeCheckpoint, encodeCheckpoint, type CheckpointValue } from "../../io/checkpoint.js";
import { Callback, type TrainingContext } from "./callback.js";
import { captureTrainingState, restoreTrainingState } from "./training-state.js";

/** Options of TrainingCheckpoint: where checkpoints go (`save`), where a resumed run reads one (`load`), how often. */
export interface TrainingCheckpointOptions {
  /** Receives the checkpoint (safetensors bytes) at the end of every `every`-th epoch; "nabla/node"'s `checkpointFile(path)` writes it atomically. */
  save: (bytes: Uint8Array, info: { epoch: number }) => void | Promise<void>;
  /** Returns the checkpoint to resume from, or null to start afresh; called when training begins. */
  load?: () => Uint8Array | ArrayBuffer | null | undefined | Promise<Uint8Array | ArrayBuffer | null | undefined>;
  /** Save every this many epochs (default 1); the last epoch and an early stop always save. */
  every?: number;
}

/**
 * Makes training resumable exactly (Keras's BackupAndRestore): at each epoch end it saves the whole
 * training state (see training-state.ts); when training begins with a saved state it restores it and
 * fit() continues from the next epoch, so 5 + 5 epochs give bit-identical weights to 10. It must be the
 * last callback, so that it saves the others' state after they have updated it.
 */
export class TrainingCheckpoint extends Callback {
  /** Optimiser steps taken, carried across resumptions. */
  step = 0;
  /** The epoch training resumed at, or null when it started afresh. */
  resumedAt: number | null = null;
  private readonly every: number;

  constructor(private readonly options: TrainingCheckpointOptions) {
    super();
    if (!options || typeof options.save !== "function") throw new TypeError("TrainingCheckpoint: options.save(bytes) is required");
    this.every = options.every ?? 1;
    if (!Number.isInteger(this.every) || this.every < 1) throw new RangeError(`TrainingCheckpoint: every must be a positive integer, got ${options.every}`);
  }

  async onTrainBegin(_logs: Logs, ctx: TrainingContext): Promise<void> {
    const all = ctx.callbacks ?? [this];
    if (all[all.length - 1] !== this) {
      throw new Error(`TrainingCheckpoint: must be the last callback (it is followed by ${all.slice(all.indexOf(this) + 1).map((c) => c.constructor?.name).join(", ")}), so that it saves the others' state after they update it`);
    }
    this.step = 0;
    this.resumedAt = null;
    const bytes = await this.options.load?.();
    if (!bytes) return;
    const state = restoreTrainingState(decodeCheckpoint(bytes), ctx, all.slice(0, -1));
    this.step = state.step;
    this.resumedAt = state.epoch;
    ctx.initialEpoch = state.epoch;
  }

  onBatchEnd(): void {
    this.step++;
  }

  async onEpochEnd(epoch: number, _logs: Logs, ctx: TrainingContext): Promise<void> {
    const done = epoch + 1;
    if (done % this.every !== 0 && done !== ctx.epochs && !ctx.stopTraining) return;
    const state = captureTrainingState(ctx, (ctx.callbacks ?? [this]).slice(0, -1), { epoch: done, step: this.step });
    await this.options.save(encodeCheckpoint(state as unknown as Record<string, CheckpointValue>), { epoch: done });
  }
}
