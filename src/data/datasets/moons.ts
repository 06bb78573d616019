/** Two interleaving half circles, as scikit-learn's make_moons. */
import { Tensor, defaultGenerator, type Generator } from "../../tensor/index.js";
import type { Dataset2D } from "./playground.js";

/** Options of `twoMoons`: the number of points, the Gaussian noise, shuffling and the generator. */
export interface TwoMoonsOptions {
  /** Number of points (default 100, as make_moons); the outer moon gets ⌊N/2⌋, the inner one the rest. */
  numSamples?: number;
  /** Standard deviation of Gaussian noise added to every coordinate (default 0). */
  noise?: number;
  /** Shuffle the rows (default true, as make_moons); otherwise outer moon first. */
  shuffle?: boolean;
  /** The generator to draw from; the global one (seeded by manualSeed) when omitted. */
  generator?: Generator;
}

/**
 * Outer moon (class 0): (cos t, sin t) for t in linspace(0, π); inner moon (class 1):
 * (1 − cos t, 0.5 − sin t); then N(0, noise²) added to each coordinate.
 */
export function twoMoons(options: TwoMoonsOptions = {}): Dataset2D {
  const { numSamples = 100, noise = 0, shuffle = true, generator = defaultGenerator } = options;
  if (!Number.isInteger(numSamples) || numSamples < 1) throw new RangeError(`twoMoons: numSamples must be a positive integer, got ${numSamples}`);
  if (!Number.isFinite(noise) || noise < 0) throw new RangeError(`twoMoons: noise must be a standard deviation ≥ 0, got ${noise}`);
  const nOut = Math.floor(numSamples / 2);
  const nIn = numSamples - nOut;
  const x = new Float64Array(numSamples * 2);
  const y = new Float32Array(numSamples);
  const angle = (i: number, count: number): number => (count === 1 ? 0 : (Math.PI * i) / (count - 1));
  for (let i = 0; i < nOut; i++) {
    x[2 * i] = Math.cos(angle(i, nOut));
    x[2 * i + 1] = Math.sin(angle(i, nOut));
  }
  for (let i = 0; i < nIn; i++) {
    const r = nOut + i;
    x[2 * r] = 1 - Math.cos(angle(i, nIn));
    x[2 * r + 1] = 1 - Math.sin(angle(i, nIn)) - 0.5;
    y[r] = 1;
  }
  const order = shuffle ? generator.permutation(numSamples) : Int32Array.from({ length: numSamples }, (_, i) => i);
  const xs = new Float32Array(numSamples * 2);
  const ys = new Float32Array(numSamples);
  order.forEach((src, i) => {
    xs[2 * i] = x[2 * src]!;
    xs[2 * i + 1] = x[2 * src + 1]!;
    ys[i] = y[src]!;
  });
  if (noise > 0) for (let i = 0; i < xs.length; i++) xs[i] = xs[i]! + noise * generator.normal();
  return { x: new Tensor(xs, [numSamples, 2]), y: new Tensor(ys, [numSamples]) };
}
