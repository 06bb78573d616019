/** Ensembles: several trained models whose predictions are averaged. */
import { Tensor, stack } from "../tensor/index.js";
import type { ModelLike } from "../train/types.js";

/** Options of `Ensemble`: whether it averages class probabilities or raw outputs, and the members' weights. */
export interface EnsembleOptions {
  /** "classifier" averages softmax probabilities over dim 1 (the default); "regressor" averages raw outputs. */
  kind?: "classifier" | "regressor";
  /** Per-model weights (normalised to sum to 1); equal by default. */
  weights?: number[];
}

/**
 * A model whose output is the (weighted) mean of its members' outputs: for classifiers the mean of
 * the softmax probabilities, ŷ = Σₖ wₖ·softmax(fₖ(x)), for regressors ŷ = Σₖ wₖ·fₖ(x).
 * Its forward gives probabilities, not logits: use accuracy and the other metrics directly on them.
 */
export class Ensemble implements ModelLike {
  readonly models: readonly ModelLike[];
  readonly kind: "classifier" | "regressor";
  readonly weights: number[];
  training = false;

  constructor(models: readonly ModelLike[], options: EnsembleOptions = {}) {
    if (models.length === 0) throw new RangeError("ensemble: expected at least one model");
    this.models = models;
    this.kind = options.kind ?? "classifier";
    const w = options.weights ?? models.map(() => 1);
    if (w.length !== models.length || w.some((v) => !(v >= 0))) {
      throw new RangeError(`ensemble: weights must be ${models.length} non-negative numbers, got [${w.join(", ")}]`);
    }
    const total = w.reduce((a, b) => a + b, 0);
    if (total <= 0) throw new RangeError("ensemble: weights must not all be zero");
    this.weights = w.map((v) => v / total);
  }

  forward(...inputs: Tensor[]): Tensor {
    const outs = this.models.map((m, k) => {
      const y = m.forward(...inputs);
      return (this.kind === "classifier" ? y.softmax(y.ndim - 1) : y).mul(this.weights[k]!);
    });
    return stack(outs, 0).sum(0);
  }

  parameters(): Tensor[] {
    return this.models.flatMap((m) => m.parameters());
  }

  train(mode = true): this {
    this.training = mode;
    for (const m of this.models) m.train(mode);
    return this;
  }

  eval(): this {
    return this.train(false);
  }

  stateDict(): Record<string, Tensor> {
    const out: Record<string, Tensor> = {};
    this.models.forEach((m, k) => {
      for (const [name, t] of Object.entries(m.stateDict())) out[`${k}.${name}`] = t;
    });
    return out;
  }

  loadStateDict(sd: Record<string, Tensor>, options?: { strict?: boolean }): void {
    this.models.forEach((m, k) => {
      const prefix = `${k}.`;
      const part: Record<string, Tensor> = {};
      for (const [name, t] of Object.entries(sd)) if (name.startsWith(prefix)) part[name.slice(prefix.length)] = t;
      m.loadStateDict(part, options);
    });
  }
}

/** Averages the predictions of trained models (probabilities for classifiers): `ensemble([m1, m2, m3])`. */
export function ensemble(models: readonly ModelLike[], options: EnsembleOptions = {}): Ensemble {
  return new Ensemble(models, options);
}
