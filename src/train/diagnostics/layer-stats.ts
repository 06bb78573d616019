/** Per-layer accumulators over one epoch: activation moments, dead and saturated units, gradient norms, update ratios. */
import type { Tensor } from "../../tensor/index.js";

/** How a layer's outputs can go bad: ReLUs die (output 0 for every input), sigmoid and tanh saturate (flat ends). */
export type ActivationKind = "relu" | "sigmoid" | "tanh" | "hardtanh" | "other";

/** The numbers recorded for one layer in one epoch (NaN where they do not apply). */
export interface LayerEpochStats {
  /** Mean and standard deviation of the layer's outputs over the epoch's training batches. */
  activationMean: number;
  activationStd: number;
  /** ReLU layers: the fraction of units that output 0 for every row of the epoch ("dead" units). */
  deadFraction: number;
  /** ReLU layers: the fraction of outputs that are exactly 0. */
  zeroFraction: number;
  /** Sigmoid/tanh layers: the fraction of outputs in the flat ends, |tanh| > 0.97 (|2σ − 1| > 0.97 for sigmoid). */
  saturatedFraction: number;
  /** Mean over batches of ‖∂L/∂θ‖₂ over the layer's parameters (before clipping). */
  gradNorm: number;
  /** The gradient's root mean square ‖∂L/∂θ‖₂/√n, comparable between layers of different sizes. */
  gradRms: number;
  /** Mean over batches of the update-to-weight ratio ‖Δθ‖₂/‖θ‖₂ (about 1e-3 is healthy). */
  updateRatio: number;
  /** ‖θ‖₂ at the end of the epoch. */
  weightNorm: number;
  /** Outputs that were NaN or infinite. */
  nonFinite: number;
}

/** |y| beyond which a tanh unit counts as saturated (its gradient 1 − y² < 0.06), as in the lectures. */
export const SATURATION = 0.97;

/** How many of the latest outputs per layer the activation histograms use. */
export const HISTOGRAM_VALUES = 4096;

export class LayerAccumulator {
  private n = 0;
  private sum = 0;
  private sumSq = 0;
  private zeros = 0;
  private saturated = 0;
  private nonFinite = 0;
  private active: Uint8Array | null = null;
  private gradNormSum = 0;
  private gradRmsSum = 0;
  private gradCount = 0;
  private ratioSum = 0;
  private ratioCount = 0;
  /** The latest training batches' outputs (at least HISTOGRAM_VALUES values when the epoch has them), for the histograms. */
  private recent: Float32Array[] = [];
  private recentSize = 0;
  /** The last training batch's weight gradient, for the histograms. */
  lastGradient: Float32Array | null = null;

  constructor(readonly kind: ActivationKind, readonly params: Tensor[]) {}

  reset(): void {
    this.n = this.sum = this.sumSq = this.zeros = this.saturated = this.nonFinite = 0;
    this.gradNormSum = this.gradRmsSum = this.gradCount = this.ratioSum = this.ratioCount = 0;
    this.active = null;
    this.recent = [];
    this.recentSize = 0;
    this.lastGradient = null;
  }

  /** Adds one batch of outputs ([N, …]: units are everything after the batch dim). */
  addActivations(y: Tensor): void {
    const d = y.data;
    const units = y.ndim >= 2 ? d.length / y.shape[0]! : d.length;
    if (this.kind === "relu" && (!this.active || this.active.length !== units)) this.active = new Uint8Array(units);
    const sat = this.kind === "sigmoid" ? (v: number) => Math.abs(2 * v - 1) > SATURATION
      : this.kind === "tanh" ? (v: number) => Math.abs(v) > SATURATION
      : this.kind === "hardtanh" ? (v: number) => Math.abs(v) >= 1 : null;
    for (let i = 0; i < d.length; i++) {
      const v = d[i]!;
      if (!Number.isFinite(v)) {
        this.nonFinite++;
        continue;
      }
      this.n++;
      this.sum += v;
      this.sumSq += v * v;
      if (this.active) {
        if (v > 0) this.active[i % units] = 1;
        else if (v === 0) this.zeros++;
      }
      if (sat && sat(v)) this.saturated++;
    }
    this.recent.push(d);
    this.recentSize += d.length;
    while (this.recent.length > 1 && this.recentSize - this.recent[0]!.length >= HISTOGRAM_VALUES) this.recentSize -= this.recent.shift()!.length;
  }

  /** The latest outputs, at least HISTOGRAM_VALUES of them when the epoch had that many (null before any batch). */
  get lastActivations(): Float32Array | null {
    if (this.recent.length === 0) return null;
    if (this.recent.length === 1) return this.recent[0]!;
    const out = new Float32Array(this.recentSize);
    let off = 0;
    for (const r of this.recent) {
      out.set(r, off);
      off += r.length;
    }
    return out;
  }

  /** Adds the gradient norm of this batch (after backward, before the step); keeps a copy when `keep`. */
  addGradients(keep: boolean): void {
    let sq = 0;
    let count = 0;
    for (const p of this.params) {
      if (!p.grad) continue;
      const g = p.grad.data;
      for (let i = 0; i < g.length; i++) sq += g[i]! * g[i]!;
      count += g.length;
    }
    if (count === 0) return;
    this.gradNormSum += Math.sqrt(sq);
    this.gradRmsSum += Math.sqrt(sq / count);
    this.gradCount++;
    if (keep) this.lastGradient = this.params[0]?.grad?.data.slice() ?? null;
  }

  /** Adds ‖θ_after − θ_before‖/‖θ_before‖ for one optimiser step. */
  addUpdate(before: Float32Array[]): void {
    let diff = 0;
    let norm = 0;
    this.params.forEach((p, k) => {
      const b = before[k]!;
      const a = p.data;
      for (let i = 0; i < a.length; i++) {
        const u = a[i]! - b[i]!;
        diff += u * u;
        norm += b[i]! * b[i]!;
      }
    });
    if (norm > 0) {
      this.ratioSum += Math.sqrt(diff / norm);
      this.ratioCount++;
    }
  }

  /** The epoch's statistics. */
  stats(): LayerEpochStats {
    const mean = this.n ? this.sum / this.n : NaN;
    const variance = this.n > 1 ? Math.max(0, (this.sumSq - this.n * mean * mean) / (this.n - 1)) : NaN;
    let deadFraction = NaN;
    if (this.active) {
      let dead = 0;
      for (const a of this.active) if (!a) dead++;
      deadFraction = dead / this.active.length;
    }
    let w = 0;
    for (const p of this.params) for (const v of p.data) w += v * v;
    return {
      activationMean: mean,
      activationStd: Math.sqrt(variance),
      deadFraction,
      zeroFraction: this.kind === "relu" && this.n ? this.zeros / this.n : NaN,
      saturatedFraction: this.kind !== "relu" && this.kind !== "other" && this.n ? this.saturated / this.n : NaN,
      gradNorm: this.gradCount ? this.gradNormSum / this.gradCount : NaN,
      gradRms: this.gradCount ? this.gradRmsSum / this.gradCount : NaN,
      updateRatio: this.ratioCount ? this.ratioSum / this.ratioCount : NaN,
      weightNorm: this.params.length ? Math.sqrt(w) : NaN,
      nonFinite: this.nonFinite,
    };
  }
}
