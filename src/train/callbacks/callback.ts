/** Callbacks: hooks that fit() calls at the start and end of training, of each epoch and of each batch. */
import type { Generator, Tensor } from "../../tensor/index.js";
import type { History } from "../history.js";
import type { Logs, ModelLike, OptimizerLike } from "../types.js";

/** What a callback can see and steer during fit(): set `stopTraining` to end after the current epoch. */
export interface TrainingContext {
  model: ModelLike;
  optimizer: OptimizerLike;
  history: History;
  epochs: number;
  batchesPerEpoch: number;
  samples: number;
  epoch: number;
  batch: number;
  stopTraining: boolean;
  /** The current batch's loss tensor (set before the optimiser step). */
  loss?: Tensor;
  /** The first epoch fit() runs; a callback's onTrainBegin may move it (to resume from a checkpoint). */
  initialEpoch?: number;
  /** The generator shuffling the training rows, whose state a checkpoint saves. */
  generator?: Generator;
  /** Every callback fit() calls, in order. */
  callbacks?: CallbackLike[];
}

type Hook<A extends unknown[]> = ((...args: [...A, TrainingContext]) => void | Promise<void>) | undefined;

/**
 * A callback: implement any of the hooks. Plain objects work too:
 * `{ onEpochEnd(epoch, logs) { console.log(epoch, logs.loss) } }`.
 */
export interface CallbackLike {
  onTrainBegin?: Hook<[Logs]>;
  onTrainEnd?: Hook<[Logs]>;
  onEpochBegin?: Hook<[number, Logs]>;
  onEpochEnd?: Hook<[number, Logs]>;
  onBatchBegin?: Hook<[number, Logs]>;
  onBatchEnd?: Hook<[number, Logs]>;
  /** After backward, before optimizer.step(). */
  onBeforeStep?: Hook<[number, Logs]>;
  /** Right after optimizer.step(). */
  onAfterStep?: Hook<[number, Logs]>;
}

/** Base class for callbacks (all hooks optional). */
export abstract class Callback implements CallbackLike {}

/** Which way a monitored quantity improves: losses and errors go down, accuracies and scores go up. */
export function resolveMode(monitor: string, mode: "auto" | "min" | "max"): "min" | "max" {
  if (mode !== "auto") return mode;
  return /acc|f1|precision|recall|r2|top\d/.test(monitor) ? "max" : "min";
}

/** Reads a monitored value from the logs, or explains which names exist. */
export function readMonitor(owner: string, monitor: string, logs: Logs): number {
  const v = logs[monitor];
  if (v === undefined) {
    throw new RangeError(`${owner}: monitored quantity "${monitor}" is not in the logs (available: ${Object.keys(logs).join(", ")}); pass validation data to monitor val_ values`);
  }
  return v;
}

/** A deep copy of a state dict (values copied, off the tape). */
export function snapshotState(sd: Record<string, Tensor>): Record<string, Tensor> {
  const out: Record<string, Tensor> = {};
  for (const [k, t] of Object.entries(sd)) out[k] = t.detach().clone();
  return out;
}

/** The progress fields of a callback as a plain state object (configuration stays with the constructor). */
export function pickState(owner: object, fields: readonly string[]): Record<string, unknown> {
  const own = owner as Record<string, unknown>;
  return Object.fromEntries(fields.map((f) => [f, own[f] ?? null]));
}

/** Restores fields saved by pickState, refusing names the callback does not have. */
export function restoreState(owner: object, name: string, fields: readonly string[], state: Record<string, unknown>): void {
  const own = owner as Record<string, unknown>;
  for (const [k, v] of Object.entries(state)) {
    if (!fields.includes(k)) throw new RangeError(`${name}.loadStateDict: unexpected key "${k}" (expected ${fields.join(", ")})`);
    own[k] = v;
  }
}
