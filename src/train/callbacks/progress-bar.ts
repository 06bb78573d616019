/**
 * A terminal progress bar per epoch (cli-progress), then one summary line per epoch.
 * Node-only: exported from "nabla/node", not from the browser-safe entry.
 */
import cliProgress from "cli-progress";
import type { Logs } from "../types.js";
import { Callback, type TrainingContext } from "./callback.js";

/** Options of `ProgressBar`: the stream to draw on and whether to draw the per-batch bar. */
export interface ProgressBarOptions {
  /** Where to draw (default process.stderr, so stdout stays clean for results). */
  stream?: NodeJS.WriteStream;
  /** Draw the per-batch bar (default: only when the stream is a terminal). */
  bar?: boolean;
}

/** Formats a log value compactly: 4 significant digits, seconds with an "s". */
function fmtLog(key: string, v: number): string {
  if (/time/i.test(key)) return `${v.toFixed(2)}s`;
  if (/samplesPerSecond/.test(key)) return `${Math.round(v)}/s`;
  if (key === "lr") return v.toExponential(2);
  return Math.abs(v) >= 1000 ? v.toFixed(0) : v.toPrecision(4);
}

/** Shows a bar with the running loss during each epoch and prints the epoch's logs when it ends. */
export class ProgressBar extends Callback {
  private bar: cliProgress.SingleBar | null = null;
  private readonly stream: NodeJS.WriteStream;
  private readonly drawBar: boolean;

  constructor(options: ProgressBarOptions = {}) {
    super();
    this.stream = options.stream ?? process.stderr;
    this.drawBar = options.bar ?? Boolean(this.stream.isTTY);
  }

  onEpochBegin(epoch: number, _logs: Logs, ctx: TrainingContext): void {
    if (!this.drawBar) return;
    const width = String(ctx.epochs).length;
    this.bar = new cliProgress.SingleBar(
      {
        stream: this.stream,
        format: `epoch ${String(epoch + 1).padStart(width)}/${ctx.epochs} {bar} {value}/{total} batches | loss {loss} | ETA {eta_formatted}`,
        hideCursor: true,
        clearOnComplete: true,
        barsize: 24,
      },
      cliProgress.Presets.shades_classic,
    );
    this.bar.start(ctx.batchesPerEpoch, 0, { loss: "-" });
  }

  onBatchEnd(batch: number, logs: Logs): void {
    this.bar?.update(batch + 1, { loss: logs.loss?.toFixed(4) ?? "-" });
  }

  onEpochEnd(epoch: number, logs: Logs, ctx: TrainingContext): void {
    this.bar?.stop();
    this.bar = null;
    const keys = Object.keys(logs).filter((k) => !["trainTime", "evalTime"].includes(k));
    const width = String(ctx.epochs).length;
    this.stream.write(`epoch ${String(epoch + 1).padStart(width)}/${ctx.epochs}  ${keys.map((k) => `${k} ${fmtLog(k, logs[k]!)}`).join("  ")}\n`);
  }

  onTrainEnd(): void {
    this.bar?.stop();
  }
}
