/**
 * The Diagnostics callback: what the lectures ask the student to watch while a network trains, per
 * layer and epoch — activation mean/std, dead ReLUs, saturated sigmoid/tanh units, gradient norms and
 * update-to-weight ratios — with warnings that name the problem and its remedy.
 *
 * nn.Module has no forward hooks, so the callback wraps each leaf layer's `forward` with an own
 * property for the duration of training (and removes it in onTrainEnd or `detach()`); outputs are
 * recorded only in training mode, so validation passes do not count.
 */
import type { Tensor } from "../../tensor/index.js";
import { Module } from "../../nn/module.js";
import { Dropout } from "../../nn/layers/dropout.js";
import { Identity, Sequential } from "../../nn/layers/containers.js";
import { Hardtanh, ReLU, Sigmoid, Tanh } from "../../nn/activations.js";
import { histogram, type Histogram } from "../../plot/histogram.js";
import type { Logs, ModelLike } from "../types.js";
import { Callback, type TrainingContext } from "../callbacks/callback.js";
import { LayerAccumulator, type ActivationKind, type LayerEpochStats } from "./layer-stats.js";
import { DEFAULT_THRESHOLDS, REMEDIES, checkEpoch, type DiagnosticThresholds, type DiagnosticWarning } from "./warnings.js";

/** Options of the `Diagnostics` callback: histogram bins, whether to record histograms, the warning thresholds and a warning handler. */
export interface DiagnosticsOptions {
  /** Histogram bins for the per-layer activation and gradient distributions (default 30). */
  bins?: number;
  /** Record the histograms each epoch (default true). */
  histograms?: boolean;
  /** Override the thresholds of the checks. */
  thresholds?: Partial<DiagnosticThresholds>;
  /** Called once for each new warning (e.g. to print it); each (kind, layer) warns once per run. */
  onWarning?: (w: DiagnosticWarning) => void;
}

/** A watched layer: its dotted name and type ("0 Linear"), parameter count and activation kind. */
export interface LayerInfo {
  name: string;
  type: string;
  parameters: number;
}

/** One epoch's record: the epoch, its mean training loss, and each watched layer's statistics by name. */
export interface EpochDiagnostics {
  epoch: number;
  loss: number;
  layers: Record<string, LayerEpochStats>;
}

/** One epoch's histograms of each layer's activations and weight gradients, by layer name. */
export interface EpochHistograms {
  epoch: number;
  /** The latest training batches' outputs per layer (about 4096 values). */
  activations: Record<string, Histogram>;
  /** The last training batch's weight gradient per layer with parameters. */
  gradients: Record<string, Histogram>;
}

/** Everything recorded, as written to diagnostics.json. */
export interface DiagnosticsReport {
  layers: LayerInfo[];
  epochs: EpochDiagnostics[];
  warnings: DiagnosticWarning[];
  histograms: EpochHistograms[];
}

interface Watched {
  info: LayerInfo;
  acc: LayerAccumulator;
  module: Module | null;
  saved: Float32Array[];
  ownForward?: PropertyDescriptor;
}

function kindOf(m: Module): ActivationKind {
  if (m instanceof ReLU) return "relu";
  if (m instanceof Sigmoid) return "sigmoid";
  if (m instanceof Tanh) return "tanh";
  if (m instanceof Hardtanh) return "hardtanh";
  return "other";
}

/** Records per-layer statistics during fit() and warns about vanishing/exploding gradients, dead or saturated layers and a bad learning rate. */
export class Diagnostics extends Callback {
  readonly thresholds: DiagnosticThresholds;
  readonly epochs: EpochDiagnostics[] = [];
  readonly warnings: DiagnosticWarning[] = [];
  readonly histograms: EpochHistograms[] = [];
  private layers: Watched[] = [];
  private losses: number[] = [];
  private readonly bins: number;
  private readonly keepHistograms: boolean;
  private readonly onWarning?: (w: DiagnosticWarning) => void;

  constructor(options: DiagnosticsOptions = {}) {
    super();
    this.thresholds = { ...DEFAULT_THRESHOLDS, ...options.thresholds };
    this.bins = options.bins ?? 30;
    this.keepHistograms = options.histograms ?? true;
    this.onWarning = options.onWarning;
  }

  /** Starts watching a model's leaf layers (fit calls this through onTrainBegin). */
  attach(model: ModelLike): void {
    this.detach();
    this.layers = [];
    if (model instanceof Module) {
      for (const [name, m] of model.namedModules()) {
        if (m.children().length > 0 || m instanceof Dropout || m instanceof Identity || m instanceof Sequential) continue;
        this.watch(`${name || "model"} ${m.constructor.name}`, m.constructor.name, m, m.parameters(false));
      }
    } else {
      model.parameters().forEach((p, i) => this.watch(`param ${i}`, "Parameter", null, [p]));
    }
  }

  private watch(name: string, type: string, module: Module | null, params: Tensor[]): void {
    const w: Watched = {
      info: { name, type, parameters: params.reduce((a, p) => a + p.size, 0) },
      acc: new LayerAccumulator(module ? kindOf(module) : "other", params),
      module,
      saved: params.map((p) => new Float32Array(p.size)),
    };
    if (module) {
      w.ownForward = Object.getOwnPropertyDescriptor(module, "forward");
      const original = module.forward;
      const acc = w.acc;
      Object.defineProperty(module, "forward", {
        configurable: true, writable: true, enumerable: false,
        value: (...inputs: Tensor[]): Tensor => {
          const y = original.apply(module, inputs);
          if (module.training) acc.addActivations(y);
          return y;
        },
      });
    }
    this.layers.push(w);
  }

  /** Stops watching: restores every wrapped layer's own forward. */
  detach(): void {
    for (const w of this.layers) {
      if (!w.module) continue;
      if (w.ownForward) Object.defineProperty(w.module, "forward", w.ownForward);
      else delete (w.module as unknown as { forward?: unknown }).forward;
    }
    for (const w of this.layers) w.module = null;
  }

  /** The watched layers, in forward order. */
  get layerInfo(): LayerInfo[] {
    return this.layers.map((w) => w.info);
  }

  onTrainBegin(_logs: Logs, ctx: TrainingContext): void {
    this.attach(ctx.model);
  }

  onEpochBegin(): void {
    for (const w of this.layers) w.acc.reset();
  }

  onBeforeStep(batch: number, _logs: Logs, ctx: TrainingContext): void {
    const loss = ctx.loss?.data[0];
    if (loss !== undefined && !Number.isFinite(loss)) this.recordNonFinite(`the loss became ${loss} at epoch ${ctx.epoch}, batch ${batch}`, ctx.epoch);
    const last = batch === ctx.batchesPerEpoch - 1;
    for (const w of this.layers) {
      w.acc.addGradients(last && this.keepHistograms);
      w.acc.params.forEach((p, k) => w.saved[k]!.set(p.data));
    }
  }

  onAfterStep(): void {
    for (const w of this.layers) if (w.acc.params.length) w.acc.addUpdate(w.saved);
  }

  onEpochEnd(epoch: number, logs: Logs): void {
    const layers = this.layers.map((w) => ({ name: w.info.name, stats: w.acc.stats() }));
    this.losses.push(logs.loss ?? NaN);
    this.epochs.push({ epoch, loss: logs.loss ?? NaN, layers: Object.fromEntries(layers.map((l) => [l.name, l.stats])) });
    for (const warning of checkEpoch(epoch, layers, this.losses, this.thresholds)) this.add(warning);
    if (this.keepHistograms) {
      const h: EpochHistograms = { epoch, activations: {}, gradients: {} };
      for (const w of this.layers) {
        const acts = w.acc.lastActivations;
        if (acts) h.activations[w.info.name] = histogram(acts, this.bins);
        if (w.acc.lastGradient) h.gradients[w.info.name] = histogram(w.acc.lastGradient, this.bins);
      }
      this.histograms.push(h);
    }
  }

  onTrainEnd(): void {
    this.detach();
  }

  /**
   * Records why training failed, for errors thrown out of fit(): fit's TerminateOnNaN runs before
   * the other callbacks, so call this in a `catch` to have a NaN loss diagnosed.
   */
  recordError(error: unknown): void {
    const msg = error instanceof Error ? error.message : String(error);
    if (/NaN|infinite|Infinity/i.test(msg)) this.recordNonFinite(msg.replace(/^TerminateOnNaN: /, ""), (error as { epoch?: number }).epoch ?? this.epochs.length);
    this.detach();
  }

  private recordNonFinite(message: string, epoch: number): void {
    this.add({ kind: "lr-too-high", epoch, message: `${message}: the learning rate is probably too high`, remedy: REMEDIES["lr-too-high"] });
  }

  private add(w: DiagnosticWarning): void {
    if (this.warnings.some((x) => x.kind === w.kind && x.layer === w.layer)) return;
    this.warnings.push(w);
    this.onWarning?.(w);
  }

  /** The report as plain JSON (NaN becomes null in JSON.stringify). */
  toJSON(): DiagnosticsReport {
    return { layers: this.layerInfo, epochs: this.epochs, warnings: this.warnings, histograms: this.histograms };
  }

  /** A text table of the last epoch's statistics per layer, then the warnings with their remedies. */
  summary(): string {
    return diagnosticsSummary(this.toJSON());
  }
}

const cell = (v: number | null | undefined, f: (x: number) => string): string => (v === null || v === undefined || Number.isNaN(v) ? "-" : f(v));

/** The text form of a diagnostics report (also for one read back from diagnostics.json). */
export function diagnosticsSummary(r: DiagnosticsReport): string {
  const last = r.epochs[r.epochs.length - 1];
  const lines: string[] = [];
  if (last) {
    lines.push(`diagnostics, epoch ${last.epoch + 1}:`);
    const head = ["layer", "act mean", "act std", "dead", "saturated", "grad norm", "update/weight"];
    const rows = r.layers.map((l) => {
      const s = last.layers[l.name];
      const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;
      const sci = (x: number): string => x.toExponential(2);
      return [l.name, cell(s?.activationMean, (x) => x.toFixed(3)), cell(s?.activationStd, (x) => x.toFixed(3)), cell(s?.deadFraction, pct),
        cell(s?.saturatedFraction, pct), cell(s?.gradNorm, sci), cell(s?.updateRatio, sci)];
    });
    const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
    for (const row of [head, ...rows]) lines.push("  " + row.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  "));
  }
  if (r.warnings.length === 0) lines.push("no warnings: gradients, activations and the learning rate look healthy");
  for (const w of r.warnings) lines.push(`warning (epoch ${w.epoch + 1}): ${w.message}\n  try: ${w.remedy}`);
  return lines.join("\n") + "\n";
}
