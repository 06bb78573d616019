import type { Logs } from "../types.js";
import { Callback, pickState, restoreState } from "./callback.js";

const PROGRESS_FIELDS = ["keys"];

/**
 * Writes one CSV row per epoch (epoch and every logged value) through `write`, which receives each
 * line; "nabla/node" has `csvFileLogger(path)` that appends to a file.
 */
export class CSVLogger extends Callback {
  private keys: string[] | null = null;
  readonly lines: string[] = [];

  constructor(private readonly write: (line: string) => void = () => {}, private readonly separator = ",") {
    super();
  }

  /** The progress of this callback (keys), for checkpoints. */
  stateDict(): Record<string, unknown> {
    return pickState(this, PROGRESS_FIELDS);
  }

  /** Restores progress saved by stateDict(). */
  loadStateDict(state: Record<string, unknown>): void {
    restoreState(this, "CSVLogger", PROGRESS_FIELDS, state);
  }

  onTrainBegin(): void {
    this.keys = null;
  }

  onEpochEnd(epoch: number, logs: Logs): void {
    if (!this.keys) {
      this.keys = Object.keys(logs);
      this.emit(["epoch", ...this.keys].join(this.separator));
    }
    this.emit([String(epoch), ...this.keys.map((k) => (logs[k] === undefined ? "" : String(logs[k])))].join(this.separator));
  }

  private emit(line: string): void {
    this.lines.push(line);
    this.write(line);
  }
}
