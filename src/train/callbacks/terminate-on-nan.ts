import type { Tensor } from "../../tensor/index.js";
import type { Logs } from "../types.js";
import { Callback, type TrainingContext } from "./callback.js";

/** Thrown by fit() when the loss or the weights stop being finite; the weights are the last good ones. */
export class NonFiniteError extends Error {
  constructor(message: string, readonly epoch: number, readonly batch: number) {
    super(message);
    this.name = "NonFiniteError";
  }
}

function allFinite(a: Float32Array): boolean {
  for (let i = 0; i < a.length; i++) if (!Number.isFinite(a[i]!)) return false;
  return true;
}

/**
 * Stops training with an error naming the epoch and batch as soon as the loss, the gradients or the
 * updated weights are NaN or infinite, and restores the weights and buffers from before that step.
 * fit() installs one by default (`terminateOnNaN: false` turns it off).
 */
export class TerminateOnNaN extends Callback {
  private tensors: Tensor[] = [];
  private saved: Float32Array[] = [];

  onTrainBegin(_logs: Logs, ctx: TrainingContext): void {
    this.tensors = Object.values(ctx.model.stateDict());
    this.saved = this.tensors.map((t) => new Float32Array(t.size));
  }

  onBatchBegin(): void {
    for (let i = 0; i < this.tensors.length; i++) this.saved[i]!.set(this.tensors[i]!.data);
  }

  onBeforeStep(batch: number, _logs: Logs, ctx: TrainingContext): void {
    const loss = ctx.loss?.item();
    if (loss !== undefined && !Number.isFinite(loss)) this.fail(`the loss became ${loss}`, ctx, batch);
    const lr = ctx.optimizer.paramGroups.find((g) => !Number.isFinite(g.lr))?.lr;
    if (lr !== undefined) this.fail(`the learning rate is ${lr}`, ctx, batch);
  }

  onAfterStep(batch: number, _logs: Logs, ctx: TrainingContext): void {
    for (const t of this.tensors) if (!allFinite(t.data)) this.fail("a weight became NaN or infinite after the optimiser step", ctx, batch);
  }

  private fail(what: string, ctx: TrainingContext, batch: number): never {
    for (let i = 0; i < this.tensors.length; i++) this.tensors[i]!.data.set(this.saved[i]!);
    ctx.stopTraining = true;
    throw new NonFiniteError(
      `TerminateOnNaN: ${what} at epoch ${ctx.epoch}, batch ${batch}; training stopped and the weights were restored to their values before that batch`,
      ctx.epoch, batch,
    );
  }
}
