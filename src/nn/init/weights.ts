/**
 * In-place initialisers (PyTorch's torch.nn.init without the trailing underscore). Each writes the tensor's
 * values without recording the tape, returns the tensor, and draws from `generator` (the global one by default).
 */
import { defaultGenerator, type Generator, type Tensor } from "../../tensor/index.js";
import { calculateGain, computeFans, fanOf, type FanMode } from "./gain.js";
import { normalCdf, normalQuantile } from "./normal.js";

/** Options every random initialiser takes: the generator to draw from. */
export interface InitOptions {
  /** The generator to draw from; the global one (seeded by manualSeed) when omitted. */
  generator?: Generator;
}

/** Fills with 0. */
export const zeros = <T extends Tensor>(t: T): T => constant(t, 0);
/** Fills with 1. */
export const ones = <T extends Tensor>(t: T): T => constant(t, 1);

/** Fills with `value`. */
export function constant<T extends Tensor>(t: T, value: number): T {
  t.data.fill(value);
  return t;
}

/** Samples U(a, b) (default U(0, 1)). */
export function uniform<T extends Tensor>(t: T, options: InitOptions & { a?: number; b?: number } = {}): T {
  const a = options.a ?? 0;
  const b = options.b ?? 1;
  if (!(a <= b)) throw new RangeError(`uniform: expected a <= b, got a=${a}, b=${b}`);
  const g = options.generator ?? defaultGenerator;
  for (let i = 0; i < t.data.length; i++) t.data[i] = a + (b - a) * g.uniform();
  return t;
}

/** Samples N(mean, std²) (default N(0, 1)). */
export function normal<T extends Tensor>(t: T, options: InitOptions & { mean?: number; std?: number } = {}): T {
  const mean = options.mean ?? 0;
  const std = options.std ?? 1;
  if (!(std >= 0)) throw new RangeError(`normal: std must be non-negative, got ${std}`);
  const g = options.generator ?? defaultGenerator;
  for (let i = 0; i < t.data.length; i++) t.data[i] = mean + std * g.normal();
  return t;
}

/**
 * Samples N(mean, std²) conditioned on [a, b] (default a = −2, b = 2, absolute values as in PyTorch) by
 * the inverse CDF: x = mean + std·Φ⁻¹(U(Φ(α), Φ(β))), clamped to [a, b].
 */
export function truncNormal<T extends Tensor>(
  t: T, options: InitOptions & { mean?: number; std?: number; a?: number; b?: number } = {},
): T {
  const mean = options.mean ?? 0;
  const std = options.std ?? 1;
  const a = options.a ?? -2;
  const b = options.b ?? 2;
  if (!(std > 0) || !(a < b)) throw new RangeError(`truncNormal: expected std > 0 and a < b, got std=${std}, a=${a}, b=${b}`);
  const lo = normalCdf((a - mean) / std);
  const hi = normalCdf((b - mean) / std);
  const g = options.generator ?? defaultGenerator;
  for (let i = 0; i < t.data.length; i++) {
    const u = lo + (hi - lo) * g.uniform();
    const x = mean + std * normalQuantile(Math.min(Math.max(u, 1e-300), 1 - 1e-16));
    t.data[i] = Math.min(Math.max(x, a), b);
  }
  return t;
}

/** Glorot: U(−bound, bound) with bound = gain·√(6/(fanIn + fanOut)). */
export function xavierUniform<T extends Tensor>(t: T, options: InitOptions & { gain?: number } = {}): T {
  const [fanIn, fanOut] = computeFans(t, "xavierUniform");
  const bound = (options.gain ?? 1) * Math.sqrt(6 / (fanIn + fanOut));
  return uniform(t, { a: -bound, b: bound, generator: options.generator });
}

/** Glorot: N(0, std²) with std = gain·√(2/(fanIn + fanOut)). */
export function xavierNormal<T extends Tensor>(t: T, options: InitOptions & { gain?: number } = {}): T {
  const [fanIn, fanOut] = computeFans(t, "xavierNormal");
  return normal(t, { std: (options.gain ?? 1) * Math.sqrt(2 / (fanIn + fanOut)), generator: options.generator });
}

/** Options of `kaimingUniform` and `kaimingNormal` (He init, std = gain/√fan): the slope a, the fan mode and the nonlinearity. */
export interface KaimingOptions extends InitOptions {
  /** Negative slope of the leaky_relu that follows (default 0). */
  a?: number;
  /** "fanIn" (default) or "fanOut". */
  mode?: FanMode;
  /** The nonlinearity that follows, for calculateGain (default "leaky_relu", as in PyTorch). */
  nonlinearity?: string;
}

function kaimingStd(t: Tensor, options: KaimingOptions, fn: string): number {
  const fan = fanOf(t, options.mode ?? "fanIn", fn);
  const gain = calculateGain(options.nonlinearity ?? "leaky_relu", options.a ?? 0);
  return gain / Math.sqrt(fan);
}

/** He: U(−bound, bound) with bound = gain·√(3/fan). */
export function kaimingUniform<T extends Tensor>(t: T, options: KaimingOptions = {}): T {
  const bound = Math.sqrt(3) * kaimingStd(t, options, "kaimingUniform");
  return uniform(t, { a: -bound, b: bound, generator: options.generator });
}

/** He: N(0, std²) with std = gain/√fan. */
export function kaimingNormal<T extends Tensor>(t: T, options: KaimingOptions = {}): T {
  return normal(t, { std: kaimingStd(t, options, "kaimingNormal"), generator: options.generator });
}

/** LeCun: N(0, 1/fanIn) (not in PyTorch; the variance SELU networks assume). */
export function lecunNormal<T extends Tensor>(t: T, options: InitOptions = {}): T {
  const [fanIn] = computeFans(t, "lecunNormal");
  return normal(t, { std: 1 / Math.sqrt(fanIn), generator: options.generator });
}

/** LeCun: U(−√(3/fanIn), √(3/fanIn)), variance 1/fanIn (not in PyTorch). */
export function lecunUniform<T extends Tensor>(t: T, options: InitOptions = {}): T {
  const [fanIn] = computeFans(t, "lecunUniform");
  const bound = Math.sqrt(3 / fanIn);
  return uniform(t, { a: -bound, b: bound, generator: options.generator });
}
