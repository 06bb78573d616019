/** What training did, epoch by epoch: losses, metrics, learning rate and timings. */
import type { Logs } from "./types.js";

/** The record `fit` returns (Keras's History): per-epoch series of the loss, metrics and learning rate, and the run's timings. */
export class History {
  /** Epoch numbers (0-based) that were completed. */
  readonly epoch: number[] = [];
  /** Per-epoch series keyed by name: `loss`, `accuracy`, `val_loss`, `val_accuracy`, `lr`, `time`, … */
  readonly history: Record<string, number[]> = {};
  /** Totals over the run, in seconds and samples per second. */
  timing = { trainTime: 0, evalTime: 0, wallTime: 0, samplesPerSecond: 0 };
  /** The epoch at which training stopped early, if it did. */
  stoppedEpoch: number | null = null;

  /** Appends one epoch's logs. */
  record(epoch: number, logs: Logs): void {
    this.epoch.push(epoch);
    const n = this.epoch.length;
    for (const [k, v] of Object.entries(logs)) {
      const series = (this.history[k] ??= []);
      while (series.length < n - 1) series.push(NaN);
      series.push(v);
    }
  }

  /** The last value of a series, or undefined. */
  last(key: string): number | undefined {
    const s = this.history[key];
    return s ? s[s.length - 1] : undefined;
  }

  /** A plain object for JSON. */
  toJSON(): { epoch: number[]; history: Record<string, number[]>; timing: History["timing"]; stoppedEpoch: number | null } {
    return { epoch: this.epoch, history: this.history, timing: this.timing, stoppedEpoch: this.stoppedEpoch };
  }

  /** One row per epoch, one column per series, with a header. */
  toCSV(): string {
    const keys = Object.keys(this.history);
    const rows = [["epoch", ...keys].join(",")];
    this.epoch.forEach((e, i) => rows.push([e, ...keys.map((k) => fmtNum(this.history[k]![i]))].join(",")));
    return rows.join("\n") + "\n";
  }

  /** Rebuilds a History from toJSON() output. */
  static fromJSON(obj: ReturnType<History["toJSON"]>): History {
    const h = new History();
    h.epoch.push(...obj.epoch);
    for (const [k, v] of Object.entries(obj.history)) h.history[k] = [...v];
    h.timing = { ...obj.timing };
    h.stoppedEpoch = obj.stoppedEpoch;
    return h;
  }
}

function fmtNum(v: number | undefined): string {
  return v === undefined || Number.isNaN(v) ? "" : String(v);
}
