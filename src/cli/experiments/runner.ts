/**
 * Runs trial tasks in parallel worker threads (or in this thread with `workers: 0`), relaying each
 * trial's epoch progress.
 */
import { availableParallelism } from "node:os";
import { WorkerPool } from "../../node.js";
import { runTrialTask, type EpochProgress, type TrialOutcome, type TrialTask } from "./run-trial.js";

/** The default number of workers: one per core, at most `tasks`. */
export function defaultWorkers(tasks: number): number {
  return Math.max(1, Math.min(availableParallelism(), tasks));
}

/** Runs TrialTasks, at most `concurrency` at once. */
export class TrialRunner {
  readonly concurrency: number;
  private readonly pool: WorkerPool | null;

  constructor(workers: number) {
    if (!Number.isInteger(workers) || workers < 0) throw new RangeError(`--workers: expected a non-negative integer, got ${workers}`);
    this.pool = workers > 0 ? new WorkerPool(workers) : null;
    this.concurrency = Math.max(1, workers);
  }

  run(task: TrialTask, onProgress?: (p: EpochProgress) => void): Promise<TrialOutcome> {
    if (!this.pool) return runTrialTask(task, onProgress);
    return this.pool.run<TrialOutcome>(new URL("./run-trial.js", import.meta.url), "runTrialTask", task, (p) => onProgress?.(p as EpochProgress));
  }

  close(): Promise<void> {
    return this.pool?.close() ?? Promise.resolve();
  }
}
