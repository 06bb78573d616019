/**
 * Optimisers and learning-rate schedules by name, each beside the nabla code that builds it, so the trainer, the
 * optimiser race and "show me the code" agree.
 */
import { optim, type Tensor } from "nabla";
import type { OptimizerId, ScheduleId } from "../settings.js";

export interface OptimizerEntry {
  label: string;
  make: (params: Tensor[], lr: number, momentum: number) => optim.Optimizer;
  code: (lr: number, momentum: number) => string;
}

export const OPTIMIZERS: Record<OptimizerId, OptimizerEntry> = {
  sgd: { label: "SGD", make: (p, lr) => new optim.SGD(p, { lr }), code: (lr) => `new optim.SGD(model.parameters(), { lr: ${lr} })` },
  momentum: {
    label: "Momentum",
    make: (p, lr, momentum) => new optim.SGD(p, { lr, momentum }),
    code: (lr, m) => `new optim.SGD(model.parameters(), { lr: ${lr}, momentum: ${m} })`,
  },
  nesterov: {
    label: "Nesterov",
    make: (p, lr, momentum) => new optim.SGD(p, { lr, momentum, nesterov: true }),
    code: (lr, m) => `new optim.SGD(model.parameters(), { lr: ${lr}, momentum: ${m}, nesterov: true })`,
  },
  rmsprop: { label: "RMSprop", make: (p, lr) => new optim.RMSprop(p, { lr }), code: (lr) => `new optim.RMSprop(model.parameters(), { lr: ${lr} })` },
  adam: { label: "Adam", make: (p, lr) => new optim.Adam(p, { lr }), code: (lr) => `new optim.Adam(model.parameters(), { lr: ${lr} })` },
  adamw: { label: "AdamW", make: (p, lr) => new optim.AdamW(p, { lr }), code: (lr) => `new optim.AdamW(model.parameters(), { lr: ${lr} })` },
  adagrad: { label: "Adagrad", make: (p, lr) => new optim.Adagrad(p, { lr }), code: (lr) => `new optim.Adagrad(model.parameters(), { lr: ${lr} })` },
  nadam: { label: "NAdam", make: (p, lr) => new optim.NAdam(p, { lr }), code: (lr) => `new optim.NAdam(model.parameters(), { lr: ${lr} })` },
};

export interface ScheduleEntry {
  make: (o: optim.Optimizer) => optim.lrScheduler.LRScheduler | null;
  code: string | null;
}

const S = optim.lrScheduler;
/** Schedules step once per epoch. */
export const SCHEDULES: Record<ScheduleId, ScheduleEntry> = {
  constant: { make: () => null, code: null },
  step: { make: (o) => new S.StepLR(o, { stepSize: 100, gamma: 0.5 }), code: "new optim.lrScheduler.StepLR(optimizer, { stepSize: 100, gamma: 0.5 })" },
  exponential: { make: (o) => new S.ExponentialLR(o, { gamma: 0.99 }), code: "new optim.lrScheduler.ExponentialLR(optimizer, { gamma: 0.99 })" },
  cosine: { make: (o) => new S.CosineAnnealingLR(o, { TMax: 500 }), code: "new optim.lrScheduler.CosineAnnealingLR(optimizer, { TMax: 500 })" },
  warmRestarts: {
    make: (o) => new S.CosineAnnealingWarmRestarts(o, { T0: 100 }),
    code: "new optim.lrScheduler.CosineAnnealingWarmRestarts(optimizer, { T0: 100 })",
  },
};
