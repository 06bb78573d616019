/**
 * The six 2-D datasets of the TensorFlow Playground, with the formulas of its dataset.ts
 * (classifyCircleData, classifyXORData, classifyTwoGaussData, classifySpiralData, regressPlane,
 * regressGaussian), drawing from a seeded Generator instead of Math.random.
 *
 * - `noise` is the value dataset.ts receives: the Playground's noise slider (0–50) divided by 100,
 *   so 0 to 0.5.
 * - Classification labels: the Playground's +1 becomes 1 and its −1 becomes 0 (class indices for
 *   crossEntropy). Regression targets are the Playground's, in [−1, 1].
 * - Rows come in generation order (the Playground shuffles afterwards; trainValTestSplit and
 *   DataLoader shuffle here). For an odd numSamples the first class gets the extra point (the
 *   Playground's loops would make one point too many).
 */
import { Tensor, defaultGenerator, type Generator } from "../../tensor/index.js";

/** Options of the Playground datasets (`playground.circle`, `xor`, …): the number of points, the noise level and the generator. */
export interface PlaygroundOptions {
  /** Number of points (default 500). */
  numSamples?: number;
  /** Noise level as in dataset.ts: 0 to 0.5 (default 0). */
  noise?: number;
  /** The generator to draw from; the global one (seeded by manualSeed) when omitted. */
  generator?: Generator;
}

/** Points x of shape [N, 2] and labels or targets y of shape [N]. */
export interface Dataset2D {
  x: Tensor;
  y: Tensor;
}

type Point = [number, number, number];

function setup(name: string, options: PlaygroundOptions): { n: number; noise: number; rand: (a: number, b: number) => number; g: Generator } {
  const { numSamples = 500, noise = 0, generator = defaultGenerator } = options;
  if (!Number.isInteger(numSamples) || numSamples < 1) {
    throw new RangeError(`playground.${name}: numSamples must be a positive integer, got ${numSamples}`);
  }
  if (!Number.isFinite(noise) || noise < 0) throw new RangeError(`playground.${name}: noise must be ≥ 0 (the slider value / 100), got ${noise}`);
  return { n: numSamples, noise, rand: (a, b) => generator.uniform() * (b - a) + a, g: generator };
}

function pack(points: Point[], classify: boolean): Dataset2D {
  const x = new Float32Array(points.length * 2);
  const y = new Float32Array(points.length);
  points.forEach(([px, py, label], i) => {
    x[2 * i] = px;
    x[2 * i + 1] = py;
    y[i] = classify ? (label > 0 ? 1 : 0) : label;
  });
  return { x: new Tensor(x, [points.length, 2]), y: new Tensor(y, [points.length]) };
}

const halves = (n: number): [number, number] => [Math.ceil(n / 2), Math.floor(n / 2)];

/** A disc of radius 2.5 (class 1) inside a ring of radii 3.5 to 5 (class 0); noise flips labels near the edge. */
export function circle(options: PlaygroundOptions = {}): Dataset2D {
  const { n, noise, rand } = setup("circle", options);
  const radius = 5;
  const points: Point[] = [];
  const add = (count: number, rMin: number, rMax: number): void => {
    for (let i = 0; i < count; i++) {
      const r = rand(rMin, rMax);
      const angle = rand(0, 2 * Math.PI);
      const x = r * Math.sin(angle);
      const y = r * Math.cos(angle);
      // the label is taken at a noisy copy of the point, so noise mislabels points rather than moving them
      const nx = x + rand(-radius, radius) * noise;
      const ny = y + rand(-radius, radius) * noise;
      points.push([x, y, Math.hypot(nx, ny) < radius * 0.5 ? 1 : -1]);
    }
  };
  const [inner, outer] = halves(n);
  add(inner, 0, radius * 0.5);
  add(outer, radius * 0.7, radius);
  return pack(points, true);
}

/** Points in [−5.3, 5.3]² away from the axes, class 1 where x·y ≥ 0 (quadrants 1 and 3). */
export function xor(options: PlaygroundOptions = {}): Dataset2D {
  const { n, noise, rand } = setup("xor", options);
  const padding = 0.3;
  const points: Point[] = [];
  for (let i = 0; i < n; i++) {
    let x = rand(-5, 5);
    x += x > 0 ? padding : -padding;
    let y = rand(-5, 5);
    y += y > 0 ? padding : -padding;
    const nx = x + rand(-5, 5) * noise;
    const ny = y + rand(-5, 5) * noise;
    points.push([x, y, nx * ny >= 0 ? 1 : -1]);
  }
  return pack(points, true);
}

/** Two Gaussians at (2, 2) (class 1) and (−2, −2) (class 0), variance 0.5 + 7·noise. */
export function gaussian(options: PlaygroundOptions = {}): Dataset2D {
  const { n, noise, rand } = setup("gaussian", options);
  // d3.scale.linear().domain([0, .5]).range([0.5, 4]) in dataset.ts
  const variance = 0.5 + (noise / 0.5) * 3.5;
  // Marsaglia's polar method, as normalRandom in dataset.ts
  const normal = (mean: number): number => {
    let v1: number, v2: number, s: number;
    do {
      v1 = rand(-1, 1);
      v2 = rand(-1, 1);
      s = v1 * v1 + v2 * v2;
    } while (s > 1 || s === 0);
    return mean + Math.sqrt(variance) * Math.sqrt((-2 * Math.log(s)) / s) * v1;
  };
  const points: Point[] = [];
  const [pos, neg] = halves(n);
  for (let i = 0; i < pos; i++) points.push([normal(2), normal(2), 1]);
  for (let i = 0; i < neg; i++) points.push([normal(-2), normal(-2), -1]);
  return pack(points, true);
}

/** Two interleaved spirals of 1.75 turns out to radius 5 (class 1, and class 0 rotated by π), plus uniform noise. */
export function spiral(options: PlaygroundOptions = {}): Dataset2D {
  const { n, noise, rand } = setup("spiral", options);
  const half = n / 2;
  const points: Point[] = [];
  const add = (count: number, deltaT: number, label: number): void => {
    for (let i = 0; i < count; i++) {
      const r = (i / half) * 5;
      const t = ((1.75 * i) / half) * 2 * Math.PI + deltaT;
      points.push([r * Math.sin(t) + rand(-1, 1) * noise, r * Math.cos(t) + rand(-1, 1) * noise, label]);
    }
  };
  const [pos, neg] = halves(n);
  add(pos, 0, 1);
  add(neg, Math.PI, -1);
  return pack(points, true);
}

/** Uniform points in [−6, 6]² with target (x + y) / 10, taken at a noisy copy of the point. */
export function regressPlane(options: PlaygroundOptions = {}): Dataset2D {
  const { n, noise, rand } = setup("regressPlane", options);
  const radius = 6;
  const points: Point[] = [];
  for (let i = 0; i < n; i++) {
    const x = rand(-radius, radius);
    const y = rand(-radius, radius);
    const nx = rand(-radius, radius) * noise;
    const ny = rand(-radius, radius) * noise;
    // d3.scale.linear().domain([-10, 10]).range([-1, 1]) of x + y
    points.push([x, y, (x + nx + y + ny) / 10]);
  }
  return pack(points, false);
}

/** Uniform points in [−6, 6]² with the target of six ±1 bumps at (±4 or 0, ±2.5), max(0, 1 − d/2) each, largest in size wins. */
export function regressGaussian(options: PlaygroundOptions = {}): Dataset2D {
  const { n, noise, rand } = setup("regressGaussian", options);
  const bumps: [number, number, number][] = [[-4, 2.5, 1], [0, 2.5, -1], [4, 2.5, 1], [-4, -2.5, -1], [0, -2.5, 1], [4, -2.5, -1]];
  const target = (x: number, y: number): number => {
    let label = 0;
    for (const [cx, cy, sign] of bumps) {
      // d3.scale.linear().domain([0, 2]).range([1, 0]).clamp(true) of the distance
      const v = sign * Math.min(1, Math.max(0, 1 - Math.hypot(x - cx, y - cy) / 2));
      if (Math.abs(v) > Math.abs(label)) label = v;
    }
    return label;
  };
  const radius = 6;
  const points: Point[] = [];
  for (let i = 0; i < n; i++) {
    const x = rand(-radius, radius);
    const y = rand(-radius, radius);
    const nx = rand(-radius, radius) * noise;
    const ny = rand(-radius, radius) * noise;
    points.push([x, y, target(x + nx, y + ny)]);
  }
  return pack(points, false);
}
