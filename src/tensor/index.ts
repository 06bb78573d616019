/** Tensors, broadcasting, ops with their gradients, and the autodiff tape. */
export { Tensor, type TensorLike, type NestedArray, type IndexLike } from "./tensor.js";
export * from "./creation.js";
export { Generator, manualSeed, defaultGenerator } from "./random.js";
export { noGrad, enableGrad, isGradEnabled, setGradEnabled, type GradNode, type BackwardOptions } from "./autograd.js";
export { gradcheck, type GradcheckOptions } from "./gradcheck.js";
export { broadcastShapes, sizeOf, type Shape } from "./shape.js";
export {
  add, sub, mul, div, pow, maximum, minimum, neg, exp, log, log1p, expm1, sqrt, rsqrt, square, reciprocal,
  abs, sign, sin, cos, erf, floor, ceil, round, clamp, where, eq, ne, lt, le, gt, ge, isnan, isfinite, toTensor,
} from "./ops/elementwise.js";
export {
  relu, sigmoid, tanh, leakyRelu, elu, selu, gelu, silu, mish, softplus, logSigmoid, hardtanh, softmax, logSoftmax,
} from "./ops/activation.js";
export { sum, mean, prod, max, min, argmax, argmin, variance, std, logsumexp, norm, sumTo } from "./ops/reduce.js";
export { reshape, flatten, squeeze, unsqueeze, permute, transpose, expand, clone, cat, stack, narrow, split, chunk } from "./ops/view.js";
export { indexSelect, gather, select } from "./ops/indexing.js";
export { matmul, mmT, dot } from "./ops/linalg.js";
