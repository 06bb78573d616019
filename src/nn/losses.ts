/** Loss layers: each holds its options (weights as buffers, as in PyTorch) and calls its nn.functional form. */
import type { Tensor } from "../tensor/index.js";
import { Module } from "./module.js";
import * as F from "./functional/index.js";
import { reductionOf } from "./functional/losses/reduction.js";

/** Shared by every loss layer: the reduction. */
abstract class Loss extends Module {
  readonly reduction: F.Reduction;
  constructor(options: F.ReductionOptions) {
    super();
    this.reduction = reductionOf(options, this.constructor.name);
  }
  override extraRepr(): string { return `reduction=${this.reduction}`; }
}

/** (x − y)², reduced */
export class MSELoss extends Loss {
  constructor(options: F.ReductionOptions = {}) { super(options); }
  override forward(input: Tensor, target: Tensor): Tensor { return F.mseLoss(input, target, { reduction: this.reduction }); }
}

/** |x − y|, reduced */
export class L1Loss extends Loss {
  constructor(options: F.ReductionOptions = {}) { super(options); }
  override forward(input: Tensor, target: Tensor): Tensor { return F.l1Loss(input, target, { reduction: this.reduction }); }
}

/** Quadratic within delta of the target, linear beyond (default delta 1) */
export class HuberLoss extends Loss {
  readonly delta: number;
  constructor(options: F.HuberLossOptions = {}) {
    super(options);
    this.delta = options.delta ?? 1;
  }
  override forward(input: Tensor, target: Tensor): Tensor { return F.huberLoss(input, target, { reduction: this.reduction, delta: this.delta }); }
}

/** Binary cross-entropy on probabilities; an optional per-element `weight` (buffer "weight") */
export class BCELoss extends Loss {
  constructor(options: F.BinaryCrossEntropyOptions = {}) {
    super(options);
    this.registerBuffer("weight", options.weight ?? null);
  }
  override forward(input: Tensor, target: Tensor): Tensor {
    return F.binaryCrossEntropy(input, target, { reduction: this.reduction, weight: this.getBuffer("weight") ?? undefined });
  }
}

/** Binary cross-entropy on logits, stable for any |x|; buffers "weight" and "pos_weight" as in PyTorch */
export class BCEWithLogitsLoss extends Loss {
  constructor(options: F.BinaryCrossEntropyWithLogitsOptions = {}) {
    super(options);
    this.registerBuffer("weight", options.weight ?? null);
    this.registerBuffer("pos_weight", options.posWeight ?? null);
  }
  override forward(input: Tensor, target: Tensor): Tensor {
    return F.binaryCrossEntropyWithLogits(input, target, {
      reduction: this.reduction, weight: this.getBuffer("weight") ?? undefined, posWeight: this.getBuffer("pos_weight") ?? undefined,
    });
  }
}

/** Negative log-likelihood of class indices given log-probabilities; class `weight` is buffer "weight" */
export class NLLLoss extends Loss {
  readonly ignoreIndex: number;
  constructor(options: F.NllLossOptions = {}) {
    super(options);
    this.ignoreIndex = options.ignoreIndex ?? -100;
    this.registerBuffer("weight", options.weight ?? null);
  }
  override forward(input: Tensor, target: Tensor | F.ClassTarget): Tensor {
    return F.nllLoss(input, target, { reduction: this.reduction, ignoreIndex: this.ignoreIndex, weight: this.getBuffer("weight") ?? undefined });
  }
}

/** Cross-entropy of logits against class indices or probabilities, with weights, ignoreIndex and label smoothing */
export class CrossEntropyLoss extends Loss {
  readonly ignoreIndex: number;
  readonly labelSmoothing: number;
  constructor(options: F.CrossEntropyOptions = {}) {
    super(options);
    this.ignoreIndex = options.ignoreIndex ?? -100;
    this.labelSmoothing = options.labelSmoothing ?? 0;
    this.registerBuffer("weight", options.weight ?? null);
  }
  override forward(input: Tensor, target: Tensor | F.ClassTarget): Tensor {
    return F.crossEntropy(input, target, {
      reduction: this.reduction, ignoreIndex: this.ignoreIndex, labelSmoothing: this.labelSmoothing,
      weight: this.getBuffer("weight") ?? undefined,
    });
  }
}

/** Gaussian negative log-likelihood of targets under predicted means and variances */
export class GaussianNLLLoss extends Loss {
  readonly full: boolean;
  readonly eps: number;
  constructor(options: F.GaussianNllLossOptions = {}) {
    super(options);
    this.full = options.full ?? false;
    this.eps = options.eps ?? 1e-6;
  }
  override forward(input: Tensor, target: Tensor, variance: Tensor): Tensor {
    return F.gaussianNllLoss(input, target, variance, { reduction: this.reduction, full: this.full, eps: this.eps });
  }
}
