/** The shapes fit() relies on: any model, optimiser and loss with these members works (nn.Module, optim.Optimizer fit them). */
import type { Tensor } from "../tensor/index.js";

/** What `fit` needs of a model (an `nn.Module` has it): forward, parameters, train/eval modes and a state dict. */
export interface ModelLike {
  forward(...inputs: Tensor[]): Tensor;
  parameters(): Tensor[];
  train(mode?: boolean): unknown;
  eval(): unknown;
  training: boolean;
  stateDict(): Record<string, Tensor>;
  loadStateDict(sd: Record<string, Tensor>, options?: { strict?: boolean }): unknown;
}

/** What `fit` needs of an optimiser (an `optim.Optimizer` has it): step, zeroGrad and parameter groups with an `lr`. */
export interface OptimizerLike {
  step(): unknown;
  zeroGrad(setToNone?: boolean): void;
  paramGroups: { lr: number }[];
}

/** A loss: a function of (prediction, target) or a module whose forward takes both. */
export type LossFn = ((input: Tensor, target: Tensor) => Tensor) | { forward(input: Tensor, target: Tensor): Tensor };

/** Numbers logged for a batch or an epoch: loss, metrics (`val_` prefixed for validation), lr, timings. */
export type Logs = Record<string, number>;

export function callLoss(loss: LossFn, input: Tensor, target: Tensor): Tensor {
  return typeof loss === "function" ? loss(input, target) : loss.forward(input, target);
}
