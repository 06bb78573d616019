/**
 * Search spaces for hyperparameter search: each dimension is a list of choices or a range, and
 * rates are searched on a log scale (Bergstra & Bengio 2012: random search beats grid search when
 * only a few hyperparameters matter, and learning rates matter by orders of magnitude).
 */
import { Generator } from "../tensor/index.js";

/** A continuous or integer range: `uniform(0, 0.5)`, `logUniform(1e-4, 1e-1)`, `intUniform(16, 256)`. */
export interface Range {
  kind: "uniform" | "logUniform" | "intUniform" | "intLogUniform";
  low: number;
  high: number;
  /** How many evenly spaced points a grid search takes from the range (default 3). */
  gridPoints?: number;
}

/** One hyperparameter's values: a list of choices or a range. */
export type Dimension = readonly unknown[] | Range;

/** Hyperparameters by name. */
export type SearchSpace = Record<string, Dimension>;

function range(kind: Range["kind"], low: number, high: number, gridPoints?: number): Range {
  const log = kind === "logUniform" || kind === "intLogUniform";
  if (!Number.isFinite(low) || !Number.isFinite(high) || low > high || (log && low <= 0)) {
    throw new RangeError(`${kind}(${low}, ${high}): expected finite low <= high${log ? ", both > 0" : ""}`);
  }
  return { kind, low, high, ...(gridPoints !== undefined ? { gridPoints } : {}) };
}

/** Values drawn uniformly from [low, high]. */
export const uniform = (low: number, high: number, gridPoints?: number): Range => range("uniform", low, high, gridPoints);
/** Values whose logarithm is uniform in [log low, log high]: x = exp(U(ln low, ln high)). */
export const logUniform = (low: number, high: number, gridPoints?: number): Range => range("logUniform", low, high, gridPoints);
/** Integers drawn uniformly from low..high. */
export const intUniform = (low: number, high: number, gridPoints?: number): Range => range("intUniform", Math.ceil(low), Math.floor(high), gridPoints);
/** Integers log-uniform in low..high (layer widths). */
export const intLogUniform = (low: number, high: number, gridPoints?: number): Range => range("intLogUniform", Math.ceil(low), Math.floor(high), gridPoints);

function isRange(d: Dimension): d is Range {
  return !Array.isArray(d) && typeof d === "object" && d !== null && "kind" in d;
}

/** One value of a dimension at quantile q ∈ [0, 1] (log dimensions interpolate the logarithm). */
function at(r: Range, q: number): number {
  const log = r.kind === "logUniform" || r.kind === "intLogUniform";
  const v = log ? Math.exp(Math.log(r.low) + q * (Math.log(r.high) - Math.log(r.low))) : r.low + q * (r.high - r.low);
  return r.kind.startsWith("int") ? Math.min(r.high, Math.max(r.low, Math.round(v))) : v;
}

/** The values a grid search tries for a dimension: the list itself, or `gridPoints` evenly spaced points of a range. */
export function gridValues(name: string, d: Dimension): unknown[] {
  if (!isRange(d)) {
    if (!Array.isArray(d) || d.length === 0) throw new RangeError(`search space: "${name}" needs at least one value`);
    return [...d];
  }
  const n = d.gridPoints ?? 3;
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`search space: "${name}" gridPoints must be a positive integer, got ${n}`);
  // 12 significant digits, so a log grid of 1e-3…1e-1 reads 0.001, 0.01, 0.1 rather than 0.010000000000000005
  const values = (n === 1 ? [at(d, 0.5)] : Array.from({ length: n }, (_, i) => at(d, i / (n - 1)))).map((v) => Number(v.toPrecision(12)));
  return [...new Set(values)];
}

/** Every combination of the dimensions' grid values (the Cartesian product), the last dimension varying fastest. */
export function gridSearch(space: SearchSpace): Record<string, unknown>[] {
  let out: Record<string, unknown>[] = [{}];
  for (const [name, d] of Object.entries(space)) {
    const values = gridValues(name, d);
    out = out.flatMap((c) => values.map((v) => ({ ...c, [name]: v })));
  }
  return out;
}

/** `n` configurations drawn independently: choices uniformly, ranges uniformly (log-uniformly for log ranges). */
export function randomSearch(space: SearchSpace, n: number, options: { generator?: Generator } = {}): Record<string, unknown>[] {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`randomSearch: n must be a positive integer, got ${n}`);
  const g = options.generator ?? new Generator(0);
  const entries = Object.entries(space);
  for (const [name, d] of entries) if (!isRange(d) && (!Array.isArray(d) || d.length === 0)) gridValues(name, d);
  return Array.from({ length: n }, () => {
    const c: Record<string, unknown> = {};
    for (const [name, d] of entries) c[name] = isRange(d) ? at(d, g.uniform()) : d[Math.floor(g.uniform() * d.length) % d.length];
    return c;
  });
}
