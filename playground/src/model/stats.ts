/**
 * Per-layer health: histograms of the hidden units' outputs and of the loss gradient with respect to them, over
 * the training rows, and the units that are dead (the same output for every row, so no gradient reaches their
 * weights) or saturated (tanh/sigmoid stuck near a bound for most rows, where the derivative is almost 0).
 */
import type { Tensor } from "nabla";
import type { Activation } from "../settings.js";
import { trace, type Net } from "./network.js";

export const BINS = 20;

export interface Histogram {
  lo: number;
  hi: number;
  counts: number[];
}

export interface LayerStats {
  activation: Activation;
  outputs: Histogram;
  gradients: Histogram;
  /** Mean |∂loss/∂h| over rows and units: shrinking from the output backwards means vanishing gradients. */
  meanAbsGrad: number;
  dead: number[];
  saturated: number[];
}

/** Counts of values in BINS equal bins over [lo, hi] (values outside fall in the end bins). */
export function histogram(values: Float32Array, lo: number, hi: number): Histogram {
  const counts = new Array<number>(BINS).fill(0);
  const w = hi > lo ? (hi - lo) / BINS : 1;
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    counts[Math.min(BINS - 1, Math.max(0, Math.floor((v - lo) / w)))]!++;
  }
  return { lo, hi, counts };
}

function range(values: Float32Array): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return lo <= hi ? [lo, hi] : [0, 0];
}

/** Fraction of rows beyond which a unit counts as saturated. */
export const SATURATED_SHARE = 0.9;

/** Whether value v of this activation is near a flat end: |tanh| > 0.95, sigmoid within 0.05 of 0 or 1. */
function nearBound(a: Activation, v: number): boolean {
  if (a === "tanh") return Math.abs(v) > 0.95;
  if (a === "sigmoid") return v < 0.05 || v > 0.95;
  return false;
}

/** Dead and saturated units of one layer's outputs h ([rows · width]). */
export function unitHealth(h: Float32Array, rows: number, width: number, a: Activation): { dead: number[]; saturated: number[] } {
  const dead: number[] = [];
  const saturated: number[] = [];
  for (let j = 0; j < width; j++) {
    let lo = Infinity;
    let hi = -Infinity;
    let near = 0;
    for (let r = 0; r < rows; r++) {
      const v = h[r * width + j]!;
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
      if (nearBound(a, v)) near++;
    }
    // a unit stuck at a flat end of tanh or sigmoid is saturated; one stuck anywhere else (ReLU at 0) is dead
    if (rows > 0 && near >= SATURATED_SHARE * rows) saturated.push(j);
    else if (rows > 0 && hi - lo < 1e-6) dead.push(j);
  }
  return { dead, saturated };
}

/** Runs the training rows through the net (eval mode, tape on), backpropagates the loss and summarises each hidden layer. */
export function layerStats(net: Net, x: Tensor, y: Tensor, lossFn: (o: Tensor, y: Tensor) => Tensor, activations: readonly Activation[]): LayerStats[] {
  if (y.shape[0] === 0) return [];
  const was = net.model.training;
  net.model.eval();
  try {
    const { hidden, output } = trace(net, x, true);
    lossFn(output, y).backward();
    return hidden.map((h, i) => {
      const a = activations[i]!;
      const [lo, hi] = a === "tanh" ? [-1, 1] : a === "sigmoid" ? [0, 1] : range(h.data);
      const g = h.grad?.data ?? new Float32Array(h.data.length);
      const m = Math.max(...range(g).map(Math.abs), 1e-12);
      let sum = 0;
      for (const v of g) sum += Math.abs(v);
      return {
        activation: a,
        outputs: histogram(h.data, lo, hi),
        gradients: histogram(g, -m, m),
        meanAbsGrad: g.length ? sum / g.length : 0,
        ...unitHealth(h.data, h.shape[0]!, h.shape[1]!, a),
      };
    });
  } finally {
    // the statistics pass must not leave gradients for the next optimiser step (which zeroes them anyway)
    net.model.zeroGrad();
    net.model.train(was);
  }
}
