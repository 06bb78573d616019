/**
 * Example 6 — the learning rate: too small, too large and about right, then schedules (constant, step
 * decay, cosine annealing, one-cycle, reduce-on-plateau) at the same starting rate, on the digits.
 * Run: npx tsx examples/06-learning-rate/learning-rate.ts
 */
import { Generator, data, evaluate, fit, manualSeed, nn, optim, plot, train } from "../../src/index.js";
import { isMain, lineChart, pct, table, writeOutput } from "../shared.js";

const { lrScheduler } = optim;

export interface LearningRateOptions {
  epochs?: number;
  lrs?: number[];
  /** The rate the schedules start from (their peak, for one-cycle). */
  scheduleLr?: number;
}

function digits() {
  const { x, y } = data.loadDigits();
  return data.trainValTestSplit([x.div(16), y], { val: 0.2, test: 0.2, stratify: y, generator: new Generator(0) });
}

export async function run(options: LearningRateOptions = {}) {
  const { epochs = 30, lrs = [0.0003, 0.003, 0.03, 0.3, 3, 30], scheduleLr = 0.3 } = options;
  const split = digits();
  const trainXY = [split.train[0]!, split.train[1]!] as const;
  const valXY = [split.val[0]!, split.val[1]!] as const;
  const testXY = [split.test[0]!, split.test[1]!] as const;
  const model = () => {
    manualSeed(0);
    return nn.mlp([64, 64, 10]);
  };
  const sweep = [];
  for (const lr of lrs) {
    const m = model();
    const h = await fit(m, { loss: nn.F.crossEntropy, optimizer: new optim.SGD(m.parameters(), { lr }), train: trainXY, validation: valXY, epochs, batchSize: 32, metrics: ["accuracy"], terminateOnNaN: false });
    sweep.push({ lr, trainLoss: h.history.loss!, valLoss: h.history.val_loss!, valAccuracy: h.last("val_accuracy")! });
  }
  const steps = Math.ceil(trainXY[0].shape[0]! / 32);
  const schedules: { name: string; make: (o: optim.Optimizer) => train.CallbackLike | null }[] = [
    { name: "constant", make: () => null },
    { name: "StepLR ×0.1 every 10 epochs", make: (o) => new train.LearningRateScheduler(new lrScheduler.StepLR(o, { stepSize: 10, gamma: 0.1 })) },
    { name: "cosine annealing", make: (o) => new train.LearningRateScheduler(new lrScheduler.CosineAnnealingLR(o, { TMax: epochs })) },
    { name: "one-cycle (peak = the rate)", make: (o) => new train.LearningRateScheduler(new lrScheduler.OneCycleLR(o, { maxLr: scheduleLr, epochs, stepsPerEpoch: steps }), { perBatch: true }) },
    { name: "reduce on plateau (val loss)", make: () => new train.ReduceLROnPlateau({ monitor: "val_loss", factor: 0.2, patience: 3 }) },
  ];
  const sched = [];
  for (const s of schedules) {
    const m = model();
    const opt = new optim.SGD(m.parameters(), { lr: scheduleLr, momentum: 0.9 });
    const cb = s.make(opt);
    const h = await fit(m, { loss: nn.F.crossEntropy, optimizer: opt, train: trainXY, validation: valXY, epochs, batchSize: 32, metrics: ["accuracy"], callbacks: cb ? [cb] : [], terminateOnNaN: false });
    const test = evaluate(m, testXY, { loss: nn.F.crossEntropy, metrics: ["accuracy"] });
    sched.push({ schedule: s.name, lr: h.history.lr!, valLoss: h.history.val_loss!, bestValLoss: Math.min(...h.history.val_loss!.filter(Number.isFinite)), finalValLoss: h.last("val_loss")!, testAccuracy: test.accuracy! });
  }
  return { epochs, sweep, scheduleLr, schedules: sched };
}

async function main(): Promise<void> {
  const r = await run();
  const finite = (v: number[]) => v.filter(Number.isFinite);
  const best = r.sweep.reduce((a, b) => ((finite(b.valLoss).at(-1) ?? Infinity) < (finite(a.valLoss).at(-1) ?? Infinity) ? b : a));
  const markdown = [
    `Digits (60/20/20 split), MLP 64-64-10, plain SGD, batch 32, ${r.epochs} epochs at each learning rate:`,
    "",
    table(["lr", "train loss after 1 epoch", `train loss after ${r.epochs}`, `val loss after ${r.epochs}`, "val accuracy"], r.sweep.map((s) => [s.lr, s.trainLoss[0]!, s.trainLoss.at(-1)!, s.valLoss.at(-1)!, pct(s.valAccuracy)])),
    "",
    `Lowest final validation loss at lr = ${best.lr}. Schedules: SGD with momentum 0.9 starting at lr ${r.scheduleLr}, ${r.epochs} epochs:`,
    "",
    table(["schedule", "best val loss", "final val loss", "final lr", "test accuracy"], r.schedules.map((s) => [s.schedule, s.bestValLoss, s.finalValLoss, s.lr.at(-1)!, pct(s.testAccuracy)])),
  ].join("\n");
  const sweepRows = r.sweep.flatMap((s) => s.trainLoss.map((v, i) => ({ x: i + 1, series: `lr ${s.lr}`, y: Number.isFinite(v) && v < 10 ? v : null })));
  const lrRows = r.schedules.flatMap((s) => s.lr.map((v, i) => ({ x: i + 1, series: s.schedule, y: v })));
  const valRows = r.schedules.flatMap((s) => s.valLoss.map((v, i) => ({ x: i + 1, series: s.schedule, y: v })));
  const plots: Record<string, plot.PlotSpec> = {
    "lr-sweep": lineChart(sweepRows, { title: "Training loss per epoch for each learning rate (values ≥ 10 or NaN left out)", x: "epoch", y: "training loss", logY: true }),
    "schedules-lr": lineChart(lrRows, { title: "Learning rate at the start of each epoch", x: "epoch", y: "lr", logY: true }),
    "schedules-val-loss": lineChart(valRows, { title: "Validation loss per epoch under each schedule", x: "epoch", y: "validation loss", logY: true }),
  };
  await writeOutput(import.meta.url, { results: r, markdown, plots });
}

if (isMain(import.meta.url)) await main();
