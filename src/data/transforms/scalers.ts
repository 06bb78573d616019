/**
 * Feature scalers, fitted on the training split only and then applied unchanged to validation and
 * test (fitting on all data would leak their statistics into training). Statistics are per feature,
 * over dim 0: x of shape [N, ...features] gives a mean, std, min and max of shape [...features].
 */
import { Tensor } from "../../tensor/index.js";

const fmt = (s: readonly number[]): string => `[${s.join(", ")}]`;

/** Per-feature mean, biased variance, min and max over dim 0, accumulated in float64. */
function featureStats(x: Tensor, op: string): { shape: number[]; mean: Float64Array; var: Float64Array; min: Float64Array; max: Float64Array; n: number } {
  if (!(x instanceof Tensor)) throw new TypeError(`${op}: expected a Tensor of shape [N, ...features]`);
  if (x.ndim === 0 || x.shape[0] === 0) throw new RangeError(`${op}: needs at least one row, got shape ${fmt(x.shape)}`);
  const n = x.shape[0]!;
  const f = x.size / n;
  const d = x.data;
  const mean = new Float64Array(f);
  const min = new Float64Array(f).fill(Infinity);
  const max = new Float64Array(f).fill(-Infinity);
  for (let i = 0; i < n; i++) {
    for (let j = 0, o = i * f; j < f; j++) {
      const v = d[o + j]!;
      mean[j]! += v;
      if (v < min[j]!) min[j] = v;
      if (v > max[j]!) max[j] = v;
    }
  }
  for (let j = 0; j < f; j++) mean[j]! /= n;
  const variance = new Float64Array(f);
  for (let i = 0; i < n; i++) {
    for (let j = 0, o = i * f; j < f; j++) variance[j]! += (d[o + j]! - mean[j]!) ** 2;
  }
  for (let j = 0; j < f; j++) variance[j]! /= n;
  return { shape: x.shape.slice(1), mean, var: variance, min, max, n };
}

function toTensor(values: ArrayLike<number>, shape: readonly number[]): Tensor {
  return new Tensor(Float32Array.from(values), shape.slice());
}

function checkFeatures(x: Tensor, shape: readonly number[], op: string): void {
  if (!(x instanceof Tensor)) throw new TypeError(`${op}: expected a Tensor`);
  const got = x.shape.slice(1);
  if (got.length !== shape.length || got.some((s, i) => s !== shape[i])) {
    const what = shape.length === 1 ? `${got.length === 1 ? got[0] : fmt(got)} features, expected ${shape[0]}` : `features of shape ${fmt(got)}, expected ${fmt(shape)}`;
    throw new RangeError(`${op}: input of shape ${fmt(x.shape)} has ${what}`);
  }
}

function stateTensor(state: Record<string, Tensor>, key: string, op: string): Tensor {
  const t = state[key];
  if (!(t instanceof Tensor)) throw new TypeError(`${op}: state has no tensor "${key}" (keys: ${Object.keys(state).join(", ") || "none"})`);
  return new Tensor(t.data.slice(), t.shape.slice());
}

/** Options of `StandardScaler`: whether to centre (subtract the mean) and whether to scale (divide by the std). */
export interface StandardScalerOptions {
  /** Subtract the mean (default true). */
  withMean?: boolean;
  /** Divide by the standard deviation (default true). */
  withStd?: boolean;
}

/**
 * Standardises each feature: z = (x − mean) / std, with the biased std √(Σ(x − mean)² / N) as in
 * scikit-learn. Features with zero variance keep scale 1 (they are centred, not divided).
 */
export class StandardScaler {
  readonly withMean: boolean;
  readonly withStd: boolean;
  /** Per-feature mean (zeros when withMean is false); null before fit. */
  mean: Tensor | null = null;
  /** Per-feature divisor: the std, or 1 for constant features and when withStd is false; null before fit. */
  scale: Tensor | null = null;

  constructor(options: StandardScalerOptions = {}) {
    this.withMean = options.withMean ?? true;
    this.withStd = options.withStd ?? true;
  }

  /** Learns the per-feature mean and std of x (rows on dim 0). */
  fit(x: Tensor): this {
    const s = featureStats(x, "StandardScaler.fit");
    const eps = Number.EPSILON;
    // scikit-learn's test for a constant feature: var below the rounding error of its computation.
    const scale = s.var.map((v, j) => {
      const constant = v <= s.n * eps * v + (s.n * s.mean[j]! * eps) ** 2;
      return this.withStd && !constant ? Math.sqrt(v) : 1;
    });
    this.mean = toTensor(this.withMean ? s.mean : new Float64Array(s.mean.length), s.shape);
    this.scale = toTensor(scale, s.shape);
    return this;
  }

  private fitted(op: string): { mean: Tensor; scale: Tensor } {
    if (!this.mean || !this.scale) {
      throw new Error(`StandardScaler.${op}: called before fit(); call fit(x) or fitTransform(x) on the training split first`);
    }
    return { mean: this.mean, scale: this.scale };
  }

  /** (x − mean) / scale with the fitted statistics. */
  transform(x: Tensor): Tensor {
    const { mean, scale } = this.fitted("transform");
    checkFeatures(x, mean.shape, "StandardScaler.transform");
    return x.sub(mean).div(scale);
  }

  /** fit(x) then transform(x). */
  fitTransform(x: Tensor): Tensor {
    return this.fit(x).transform(x);
  }

  /** x · scale + mean: undoes transform. */
  inverseTransform(x: Tensor): Tensor {
    const { mean, scale } = this.fitted("inverseTransform");
    checkFeatures(x, mean.shape, "StandardScaler.inverseTransform");
    return x.mul(scale).add(mean);
  }

  /** The fitted statistics as `{ mean, scale }` (copies). */
  stateDict(): Record<string, Tensor> {
    const { mean, scale } = this.fitted("stateDict");
    return { mean: mean.clone(), scale: scale.clone() };
  }

  /** Restores statistics saved by stateDict. */
  loadStateDict(state: Record<string, Tensor>): this {
    const mean = stateTensor(state, "mean", "StandardScaler.loadStateDict");
    const scale = stateTensor(state, "scale", "StandardScaler.loadStateDict");
    if (mean.shape.join() !== scale.shape.join()) {
      throw new RangeError(`StandardScaler.loadStateDict: mean has shape ${fmt(mean.shape)} but scale has shape ${fmt(scale.shape)}`);
    }
    this.mean = mean;
    this.scale = scale;
    return this;
  }
}

/** Options of `MinMaxScaler`: the target range [lo, hi] and whether to clip into it. */
export interface MinMaxScalerOptions {
  /** The target range [lo, hi] (default [0, 1]). */
  featureRange?: readonly [number, number];
  /** Clip transformed values into featureRange (default false); useful when val/test exceed the training range. */
  clip?: boolean;
}

/**
 * Rescales each feature to featureRange: x' = x · scale + min with scale = (hi − lo) / (max − min)
 * and min = lo − dataMin · scale, as scikit-learn. Constant features get scale 1.
 */
export class MinMaxScaler {
  featureRange: readonly [number, number];
  readonly clip: boolean;
  /** Per-feature minimum and maximum seen in fit; null before fit. */
  dataMin: Tensor | null = null;
  dataMax: Tensor | null = null;

  constructor(options: MinMaxScalerOptions = {}) {
    const [lo, hi] = options.featureRange ?? [0, 1];
    if (!(Number.isFinite(lo) && Number.isFinite(hi) && lo < hi)) {
      throw new RangeError(`MinMaxScaler: featureRange must be [lo, hi] with finite lo < hi, got [${lo}, ${hi}]`);
    }
    this.featureRange = [lo, hi];
    this.clip = options.clip ?? false;
  }

  /** Learns the per-feature min and max of x (rows on dim 0). */
  fit(x: Tensor): this {
    const s = featureStats(x, "MinMaxScaler.fit");
    this.dataMin = toTensor(s.min, s.shape);
    this.dataMax = toTensor(s.max, s.shape);
    return this;
  }

  /** The affine map x · scale + min of the fitted range. */
  private affine(op: string): { scale: Tensor; min: Tensor } {
    if (!this.dataMin || !this.dataMax) {
      throw new Error(`MinMaxScaler.${op}: called before fit(); call fit(x) or fitTransform(x) on the training split first`);
    }
    const [lo, hi] = this.featureRange;
    const dMin = this.dataMin.data;
    const dMax = this.dataMax.data;
    const scale = Array.from(dMin, (m, j) => (dMax[j]! - m === 0 ? 1 : (hi - lo) / (dMax[j]! - m)));
    const min = Array.from(dMin, (m, j) => lo - m * scale[j]!);
    return { scale: toTensor(scale, this.dataMin.shape), min: toTensor(min, this.dataMin.shape) };
  }

  /** x · scale + min with the fitted range (clipped to featureRange when clip is set). */
  transform(x: Tensor): Tensor {
    const { scale, min } = this.affine("transform");
    checkFeatures(x, scale.shape, "MinMaxScaler.transform");
    const y = x.mul(scale).add(min);
    return this.clip ? y.clamp(this.featureRange[0], this.featureRange[1]) : y;
  }

  /** fit(x) then transform(x). */
  fitTransform(x: Tensor): Tensor {
    return this.fit(x).transform(x);
  }

  /** (x − min) / scale: undoes transform. */
  inverseTransform(x: Tensor): Tensor {
    const { scale, min } = this.affine("inverseTransform");
    checkFeatures(x, scale.shape, "MinMaxScaler.inverseTransform");
    return x.sub(min).div(scale);
  }

  /** The fitted state as `{ dataMin, dataMax, featureRange }` (copies). */
  stateDict(): Record<string, Tensor> {
    this.affine("stateDict");
    return {
      dataMin: this.dataMin!.clone(),
      dataMax: this.dataMax!.clone(),
      featureRange: new Tensor(Float32Array.from(this.featureRange), [2]),
    };
  }

  /** Restores a state saved by stateDict (featureRange included when present). */
  loadStateDict(state: Record<string, Tensor>): this {
    const dataMin = stateTensor(state, "dataMin", "MinMaxScaler.loadStateDict");
    const dataMax = stateTensor(state, "dataMax", "MinMaxScaler.loadStateDict");
    if (dataMin.shape.join() !== dataMax.shape.join()) {
      throw new RangeError(`MinMaxScaler.loadStateDict: dataMin has shape ${fmt(dataMin.shape)} but dataMax has shape ${fmt(dataMax.shape)}`);
    }
    if (state.featureRange) {
      const [lo, hi] = state.featureRange.data;
      this.featureRange = [lo!, hi!];
    }
    this.dataMin = dataMin;
    this.dataMax = dataMax;
    return this;
  }
}
