/** Building the model, optimiser, schedule and loss that a TrainConfig describes, from the public API. */
import { nn, optim, train, type Generator, type Tensor } from "../index.js";
import type { TrainConfig } from "./config.js";

/** The architecture saved in a run folder, enough to rebuild the model for evaluate and predict. */
export interface Architecture {
  type: "mlp";
  sizes: number[];
  activation: string;
  batchNorm: boolean;
  dropout: number;
  task: "classification" | "regression";
}

export function architectureOf(config: TrainConfig, inputs: number, outputs: number, task: Architecture["task"]): Architecture {
  return { type: "mlp", sizes: [inputs, ...config.layers, outputs], activation: config.activation, batchNorm: config.batchNorm, dropout: config.dropout, task };
}

/** The MLP of an architecture; `init` and `generator` choose its initial weights. */
export function buildModel(arch: Architecture, init: string, generator?: Generator): nn.Module {
  const mlpInit = init === "lsuv" ? "orthogonal" : init;
  return nn.mlp(arch.sizes, { activation: arch.activation, batchNorm: arch.batchNorm, dropout: arch.dropout, init: mlpInit as never, generator });
}

export type LossFunction = (input: Tensor, target: Tensor) => Tensor;

export function buildLoss(config: TrainConfig, task: Architecture["task"]): LossFunction {
  const kind = config.loss === "auto" ? (task === "classification" ? "cross_entropy" : "mse") : config.loss;
  switch (kind) {
    case "cross_entropy": return (x, y) => nn.F.crossEntropy(x, y);
    case "mse": return (x, y) => nn.F.mseLoss(x, y);
    case "l1": return (x, y) => nn.F.l1Loss(x, y);
    case "huber": return (x, y) => nn.F.huberLoss(x, y);
  }
  throw new Error(`unknown loss ${kind}`);
}

const DEFAULT_LR: Record<string, number> = { sgd: 0.01, momentum: 0.01, nesterov: 0.01, adagrad: 0.01, adadelta: 1, rmsprop: 0.001, lion: 1e-4 };

export function buildOptimizer(config: TrainConfig, params: Tensor[]): optim.Optimizer {
  const lr = config.lr ?? DEFAULT_LR[config.optimizer] ?? 1e-3;
  const weightDecay = config.weightDecay;
  switch (config.optimizer) {
    case "sgd": return new optim.SGD(params, { lr, weightDecay });
    case "momentum": return new optim.SGD(params, { lr, momentum: config.momentum, weightDecay });
    case "nesterov": return new optim.SGD(params, { lr, momentum: config.momentum, nesterov: true, weightDecay });
    case "adagrad": return new optim.Adagrad(params, { lr, weightDecay });
    case "adadelta": return new optim.Adadelta(params, { lr, weightDecay });
    case "rmsprop": return new optim.RMSprop(params, { lr, weightDecay });
    case "adam": return new optim.Adam(params, { lr, weightDecay });
    case "adamw": return new optim.AdamW(params, { lr, weightDecay: config.weightDecay || 0.01 });
    case "adamax": return new optim.Adamax(params, { lr, weightDecay });
    case "nadam": return new optim.NAdam(params, { lr, weightDecay });
    case "radam": return new optim.RAdam(params, { lr, weightDecay });
    case "lion": return new optim.Lion(params, { lr, weightDecay });
  }
}

/** The schedule's callback for fit(), or none. */
export function buildSchedule(config: TrainConfig, opt: optim.Optimizer, batchesPerEpoch: number): train.CallbackLike | null {
  const S = optim.lrScheduler;
  const e = config.epochs;
  switch (config.schedule) {
    case "none": return null;
    case "step": return new train.LearningRateScheduler(new S.StepLR(opt, { stepSize: Math.max(1, Math.round(e / 3)), gamma: 0.1 }));
    case "exponential": return new train.LearningRateScheduler(new S.ExponentialLR(opt, { gamma: Math.pow(0.01, 1 / Math.max(e, 1)) }));
    case "inverse_time": return new train.LearningRateScheduler(new S.InverseTimeLR(opt, { decayRate: 0.5 }));
    case "cosine": return new train.LearningRateScheduler(new S.CosineAnnealingLR(opt, { TMax: e }));
    case "onecycle": {
      const maxLr = opt.paramGroups[0]!.lr * 10;
      return new train.LearningRateScheduler(new S.OneCycleLR(opt, { maxLr, totalSteps: e * batchesPerEpoch }), { perBatch: true });
    }
    case "plateau": return new train.ReduceLROnPlateau({ monitor: "val_loss", factor: 0.5, patience: 2 });
  }
}

/** A callback that clips the global gradient norm before each optimiser step. */
export function gradClipper(maxNorm: number, params: Tensor[]): train.CallbackLike {
  return { onBeforeStep: () => void nn.utils.clipGradNorm(params, maxNorm) };
}
