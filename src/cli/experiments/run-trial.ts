/**
 * One training run from a TrainConfig, in memory (no run folder): what `nabla compare` and `nabla
 * tune` run in their worker threads. It builds data, model and optimiser exactly as `nabla train`
 * does, optionally on one fold of a k-fold split, and returns the history and the final metrics.
 */
import { Generator, data, manualSeed, nn, train, type Tensor } from "../../index.js";
import type { TrainConfig } from "../config.js";
import { loadData, type LoadedData } from "../datasets.js";
import { prepare } from "../prepare.js";
import { architectureOf, buildLoss, buildModel, buildOptimizer, buildSchedule, gradClipper } from "../build.js";

export interface TrialTask {
  config: TrainConfig;
  /** Train for this many epochs instead of config.epochs (the budget of successive halving). */
  epochs?: number;
  /** Cross-validation: validate on fold `index` of a k-fold split of the training rows, train on the others. */
  fold?: { k: number; index: number };
}

/** What a worker reports after each epoch. */
export interface EpochProgress {
  epoch: number;
  epochs: number;
  loss: number;
  val?: number;
}

export interface TrialOutcome {
  task: "classification" | "regression";
  history: ReturnType<train.History["toJSON"]>;
  train: Record<string, number>;
  validation: Record<string, number>;
  test: Record<string, number>;
  timing: { trainTime: number; testTime: number; wallTime: number };
  parameters: number;
  /** Why training stopped with an error (a NaN loss from a too-high rate), if it did. */
  error?: string;
}

type Pair = [Tensor, Tensor];

/** The metrics a task reports. */
export function metricsFor(task: LoadedData["task"]): string[] {
  return task === "classification" ? ["accuracy"] : ["mae", "r2"];
}

/** Train/validation/test sets for one fold: the run's test split is kept; its training rows are split k ways. */
function foldSets(d: LoadedData, config: TrainConfig, fold: { k: number; index: number }): { train: Pair; val: Pair; test: Pair | null } {
  const p = prepare(d, { ...config, val: 0, standardize: false });
  const [x, y] = p.train;
  const folds = data.kFold(x.shape[0]!, fold.k, { stratify: d.task === "classification" ? y : undefined, generator: new Generator(config.seed + 2) });
  const f = folds[fold.index];
  if (!f) throw new RangeError(`fold ${fold.index} is out of range for ${fold.k} folds`);
  let trainPair: Pair = [x.indexSelect(0, f.train), y.indexSelect(0, f.train)];
  let val: Pair = [x.indexSelect(0, f.val), y.indexSelect(0, f.val)];
  let test = p.test;
  if (config.standardize) {
    const s = new data.StandardScaler().fit(trainPair[0]);
    trainPair = [s.transform(trainPair[0]), trainPair[1]];
    val = [s.transform(val[0]), val[1]];
    if (test) test = [s.transform(test[0]), test[1]];
  }
  return { train: trainPair, val, test };
}

/** Trains one configuration (seeded by config.seed) and evaluates it on its train, validation and test rows. */
export async function runTrialTask(t: TrialTask, progress?: (p: EpochProgress) => void): Promise<TrialOutcome> {
  const start = performance.now();
  const config: TrainConfig = { ...t.config, epochs: t.epochs ?? t.config.epochs };
  manualSeed(config.seed);
  const d = loadData(config.data, { label: config.label, seed: config.seed });
  const sets = t.fold ? foldSets(d, config, t.fold) : prepare(d, config);
  const outputs = d.task === "classification" ? d.numClasses : d.y.shape[1] ?? 1;
  const arch = architectureOf(config, d.x.shape[1]!, outputs, d.task);
  const model = buildModel(arch, config.init, new Generator(config.seed));
  if (config.init === "lsuv") nn.init.lsuv(model, sets.train[0].narrow(0, 0, Math.min(256, sets.train[0].shape[0]!)));
  const params = model.parameters();
  const optimizer = buildOptimizer(config, params);
  const loss = buildLoss(config, d.task);
  const callbacks: train.CallbackLike[] = [];
  if (config.clipGradNorm > 0) callbacks.push(gradClipper(config.clipGradNorm, params));
  const schedule = buildSchedule(config, optimizer, Math.ceil(sets.train[0].shape[0]! / config.batchSize));
  if (schedule) callbacks.push(schedule);
  if (config.earlyStopping > 0 && sets.val) callbacks.push(new train.EarlyStopping({ monitor: "val_loss", patience: config.earlyStopping, restoreBestWeights: true }));
  const metrics = metricsFor(d.task);
  const key = `val_${metrics[0]}`;
  if (progress) callbacks.push({ onEpochEnd: (epoch: number, logs: train.Logs) => progress({ epoch, epochs: config.epochs, loss: logs.loss!, val: logs[key] }) });
  let history = new train.History();
  // keep the partial history when fit throws (a NaN loss)
  callbacks.push({ onTrainBegin: (_logs: train.Logs, ctx: train.TrainingContext) => void (history = ctx.history) });
  let error: string | undefined;
  try {
    history = await train.fit(model, {
      loss, optimizer, train: sets.train, validation: sets.val ?? undefined, epochs: config.epochs, batchSize: config.batchSize, seed: config.seed, metrics, callbacks,
    });
  } catch (e) {
    if (!(e instanceof train.NonFiniteError)) throw e;
    error = e.message;
  }
  const opts = { loss, metrics };
  const t0 = performance.now();
  const test = sets.test ? train.evaluate(model, sets.test, opts) : {};
  const testTime = (performance.now() - t0) / 1000;
  return {
    task: d.task,
    history: history.toJSON(),
    train: train.evaluate(model, sets.train, opts),
    validation: sets.val ? train.evaluate(model, sets.val, opts) : {},
    test,
    timing: { trainTime: history.timing.trainTime, testTime, wallTime: (performance.now() - start) / 1000 },
    parameters: params.reduce((a, p) => a + p.size, 0),
    ...(error ? { error } : {}),
  };
}
