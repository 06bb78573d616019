import type { Optimizer } from "../optimizer.js";
import { checkKnownKeys, show } from "../options.js";
import { LRScheduler } from "./lr-scheduler.js";

/** Options of `LambdaLR`: the function λ in lr_t = lr₀ · λ(t), one for all groups or one per group. */
export interface LambdaLROptions {
  /** The factor on the base rate at each epoch, or one function per param group. */
  lrLambda: ((epoch: number) => number) | readonly ((epoch: number) => number)[];
}

/** Sets each group's rate to its base rate times a function of the epoch: lr_t = lr₀ · λ(t). */
export class LambdaLR extends LRScheduler {
  readonly lrLambdas: ((epoch: number) => number)[];

  constructor(optimizer: Optimizer, options: LambdaLROptions) {
    super("LambdaLR", optimizer);
    checkKnownKeys(this.name, options, ["lrLambda"]);
    const n = optimizer.paramGroups.length;
    const ll = options.lrLambda;
    if (typeof ll === "function") this.lrLambdas = new Array(n).fill(ll);
    else if (Array.isArray(ll) && ll.length === n && ll.every((f) => typeof f === "function")) this.lrLambdas = [...ll];
    else throw new TypeError(`${this.name}: lrLambda must be a function or ${n} functions (one per param group), got ${show(ll)}`);
    this.initialStep();
  }

  protected getLr(): number[] {
    return this.baseLrs.map((lr, i) => lr * this.lrLambdas[i]!(this.lastEpoch));
  }
}
