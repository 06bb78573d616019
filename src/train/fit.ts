/** fit(): the training loop of the lectures, assembled from the same public pieces a hand-written loop uses. */
import { Generator, Tensor, cat } from "../tensor/index.js";
import { History } from "./history.js";
import { callLoss, type Logs, type LossFn, type ModelLike, type OptimizerLike } from "./types.js";
import { resolveMetric, type Metric } from "./metrics/index.js";
import { toLoader, type DataSource } from "./data-source.js";
import { evaluate } from "./evaluate.js";
import type { CallbackLike, TrainingContext } from "./callbacks/callback.js";
import { TerminateOnNaN } from "./callbacks/terminate-on-nan.js";

/** Options of `fit`: the loss, optimiser, data and epochs, plus batching, metrics, callbacks and what to resume from. */
export interface FitOptions {
  /** The loss: `F.crossEntropy`, a loss module, or any (prediction, target) → scalar tensor. */
  loss: LossFn;
  /** The optimiser that updates the model's parameters after each batch. */
  optimizer: OptimizerLike;
  /** Training data: `[x, y]`, a Dataset, or a DataLoader (then batchSize/shuffle/seed are its own). */
  train: DataSource;
  /** Validation data evaluated after each epoch (logged with a `val_` prefix). */
  validation?: DataSource;
  /** The number of epochs (passes over the training data), counted from 0 even when resuming at `initialEpoch`. */
  epochs: number;
  /** Rows per batch (default 32). */
  batchSize?: number;
  /** Shuffle the training rows every epoch (default true). */
  shuffle?: boolean;
  /** Seed of the shuffling generator (default 0), so runs are reproducible. */
  seed?: number;
  /** Metric names ("accuracy", "top5", "f1", "mse", …) or Metric objects. */
  metrics?: (string | Metric)[];
  /** Callbacks whose hooks run at the start and end of training, of each epoch and of each batch. */
  callbacks?: CallbackLike[];
  /** Stop with an error, keeping the last good weights, when the loss or weights become non-finite (default true). */
  terminateOnNaN?: boolean;
  /** Rows per batch when evaluating (default 256). */
  evalBatchSize?: number;
  /** The epoch to start at (default 0), as Keras's initialEpoch: `epochs` stays the total. */
  initialEpoch?: number;
  /** The generator that shuffles the training rows (default `new Generator(seed)`); pass one to save or restore its state. */
  generator?: Generator;
  /** A History to append to (default a new one), e.g. the one of a run being continued. */
  history?: History;
}

type HookName = keyof CallbackLike;

async function call(callbacks: CallbackLike[], hook: HookName, ctx: TrainingContext, ...args: unknown[]): Promise<void> {
  for (const cb of callbacks) {
    const fn = cb[hook] as ((...a: unknown[]) => unknown) | undefined;
    if (!fn) continue;
    const r = fn.call(cb, ...args, ctx);
    if (r && typeof (r as Promise<void>).then === "function") await r;
  }
}

const now = (): number => (globalThis.performance?.now() ?? Date.now()) / 1000;

/**
 * Trains `model` for `epochs` epochs of mini-batch gradient descent: for each batch, forward, loss,
 * zeroGrad, backward, optimizer.step(); after each epoch, metrics on the training outputs and on the
 * validation data. Returns the History (per-epoch loss and metrics, lr, timings).
 */
export async function fit(model: ModelLike, options: FitOptions): Promise<History> {
  const { loss, optimizer, epochs } = options;
  if (!Number.isInteger(epochs) || epochs < 0) throw new RangeError(`fit: epochs must be a non-negative integer, got ${epochs}`);
  if (!loss) throw new TypeError("fit: options.loss is required (e.g. F.crossEntropy)");
  if (!optimizer) throw new TypeError("fit: options.optimizer is required (e.g. new optim.Adam(model.parameters()))");
  const batchSize = options.batchSize ?? 32;
  const initialEpoch = options.initialEpoch ?? 0;
  if (!Number.isInteger(initialEpoch) || initialEpoch < 0) throw new RangeError(`fit: initialEpoch must be a non-negative integer, got ${initialEpoch}`);
  const generator = options.generator ?? new Generator(options.seed ?? 0);
  const trainLoader = toLoader("fit: train", options.train, batchSize, options.shuffle ?? true, generator);
  const metrics = (options.metrics ?? []).map(resolveMetric);
  const callbacks = [...(options.callbacks ?? [])];
  if ((options.terminateOnNaN ?? true) && !callbacks.some((c) => c instanceof TerminateOnNaN)) callbacks.unshift(new TerminateOnNaN());

  const history = options.history ?? new History();
  const ctx: TrainingContext = {
    model, optimizer, history, epochs, batchesPerEpoch: trainLoader.length, samples: trainLoader.dataset.length,
    epoch: 0, batch: 0, stopTraining: false, initialEpoch, generator: trainLoader.generator, callbacks,
  };
  const start = now();
  await call(callbacks, "onTrainBegin", ctx, {});
  try {
    // Read after onTrainBegin: a callback restoring a checkpoint (TrainingCheckpoint) moves the start.
    for (let epoch = ctx.initialEpoch ?? 0; epoch < epochs && !ctx.stopTraining; epoch++) {
      ctx.epoch = epoch;
      const lr = optimizer.paramGroups[0]?.lr ?? NaN;
      await call(callbacks, "onEpochBegin", ctx, epoch, {});
      const epochStart = now();
      model.train();
      let lossSum = 0;
      let seen = 0;
      const outs: Tensor[] = [];
      const targets: Tensor[] = [];
      let batch = 0;
      for (const [x, y] of trainLoader) {
        ctx.batch = batch;
        const n = x!.shape[0] ?? 1;
        const batchLogs: Logs = { batch, size: n };
        await call(callbacks, "onBatchBegin", ctx, batch, batchLogs);
        const out = model.forward(x!);
        const l = callLoss(loss, out, y!);
        ctx.loss = l;
        optimizer.zeroGrad();
        l.backward();
        await call(callbacks, "onBeforeStep", ctx, batch, batchLogs);
        optimizer.step();
        await call(callbacks, "onAfterStep", ctx, batch, batchLogs);
        const lv = l.item();
        lossSum += lv * n;
        seen += n;
        if (metrics.length) {
          outs.push(out.detach());
          targets.push(y!);
        }
        batchLogs.loss = lv;
        await call(callbacks, "onBatchEnd", ctx, batch, batchLogs);
        batch++;
      }
      const trainTime = now() - epochStart;
      const logs: Logs = { loss: lossSum / Math.max(seen, 1) };
      if (metrics.length && outs.length) {
        const output = cat(outs, 0);
        const target = cat(targets, 0);
        for (const m of metrics) logs[m.name] = m.compute(output, target);
      }
      let evalTime = 0;
      if (options.validation) {
        const t0 = now();
        const v = evaluate(model, options.validation, { loss, metrics, batchSize: options.evalBatchSize ?? 256 });
        evalTime = now() - t0;
        for (const [k, val] of Object.entries(v)) logs[`val_${k}`] = val;
      }
      logs.lr = lr;
      logs.time = now() - epochStart;
      logs.trainTime = trainTime;
      logs.evalTime = evalTime;
      logs.samplesPerSecond = seen / Math.max(trainTime, 1e-9);
      history.timing.trainTime += trainTime;
      history.timing.evalTime += evalTime;
      history.record(epoch, logs);
      await call(callbacks, "onEpochEnd", ctx, epoch, logs);
    }
  } finally {
    history.timing.wallTime = now() - start;
    const samples = history.history.samplesPerSecond;
    history.timing.samplesPerSecond = history.timing.trainTime > 0 ? (ctx.samples * (samples?.length ?? 0)) / history.timing.trainTime : 0;
    ctx.loss = undefined;
  }
  await call(callbacks, "onTrainEnd", ctx, history.epoch.length ? lastLogs(history) : {});
  return history;
}

function lastLogs(h: History): Logs {
  const out: Logs = {};
  for (const k of Object.keys(h.history)) out[k] = h.last(k)!;
  return out;
}
