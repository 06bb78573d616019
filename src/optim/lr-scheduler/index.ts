/**
 * Learning-rate schedules, stepped as PyTorch 1.13's: build one over an optimiser (this performs the
 * initial step), then call `step()` after each epoch (or batch, for CyclicLR and OneCycleLR), after
 * `optimizer.step()`; ReduceLROnPlateau takes the metric, `step(valLoss)`.
 */
export { LRScheduler, type LRSchedulerStateDict } from "./lr-scheduler.js";
export { StepLR, type StepLROptions } from "./step-lr.js";
export { MultiStepLR, type MultiStepLROptions } from "./multi-step-lr.js";
export { ExponentialLR, type ExponentialLROptions } from "./exponential-lr.js";
export { InverseTimeLR, type InverseTimeLROptions } from "./inverse-time-lr.js";
export { LambdaLR, type LambdaLROptions } from "./lambda-lr.js";
export { LinearLR, type LinearLROptions } from "./linear-lr.js";
export { CosineAnnealingLR, type CosineAnnealingLROptions } from "./cosine-annealing-lr.js";
export { CosineAnnealingWarmRestarts, type CosineAnnealingWarmRestartsOptions } from "./cosine-annealing-warm-restarts.js";
export { CyclicLR, type CyclicLROptions } from "./cyclic-lr.js";
export { OneCycleLR, type OneCycleLROptions } from "./one-cycle-lr.js";
export { PolynomialLR, type PolynomialLROptions } from "./polynomial-lr.js";
export { SequentialLR, type SequentialLROptions } from "./sequential-lr.js";
export { ReduceLROnPlateau, type ReduceLROnPlateauOptions } from "./reduce-lr-on-plateau.js";
