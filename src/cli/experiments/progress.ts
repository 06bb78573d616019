/**
 * Progress of many trials on stderr: on a terminal, an overall bar (trials done, ETA) and one bar
 * per running trial (epochs, loss) with cli-progress's MultiBar; elsewhere (logs, CI) one line per
 * finished trial with the elapsed time and the ETA.
 */
import cliProgress from "cli-progress";
import type { EpochProgress } from "./run-trial.js";

export interface TrialProgressOptions {
  stream?: NodeJS.WriteStream;
  /** Draw bars (default: when the stream is a terminal). */
  bars?: boolean;
  /** Print nothing. */
  quiet?: boolean;
}

const fmtTime = (s: number): string => (s < 60 ? `${s.toFixed(1)}s` : s < 3600 ? `${Math.floor(s / 60)}m${String(Math.round(s % 60)).padStart(2, "0")}s` : `${(s / 3600).toFixed(1)}h`);

/** Bars or lines for a batch of trials; `total` may grow (successive halving adds rungs). */
export class TrialProgress {
  private readonly stream: NodeJS.WriteStream;
  private readonly quiet: boolean;
  private readonly multi: cliProgress.MultiBar | null;
  private readonly overall: cliProgress.SingleBar | null;
  private readonly bars = new Map<number, cliProgress.SingleBar>();
  private readonly start = performance.now();
  private done = 0;

  constructor(private total: number, options: TrialProgressOptions = {}) {
    this.stream = options.stream ?? process.stderr;
    this.quiet = options.quiet ?? false;
    const bars = !this.quiet && (options.bars ?? Boolean(this.stream.isTTY));
    this.multi = bars
      ? new cliProgress.MultiBar({ stream: this.stream, hideCursor: true, clearOnComplete: false, barsize: 20, format: "{name} {bar} {value}/{total} {unit} | {info}", autopadding: true }, cliProgress.Presets.shades_classic)
      : null;
    this.overall = this.multi?.create(total, 0, { name: "all trials".padEnd(28), unit: "trials", info: "ETA -" }) ?? null;
  }

  /** Adds trials to the total (a new rung). */
  grow(more: number): void {
    this.total += more;
    this.overall?.setTotal(this.total);
  }

  /** A trial started: a bar over its epochs. */
  begin(id: number, label: string, epochs: number): void {
    if (!this.multi) return;
    const name = label.length > 28 ? `${label.slice(0, 27)}…` : label.padEnd(28);
    this.bars.set(id, this.multi.create(epochs, 0, { name, unit: "epochs", info: "loss -" }));
  }

  /** A trial finished an epoch. */
  epoch(id: number, p: EpochProgress): void {
    const info = `loss ${p.loss.toPrecision(4)}${p.val !== undefined ? `  val ${p.val.toPrecision(4)}` : ""}`;
    this.bars.get(id)?.update(p.epoch + 1, { info });
  }

  /** Seconds left at the current pace of finished trials. */
  eta(): number {
    const elapsed = (performance.now() - this.start) / 1000;
    return this.done ? (elapsed / this.done) * Math.max(0, this.total - this.done) : NaN;
  }

  /** A trial finished; `line` says how it did. */
  end(id: number, label: string, line: string): void {
    this.done++;
    const bar = this.bars.get(id);
    if (bar) {
      this.multi!.remove(bar);
      this.bars.delete(id);
    }
    const eta = this.eta();
    const etaText = Number.isFinite(eta) ? fmtTime(eta) : "-";
    if (this.overall) {
      this.overall.update(this.done, { info: `ETA ${etaText}` });
      this.multi!.log(`${label}: ${line}\n`);
      this.multi!.update(); // draw now, not at the next tick
    } else if (!this.quiet) {
      const elapsed = fmtTime((performance.now() - this.start) / 1000);
      this.stream.write(`[${this.done}/${this.total}] ${label}: ${line} (elapsed ${elapsed}, ETA ${etaText})\n`);
    }
  }

  stop(): void {
    this.multi?.stop();
  }
}
