/** How CyclicLR and OneCycleLR reach an optimiser's momentum: its `momentum` option, else β₁ of its `betas`. */
import type { Optimizer, ParamGroup } from "../optimizer.js";

/** "momentum" or "betas"; throws when the optimiser has neither. */
export function momentumKind(owner: string, opt: Optimizer): "momentum" | "betas" {
  if ("momentum" in opt.defaults) return "momentum";
  if ("betas" in opt.defaults) return "betas";
  throw new TypeError(`${owner}: cycleMomentum needs an optimiser with momentum or betas (${opt.name} has neither); pass cycleMomentum: false`);
}

export function momentumOf(opt: Optimizer, g: ParamGroup): number {
  return momentumKind("", opt) === "momentum" ? (g.momentum as number) : (g.betas as number[])[0]!;
}

export function setMomentum(opt: Optimizer, g: ParamGroup, m: number): void {
  if (momentumKind("", opt) === "momentum") g.momentum = m;
  else g.betas = [m, ...(g.betas as number[]).slice(1)];
}
