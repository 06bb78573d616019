/**
 * The optimiser race: SGD, momentum, Nesterov, RMSprop and Adam minimising a 2-D function from the same start,
 * each with nabla's own optimiser class on a two-element parameter, the surface written with tensor ops so
 * autograd gives the gradient.
 */
import { Tensor, type optim } from "nabla";
import type { OptimizerId, SurfaceId } from "../settings.js";
import { OPTIMIZERS } from "./optimizers.js";

export const RACERS = ["sgd", "momentum", "nesterov", "rmsprop", "adam"] as const satisfies readonly OptimizerId[];
export type RacerId = (typeof RACERS)[number];

export interface Surface {
  id: SurfaceId;
  label: string;
  formula: string;
  /** The value at a point, for drawing contours. */
  at: (x: number, y: number) => number;
  /** The same function of a [2] parameter tensor, for autograd. */
  f: (p: Tensor) => Tensor;
  /** [xMin, xMax, yMin, yMax] shown. */
  view: [number, number, number, number];
  start: [number, number];
  /** Where the minimum lies (or minima, for the saddle), marked on the plot. */
  minima: [number, number][];
  /** Steps in one race. */
  steps: number;
  /** Each optimiser's learning rate on this surface (each needs its own scale: Adam's step is about lr, SGD's lr·gradient). */
  lr: Record<RacerId, number>;
}

const xy = (p: Tensor): [Tensor, Tensor] => [p.select(0, 0), p.select(0, 1)];

export const SURFACES: Record<SurfaceId, Surface> = {
  bowl: {
    id: "bowl",
    label: "Ill-conditioned bowl",
    formula: "f(x, y) = x²/2 + 10y² (condition number 20)",
    at: (x, y) => 0.5 * x * x + 10 * y * y,
    f: (p) => {
      const [x, y] = xy(p);
      return x.square().mul(0.5).add(y.square().mul(10));
    },
    view: [-3, 3, -1.5, 1.5],
    start: [-2.7, 1.1],
    minima: [[0, 0]],
    steps: 300,
    lr: { sgd: 0.02, momentum: 0.02, nesterov: 0.02, rmsprop: 0.02, adam: 0.1 },
  },
  rosenbrock: {
    id: "rosenbrock",
    label: "Rosenbrock",
    formula: "f(x, y) = (1 − x)² + 100(y − x²)²",
    at: (x, y) => (1 - x) ** 2 + 100 * (y - x * x) ** 2,
    f: (p) => {
      const [x, y] = xy(p);
      return x.neg().add(1).square().add(y.sub(x.square()).square().mul(100));
    },
    view: [-2, 2, -1, 3],
    start: [-1.2, 1],
    minima: [[1, 1]],
    steps: 600,
    lr: { sgd: 0.0007, momentum: 0.0007, nesterov: 0.0007, rmsprop: 0.01, adam: 0.2 },
  },
  saddle: {
    id: "saddle",
    label: "Saddle",
    formula: "f(x, y) = x² − y² + y⁴/4 (saddle at 0, minima at y = ±√2)",
    at: (x, y) => x * x - y * y + 0.25 * y ** 4,
    f: (p) => {
      const [x, y] = xy(p);
      return x.square().sub(y.square()).add(y.pow(4).mul(0.25));
    },
    view: [-2.5, 2.5, -2.5, 2.5],
    start: [-2.3, 0.001],
    minima: [[0, Math.SQRT2], [0, -Math.SQRT2]],
    steps: 400,
    lr: { sgd: 0.01, momentum: 0.01, nesterov: 0.01, rmsprop: 0.01, adam: 0.05 },
  },
};

export interface Racer {
  id: RacerId;
  label: string;
  param: Tensor;
  optimizer: optim.Optimizer;
  /** Visited points, x and y interleaved. */
  path: number[];
  value: number;
  /** The run left the view by far or became non-finite; it stops there. */
  diverged: boolean;
}

/** Starts every optimiser at `start` (the surface's own by default). */
export function startRace(surface: Surface, start: [number, number] = surface.start, momentum = 0.9): Racer[] {
  return RACERS.map((id) => {
    const param = new Tensor(new Float32Array(start), [2], true);
    return {
      id,
      label: OPTIMIZERS[id].label,
      param,
      optimizer: OPTIMIZERS[id].make([param], surface.lr[id], momentum),
      path: [...start],
      value: surface.at(...start),
      diverged: false,
    };
  });
}

/** One step of every racer still running. */
export function stepRace(surface: Surface, racers: Racer[]): void {
  const [x0, x1, y0, y1] = surface.view;
  const span = Math.max(x1 - x0, y1 - y0);
  for (const r of racers) {
    if (r.diverged) continue;
    r.optimizer.zeroGrad();
    const loss = surface.f(r.param);
    loss.backward();
    r.optimizer.step();
    const [x, y] = r.param.data as unknown as [number, number];
    r.value = surface.at(x, y);
    r.path.push(x, y);
    if (!Number.isFinite(r.value) || Math.abs(x) > 10 * span || Math.abs(y) > 10 * span) r.diverged = true;
  }
}
