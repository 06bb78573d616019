/** Explicit regularisation terms, added to the loss as differentiable scalars. */
import { Tensor, tensor } from "../../tensor/index.js";

function sumOver(params: Tensor | Iterable<Tensor>, term: (p: Tensor) => Tensor, where: string): Tensor {
  const list = params instanceof Tensor ? [params] : [...params];
  let total: Tensor | null = null;
  list.forEach((p, i) => {
    if (!(p instanceof Tensor)) throw new TypeError(`${where}: params[${i}] is not a Tensor`);
    const t = term(p).sum();
    total = total === null ? t : total.add(t);
  });
  return total ?? tensor(0);
}

/** The L1 penalty Σ|w| over every element of `params`, a scalar Tensor to add to the loss (λ·l1Penalty). */
export function l1Penalty(params: Tensor | Iterable<Tensor>): Tensor {
  return sumOver(params, (p) => p.abs(), "l1Penalty");
}

/**
 * The L2 penalty Σw² over every element of `params`, a scalar Tensor to add to the loss. Its gradient is
 * 2w, so adding (λ/2)·l2Penalty gives the same updates as SGD's `weightDecay: λ`.
 */
export function l2Penalty(params: Tensor | Iterable<Tensor>): Tensor {
  return sumOver(params, (p) => p.square(), "l2Penalty");
}
