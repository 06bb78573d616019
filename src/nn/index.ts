/**
 * nn: modules, layers, activations, losses and initialisation, shaped like PyTorch's torch.nn
 * (required arguments positional, optional ones in one camelCase options object).
 */
export { Module, Parameter, type LoadStateDictOptions, type LoadStateDictResult } from "./module.js";
export { Sequential, Identity, Flatten, Residual, type FlattenOptions } from "./layers/containers.js";
export { Linear, type LinearOptions } from "./layers/linear.js";
export { BatchNorm1d, type BatchNormOptions } from "./layers/batchnorm.js";
export { Dropout, type DropoutLayerOptions } from "./layers/dropout.js";
export {
  ReLU, LeakyReLU, PReLU, ELU, SELU, GELU, SiLU, Mish, Sigmoid, Tanh, LogSigmoid, Softplus, Hardtanh, Softmax, LogSoftmax,
  type PReLUOptions,
} from "./activations.js";
export {
  MSELoss, L1Loss, HuberLoss, BCELoss, BCEWithLogitsLoss, NLLLoss, CrossEntropyLoss, GaussianNLLLoss,
} from "./losses.js";
export { mlp, activation, type MlpOptions, type MlpInit } from "./mlp.js";
export * as functional from "./functional/index.js";
export * as F from "./functional/index.js";
export * as init from "./init/index.js";
export * as utils from "./utils/index.js";
