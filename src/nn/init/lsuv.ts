/**
 * Layer-sequential unit-variance initialisation (Mishkin & Matas, "All you need is a good init", 2016):
 * orthogonal weights, then each layer in turn has its weights divided by the standard deviation of its
 * output on a batch until that output's variance is within `tolerance` of 1.
 */
import { noGrad, type Tensor } from "../../tensor/index.js";
import { Module, Parameter } from "../module.js";
import { orthogonal } from "./orthogonal.js";
import type { InitOptions } from "./weights.js";

/** Options of `lsuv`: the variance tolerance, the rescaling budget per layer, and whether to start orthogonal. */
export interface LsuvOptions extends InitOptions {
  /** Stop once |Var(output) − 1| < tolerance (default 0.1, the paper's Tol_var). */
  tolerance?: number;
  /** At most this many rescalings per layer (default 10, the paper's T_max). */
  maxIter?: number;
  /** Start from orthogonal weights (default true, step 1 of the paper). */
  orthogonalInit?: boolean;
}

/**
 * Initialises every layer that has a `weight` parameter of 2 or more dims (Linear and the like), in
 * registration order, from the outputs of `model.forward(batch)`. The model runs in eval mode (dropout
 * off) and its training flags are restored afterwards. Biases are left as they are. Returns the model.
 */
export function lsuv<M extends Module>(model: M, batch: Tensor, options: LsuvOptions = {}): M {
  const tol = options.tolerance ?? 0.1;
  const maxIter = options.maxIter ?? 10;
  if (!(tol > 0)) throw new RangeError(`lsuv: tolerance must be positive, got ${tol}`);
  if (!Number.isInteger(maxIter) || maxIter < 0) throw new RangeError(`lsuv: maxIter must be a non-negative integer, got ${maxIter}`);
  const layers = model.namedModules().flatMap(([name, m]) => {
    const w = (m as unknown as Record<string, unknown>)["weight"];
    return w instanceof Parameter && w.ndim >= 2 ? [{ name: name || m.constructor.name, m, w }] : [];
  });
  if (layers.length === 0) throw new Error(`lsuv: ${model.constructor.name} has no layer with a weight of 2 or more dims`);
  const modes = model.modules().map((m) => [m, m.training] as const);
  model.eval();
  try {
    noGrad(() => {
      if (options.orthogonalInit ?? true) for (const { w } of layers) orthogonal(w, { generator: options.generator });
      for (const { name, m, w } of layers) {
        for (let it = 0; it < maxIter; it++) {
          const v = outputVariance(model, m, batch, name);
          if (Math.abs(v - 1) < tol || !(v > 0) || !Number.isFinite(v)) break;
          const s = 1 / Math.sqrt(v);
          for (let i = 0; i < w.size; i++) w.data[i]! *= s;
        }
      }
    });
  } finally {
    for (const [m, t] of modes) m.training = t;
  }
  return model;
}

/** The variance of `layer`'s output during one forward pass of the model (captured by wrapping its forward). */
function outputVariance(model: Module, layer: Module, batch: Tensor, name: string): number {
  let captured: Tensor | null = null;
  const own = layer as unknown as { forward: (...xs: Tensor[]) => Tensor };
  const hadOwn = Object.prototype.hasOwnProperty.call(layer, "forward");
  const original = own.forward;
  own.forward = (...xs: Tensor[]): Tensor => {
    const y = original.apply(layer, xs);
    captured = y;
    return y;
  };
  try {
    model.forward(batch);
  } finally {
    if (hadOwn) own.forward = original;
    else delete (own as { forward?: unknown }).forward;
  }
  if (captured === null) throw new Error(`lsuv: layer ${name} was not called by ${model.constructor.name}.forward`);
  const d = (captured as Tensor).data;
  let mean = 0;
  for (let i = 0; i < d.length; i++) mean += d[i]!;
  mean /= d.length;
  let ss = 0;
  for (let i = 0; i < d.length; i++) ss += (d[i]! - mean) ** 2;
  return ss / Math.max(1, d.length - 1);
}
