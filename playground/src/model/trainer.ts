/**
 * The training loop the playground runs (in the worker), written exactly as "show me the code" exports it: a
 * seeded network, a shuffling DataLoader, and per batch forward → loss (+ penalty) → zeroGrad → backward → step.
 */
import { Generator, History, Tensor, data, nn, train, type optim } from "nabla";
import type { Settings } from "../settings.js";
import { featurize } from "./features.js";
import { buildNet, netSpecOf, trace, type Net } from "./network.js";
import { OPTIMIZERS, SCHEDULES } from "./optimizers.js";
import type { Points } from "./datasets.js";

/** The loss for the kind of points: BCE on one logit for two classes, softmax cross-entropy for more, MSE for regression. */
export function lossFor(classes: number): (out: Tensor, y: Tensor) => Tensor {
  if (classes === 0) return (out, y) => nn.F.mseLoss(out.squeeze(1), y);
  if (classes === 2) return (out, y) => nn.F.binaryCrossEntropyWithLogits(out.squeeze(1), y);
  return (out, y) => nn.F.crossEntropy(out, y);
}

/** Output units: one logit for two classes or a regression target, one per class otherwise. */
export const outputsFor = (classes: number): number => (classes > 2 ? classes : 1);

/** The penalty added to the data loss: rate·Σ|w| (L1) or (rate/2)·Σw² (L2, gradient rate·w as in TensorFlow Playground), weights only. */
export function penalty(s: Pick<Settings, "regularization" | "regularizationRate">, weights: Tensor[]): Tensor | null {
  if (s.regularization === "none" || s.regularizationRate === 0) return null;
  return s.regularization === "L1"
    ? nn.utils.l1Penalty(weights).mul(s.regularizationRate)
    : nn.utils.l2Penalty(weights).mul(s.regularizationRate / 2);
}

export interface EarlyStopMark {
  /** The epoch (1-based count of epochs done) at which patience ran out. */
  epoch: number;
  /** The epoch with the best test loss. */
  bestEpoch: number;
}

export class Trainer {
  readonly net: Net;
  readonly classes: number;
  readonly xTrain: Tensor;
  readonly yTrain: Tensor;
  readonly xTest: Tensor;
  readonly yTest: Tensor;
  /** Indices into the points of the training and test rows. */
  readonly trainIdx: Int32Array;
  readonly testIdx: Int32Array;
  readonly lossFn: (out: Tensor, y: Tensor) => Tensor;
  optimizer!: optim.Optimizer;
  scheduler: optim.lrScheduler.LRScheduler | null = null;
  epoch = 0;
  readonly history = { train: [] as number[], test: [] as number[] };
  earlyStop: EarlyStopMark | null = null;
  private settings: Settings;
  private loader!: data.DataLoader;
  private readonly shuffle: Generator;
  private stopper: train.EarlyStopping | null = null;

  constructor(settings: Settings, points: Points) {
    this.settings = settings;
    this.classes = points.classes;
    const n = points.y.length;
    const all = [new Tensor(points.x.slice(), [n, 2]), new Tensor(points.y.slice(), [n])];
    // its own generator, so the split depends only on the data seed (the exported code does the same)
    const split = n === 0
      ? { train: new Int32Array(0), test: new Int32Array(0) } // nothing drawn yet
      : data.trainValTestSplit(n, { test: n < 2 ? 0 : 1 - settings.trainRatio / 100, generator: new Generator(settings.dataSeed + 1) });
    this.trainIdx = split.train;
    this.testIdx = split.test;
    const pick = (t: Tensor, idx: Int32Array): Tensor => t.indexSelect(0, idx);
    this.xTrain = featurize(pick(all[0]!, split.train), settings.features);
    this.yTrain = pick(all[1]!, split.train);
    this.xTest = featurize(pick(all[0]!, split.test), settings.features);
    this.yTest = pick(all[1]!, split.test);
    const g = new Generator(settings.seed);
    this.net = buildNet(netSpecOf(settings, outputsFor(this.classes)), g);
    this.lossFn = lossFor(this.classes);
    this.shuffle = new Generator(settings.seed + 1);
    this.configure(settings, true);
  }

  get model(): nn.Sequential {
    return this.net.model;
  }

  /** The current learning rate (after the schedule). */
  get lr(): number {
    return this.optimizer.paramGroups[0]!.lr;
  }

  /** Applies the "live" settings: optimiser, learning rate and schedule, penalty, batch size, early stopping. */
  configure(s: Settings, first = false): void {
    const prev = this.settings;
    this.settings = s;
    if (first || s.optimizer !== prev.optimizer || s.momentum !== prev.momentum || s.learningRate !== prev.learningRate || s.lrSchedule !== prev.lrSchedule) {
      // a new optimiser starts with fresh state (momentum buffers, Adam's moments) from the current weights
      this.optimizer = OPTIMIZERS[s.optimizer].make(this.model.parameters(), s.learningRate, s.momentum);
      this.scheduler = SCHEDULES[s.lrSchedule].make(this.optimizer);
    }
    if (first || s.batchSize !== prev.batchSize) {
      this.loader = new data.DataLoader(new data.TensorDataset(this.xTrain, this.yTrain), { batchSize: s.batchSize, shuffle: true, generator: this.shuffle });
    }
    if (first || s.earlyStopping !== prev.earlyStopping || s.patience !== prev.patience) {
      this.stopper = s.earlyStopping === "off" ? null : new train.EarlyStopping({ monitor: "val_loss", patience: s.patience });
      this.stopper?.onTrainBegin();
      this.earlyStop = null;
      // replay the recorded test losses so the mark does not depend on when the setting changed
      this.history.test.forEach((v, i) => this.watch(i + 1, v));
    }
  }

  /** One epoch: every training row once, in shuffled mini-batches. Returns the mean training loss of its batches. */
  trainEpoch(): number {
    if (this.yTrain.shape[0] === 0) return NaN;
    const weights = this.net.linears.map((l) => l.weight);
    this.model.train();
    let total = 0;
    let batches = 0;
    for (const [xb, yb] of this.loader) {
      let loss = this.lossFn(this.model.forward(xb!), yb!);
      total += loss.item();
      const p = penalty(this.settings, weights);
      if (p) loss = loss.add(p);
      this.optimizer.zeroGrad();
      loss.backward();
      this.optimizer.step();
      batches++;
    }
    this.scheduler?.step();
    this.epoch++;
    const { train: trainLoss, test: testLoss } = this.losses();
    this.history.train.push(trainLoss);
    this.history.test.push(testLoss);
    this.watch(this.epoch, testLoss);
    return total / batches;
  }

  private watch(epoch: number, testLoss: number): void {
    if (!this.stopper || this.earlyStop || !Number.isFinite(testLoss)) return;
    const ctx = { model: this.model, optimizer: this.optimizer, history: new History(), epochs: Infinity, batchesPerEpoch: 0, samples: 0, epoch, batch: 0, stopTraining: false };
    this.stopper.onEpochEnd(epoch, { val_loss: testLoss }, ctx);
    if (ctx.stopTraining) this.earlyStop = { epoch, bestEpoch: this.stopper.bestEpoch };
  }

  /** Data loss (no penalty) on the training and test rows, in eval mode. */
  losses(): { train: number; test: number } {
    return inEval(this.model, () => ({ train: this.lossOn(this.xTrain, this.yTrain), test: this.lossOn(this.xTest, this.yTest) }));
  }

  /** Accuracy on the training and test rows (classification only). */
  accuracy(): { train: number; test: number } | null {
    if (this.classes === 0) return null;
    const acc = (x: Tensor, y: Tensor): number => {
      if (y.shape[0] === 0) return NaN;
      const out = this.model.forward(x);
      const pred = this.classes === 2 ? out.squeeze(1).gt(0) : out.argmax(1);
      return pred.eq(y).mean().item();
    };
    return inEval(this.model, () => ({ train: acc(this.xTrain, this.yTrain), test: acc(this.xTest, this.yTest) }));
  }

  private lossOn(x: Tensor, y: Tensor): number {
    return y.shape[0] === 0 ? NaN : this.lossFn(this.model.forward(x), y).item();
  }

  /** Sets weight [to, from] of Linear layer `layer` (from = −1: the bias), as a hand edit between steps. */
  setWeight(layer: number, to: number, from: number, value: number): void {
    const lin = this.net.linears[layer];
    if (!lin || !Number.isFinite(value)) return;
    if (from < 0) lin.bias!.data[to] = value;
    else lin.weight.data[to * lin.inFeatures + from] = value;
  }
}

/** Runs fn with the model in eval mode and the tape off, then restores training mode (nabla's train.inEvalMode). */
export const inEval = <T>(model: nn.Module, fn: () => T): T => train.inEvalMode(model, fn);

export { trace };
