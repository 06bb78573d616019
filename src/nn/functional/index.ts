/** nn.functional (also exported as F): activations, layers and losses as plain functions. */
export * from "./activations.js";
export { linear } from "./linear.js";
export { dropout, type DropoutOptions } from "./dropout.js";
export { batchNorm, type BatchNormOptions } from "./batchNorm.js";
export type { Reduction, ReductionOptions } from "./losses/reduction.js";
export { mseLoss, l1Loss, huberLoss, gaussianNllLoss, type HuberLossOptions, type GaussianNllLossOptions } from "./losses/regression.js";
export {
  binaryCrossEntropy, binaryCrossEntropyWithLogits, type BinaryCrossEntropyOptions, type BinaryCrossEntropyWithLogitsOptions,
} from "./losses/binary.js";
export { nllLoss, crossEntropy, type ClassTarget, type NllLossOptions, type CrossEntropyOptions } from "./losses/crossEntropy.js";
