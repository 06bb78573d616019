/**
 * The lectures' rules of thumb as checks: each looks at one epoch's per-layer statistics and the
 * loss curve, and says what went wrong and what to try.
 */
import type { LayerEpochStats } from "./layer-stats.js";

/** The problems the diagnostics detect, each with its remedy in `REMEDIES`. */
export type WarningKind = "vanishing-gradients" | "exploding-gradients" | "dead-relu" | "saturated" | "lr-too-high" | "lr-too-low" | "non-finite";

/** One finding: what, where (epoch, layer), and the remedy to try. */
export interface DiagnosticWarning {
  kind: WarningKind;
  epoch: number;
  layer?: string;
  message: string;
  remedy: string;
}

/** Thresholds of the checks; each can be overridden in Diagnostics' options. */
export interface DiagnosticThresholds {
  /** A layer whose gradient RMS is below this fraction of the largest layer's has vanishing gradients (default 1e-3). */
  vanishingRatio: number;
  /** …or whose gradient norm is below this absolute value (default 1e-7). */
  vanishingNorm: number;
  /** A gradient norm above this explodes (default 1e3). */
  explodingNorm: number;
  /** Input-side gradients this many times larger than output-side ones explode (default 1e3). */
  explodingRatio: number;
  /** ReLU layers with more than this fraction of dead units (default 0.5). */
  deadFraction: number;
  /** Sigmoid/tanh layers with more than this fraction of saturated outputs (default 0.25). */
  saturatedFraction: number;
  /** Update-to-weight ratios above this mean the learning rate is too high (default 0.1; about 1e-3 is healthy). */
  updateRatioHigh: number;
  /** …below this, too low (default 1e-6). */
  updateRatioLow: number;
}

/** The thresholds the checks use unless `Diagnostics` is given others. */
export const DEFAULT_THRESHOLDS: DiagnosticThresholds = {
  vanishingRatio: 1e-3,
  vanishingNorm: 1e-7,
  explodingNorm: 1e3,
  explodingRatio: 1e3,
  deadFraction: 0.5,
  saturatedFraction: 0.25,
  updateRatioHigh: 0.1,
  updateRatioLow: 1e-6,
};

/** The remedies the lectures give for each problem. */
export const REMEDIES: Record<WarningKind, string> = {
  "vanishing-gradients": "use a scaled initialisation (Kaiming for ReLU, Xavier for tanh/sigmoid), ReLU or leaky ReLU instead of sigmoid/tanh, batch normalisation, or fewer layers / residual connections",
  "exploding-gradients": "clip the gradient norm (--clip-grad-norm 1), lower the learning rate, use a scaled initialisation (Kaiming/Xavier) and batch normalisation",
  "dead-relu": "lower the learning rate, use Kaiming initialisation, leaky ReLU (or ELU/GELU) instead of ReLU, or batch normalisation before the activation",
  saturated: "use Xavier initialisation (smaller weights), standardise the inputs, add batch normalisation before the activation, or switch to ReLU / leaky ReLU",
  "lr-too-high": "lower the learning rate (×0.1, or pick one with `nabla lr-find`), clip the gradient norm, or use a decaying schedule / warm-up",
  "lr-too-low": "raise the learning rate (×10, or pick one with `nabla lr-find`), or use an adaptive optimiser such as Adam",
  "non-finite": "lower the learning rate, clip the gradient norm, standardise the inputs, and check the data for NaN or huge values",
};

const sci = (v: number): string => v.toExponential(1);
const pct = (v: number): string => `${(100 * v).toFixed(0)}%`;

/** Warnings from one epoch's per-layer statistics (layers in forward order) and the loss history so far. */
export function checkEpoch(
  epoch: number, layers: readonly { name: string; stats: LayerEpochStats }[], losses: readonly number[], t: DiagnosticThresholds,
): DiagnosticWarning[] {
  const out: DiagnosticWarning[] = [];
  const warn = (kind: WarningKind, message: string, layer?: string): void => void out.push({ kind, epoch, layer, message, remedy: REMEDIES[kind] });
  const withGrad = layers.filter((l) => Number.isFinite(l.stats.gradRms));
  const maxRms = Math.max(0, ...withGrad.map((l) => l.stats.gradRms));
  for (const { name, stats: s } of withGrad) {
    if (s.gradNorm < t.vanishingNorm || (maxRms > 0 && s.gradRms < t.vanishingRatio * maxRms)) {
      warn("vanishing-gradients", `gradients vanish in ${name}: norm ${sci(s.gradNorm)}, RMS ${sci(s.gradRms)} vs ${sci(maxRms)} in the layer with the largest`, name);
    }
    if (s.gradNorm > t.explodingNorm) warn("exploding-gradients", `gradients explode in ${name}: norm ${sci(s.gradNorm)}`, name);
    if (s.updateRatio > t.updateRatioHigh) warn("lr-too-high", `updates are ${sci(s.updateRatio)} of the weights in ${name} (about 1e-3 is healthy)`, name);
    if (s.updateRatio < t.updateRatioLow) warn("lr-too-low", `updates are only ${sci(s.updateRatio)} of the weights in ${name} (about 1e-3 is healthy)`, name);
  }
  if (withGrad.length >= 2) {
    const first = withGrad[0]!.stats.gradRms;
    const last = withGrad[withGrad.length - 1]!.stats.gradRms;
    if (last > 0 && first / last > t.explodingRatio && !out.some((w) => w.kind === "exploding-gradients")) {
      warn("exploding-gradients", `gradients grow ${sci(first / last)}× from the output layer back to ${withGrad[0]!.name}`, withGrad[0]!.name);
    }
  }
  for (const { name, stats: s } of layers) {
    if (s.deadFraction > t.deadFraction) {
      warn("dead-relu", `${pct(s.deadFraction)} of the units of ${name} are dead (output 0 for every training row this epoch)`, name);
    }
    if (s.saturatedFraction > t.saturatedFraction) {
      warn("saturated", `${pct(s.saturatedFraction)} of the outputs of ${name} are saturated (in the flat ends, where the gradient is almost 0)`, name);
    }
    if (s.nonFinite > 0) warn("non-finite", `${s.nonFinite} outputs of ${name} were NaN or infinite`, name);
  }
  const n = losses.length;
  const cur = losses[n - 1];
  if (cur !== undefined && !Number.isFinite(cur)) warn("lr-too-high", `the training loss is ${cur}`);
  else if (n >= 3 && cur! > losses[n - 2]! * 1.01 && losses[n - 2]! > losses[n - 3]! * 1.01) {
    warn("lr-too-high", `the training loss rose two epochs in a row (${losses.slice(-3).map((v) => v.toPrecision(3)).join(" → ")})`);
  } else if (n >= 2 && cur! > losses[0]! * 1.1) {
    warn("lr-too-high", `the training loss ${cur!.toPrecision(3)} is above the first epoch's ${losses[0]!.toPrecision(3)}`);
  }
  return out;
}
