/**
 * The playground's points: TensorFlow Playground's six datasets from nabla's `data.playground`, two moons, two
 * multi-class sets (three spiral arms, four blobs) and the user's own points, all in the [−6, 6]² box that the
 * heatmaps show.
 */
import { Generator, Tensor, data } from "nabla";
import type { DatasetId, Problem, Settings } from "../settings.js";

/** Points in the plane: x is [N·2] (x1, x2 per row), y is [N] class indices or regression targets. */
export interface Points {
  x: Float32Array;
  y: Float32Array;
  /** Number of classes (2 or more), or 0 for regression. */
  classes: number;
}

/** Half-width of the square the heatmaps cover, as TensorFlow Playground's xDomain. */
export const DOMAIN = 6;
/** Points per generated dataset (TensorFlow Playground's NUM_SAMPLES_CLASSIFY). */
export const NUM_SAMPLES = 500;

/** Three interleaved spiral arms (class k rotated by 2πk/3), 1.25 turns each, with uniform noise. */
export function spiral3(options: { numSamples?: number; noise?: number; generator: Generator }): { x: Tensor; y: Tensor } {
  const { numSamples = NUM_SAMPLES, noise = 0, generator: g } = options;
  const x = new Float32Array(numSamples * 2);
  const y = new Float32Array(numSamples);
  const perArm = Math.ceil(numSamples / 3);
  for (let i = 0; i < numSamples; i++) {
    const k = Math.floor(i / perArm);
    const r = (((i % perArm) + 1) / perArm) * 5;
    const t = (1.25 * ((i % perArm) / perArm)) * 2 * Math.PI + (2 * Math.PI * k) / 3;
    x[2 * i] = r * Math.sin(t) + (g.uniform() * 2 - 1) * noise * 2;
    x[2 * i + 1] = r * Math.cos(t) + (g.uniform() * 2 - 1) * noise * 2;
    y[i] = k;
  }
  return { x: new Tensor(x, [numSamples, 2]), y: new Tensor(y, [numSamples]) };
}

/** Four Gaussian blobs at (±2.5, ±2.5), class k in quadrant order, standard deviation 0.7 + 4·noise. */
export function blobs4(options: { numSamples?: number; noise?: number; generator: Generator }): { x: Tensor; y: Tensor } {
  const { numSamples = NUM_SAMPLES, noise = 0, generator: g } = options;
  const centres = [[2.5, 2.5], [-2.5, 2.5], [-2.5, -2.5], [2.5, -2.5]] as const;
  const x = new Float32Array(numSamples * 2);
  const y = new Float32Array(numSamples);
  const sd = 0.7 + 4 * noise;
  for (let i = 0; i < numSamples; i++) {
    const k = i % 4;
    x[2 * i] = centres[k]![0] + sd * g.normal();
    x[2 * i + 1] = centres[k]![1] + sd * g.normal();
    y[i] = k;
  }
  return { x: new Tensor(x, [numSamples, 2]), y: new Tensor(y, [numSamples]) };
}

/** Number of classes of a generated dataset (0 for regression). */
export function classesOf(id: DatasetId): number {
  if (id === "spiral3") return 3;
  if (id === "blobs4") return 4;
  if (id === "regressPlane" || id === "regressGaussian") return 0;
  return 2;
}

/** Draws a dataset's points from a generator seeded with the data seed; `custom` returns the user's points. */
export function makePoints(s: Pick<Settings, "dataset" | "noise" | "dataSeed" | "problem">, customPoints: Points | null): Points {
  if (s.dataset === "custom") return customPoints ?? { x: new Float32Array(0), y: new Float32Array(0), classes: s.problem === "regression" ? 0 : 2 };
  const generator = new Generator(s.dataSeed);
  const noise = s.noise / 100;
  const options = { numSamples: NUM_SAMPLES, noise, generator };
  let d: { x: Tensor; y: Tensor };
  switch (s.dataset) {
    case "circle": case "xor": case "gaussian": case "spiral": case "regressPlane": case "regressGaussian":
      d = data.playground[s.dataset](options);
      break;
    case "moons": {
      // sklearn's moons span [−1, 2] × [−0.5, 1]: scale by 4 about their centre to fill the box like the others
      const m = data.twoMoons({ numSamples: NUM_SAMPLES, noise: noise * 0.6, generator });
      const x = m.x.data;
      for (let i = 0; i < x.length; i += 2) {
        x[i] = (x[i]! - 0.5) * 4;
        x[i + 1] = (x[i + 1]! - 0.25) * 4;
      }
      d = m;
      break;
    }
    case "spiral3": d = spiral3(options); break;
    case "blobs4": d = blobs4(options); break;
  }
  return { x: d.x.data, y: d.y.data, classes: classesOf(s.dataset) };
}

/** The problem kind of a set of points. */
export const problemOf = (p: Points): Problem => (p.classes === 0 ? "regression" : "classification");
