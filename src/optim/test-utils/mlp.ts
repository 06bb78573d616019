/** Test helpers: the fixtures' 4-8-3 tanh MLP built from raw tensors (no src/nn), and exact copies. */
import { readFileSync } from "node:fs";
import { Tensor, tensor } from "../../tensor/index.js";
import * as optim from "../index.js";

export interface Flat {
  shape: number[];
  data: number[];
}

export interface OptimCase {
  name: string;
  optimizer: string;
  options: Record<string, unknown>;
  groups?: Array<{ params: string[] } & Record<string, unknown>>;
  steps: number;
  losses: number[];
  final: Record<string, number[]>;
}

export interface OptimFixture {
  x: Flat;
  t: Flat;
  init: Record<string, Flat>;
  cases: OptimCase[];
}

export const PARAM_NAMES = ["w1", "b1", "w2", "b2"] as const;
export type Params = Record<(typeof PARAM_NAMES)[number], Tensor>;

export function loadFixture<T>(name: string): T {
  return JSON.parse(readFileSync(new URL(`../__fixtures__/${name}.json`, import.meta.url), "utf8")) as T;
}

export function fromFlat(f: Flat, requiresGrad = false): Tensor {
  return tensor(f.data, { shape: f.shape, requiresGrad });
}

/** Fresh leaf parameters from the fixture's initial weights. */
export function initParams(fx: OptimFixture): Params {
  return Object.fromEntries(PARAM_NAMES.map((k) => [k, fromFlat(fx.init[k]!, true)])) as Params;
}

/** mean((tanh(x @ w1 + b1) @ w2 + b2 − t)²). */
export function mlpLoss(p: Params, x: Tensor, t: Tensor): Tensor {
  const h = x.matmul(p.w1).add(p.b1).tanh();
  const y = h.matmul(p.w2).add(p.b2);
  return y.sub(t).square().mean();
}

/** One training step: clear the gradients, forward, backward, step; returns the loss before the step. */
export function trainStep(opt: optim.Optimizer, p: Params, x: Tensor, t: Tensor): number {
  opt.zeroGrad();
  const loss = mlpLoss(p, x, t);
  loss.backward();
  opt.step();
  return loss.item();
}

type Ctor = new (params: optim.Params<never>, options: Record<string, unknown>) => optim.Optimizer;
const CTORS = optim as unknown as Record<string, Ctor>;

/** Builds the named optimiser over the parameters, with the fixture's groups when it has them. */
export function makeOptimizer(kind: string, p: Params, options: Record<string, unknown>, groups?: OptimCase["groups"]): optim.Optimizer {
  const Ctor = CTORS[kind];
  if (Ctor === undefined) throw new Error(`no optimiser ${kind}`);
  const params = groups ? groups.map((g) => ({ ...g, params: g.params.map((k) => p[k as keyof Params]) })) : PARAM_NAMES.map((k) => p[k]);
  return new Ctor(params as never, options);
}

/** A deep copy of a state dict with every tensor's values copied, as a save/load would give. */
export function cloneStateDict<T>(sd: T): T {
  const copy = (v: unknown): unknown => {
    if (v instanceof Tensor) return new Tensor(v.data.slice(), [...v.shape]);
    if (Array.isArray(v)) return v.map(copy);
    if (v !== null && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, copy(x)]));
    return v;
  };
  return copy(sd) as T;
}

/** Largest |a − b| / (|b| + floor). */
export function maxRelErr(a: ArrayLike<number>, b: ArrayLike<number>, floor = 1e-3): number {
  let m = 0;
  for (let i = 0; i < b.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!) / (Math.abs(b[i]!) + floor));
  return m;
}
