/**
 * Optimisers, sorted by increasing complexity, and learning-rate schedules (`optim.lrScheduler`).
 * PyTorch's update rules, defaults and state names; each class's doc comment holds its algorithm.
 */
export { Optimizer, type OptimizerOptions, type ParamGroup, type ParamGroupInit, type Params, type ParamState, type OptimizerStateDict } from "./optimizer.js";
export { SGD, type SGDOptions } from "./sgd.js";
export { Adagrad, type AdagradOptions } from "./adagrad.js";
export { Adadelta, type AdadeltaOptions } from "./adadelta.js";
export { RMSprop, type RMSpropOptions } from "./rmsprop.js";
export { Adam, type AdamOptions } from "./adam.js";
export { AdamW } from "./adamw.js";
export { Adamax, type AdamaxOptions } from "./adamax.js";
export { NAdam, type NAdamOptions } from "./nadam.js";
export { RAdam, type RAdamOptions } from "./radam.js";
export { Lion, type LionOptions } from "./lion.js";
export * as lrScheduler from "./lr-scheduler/index.js";
