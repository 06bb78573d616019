/** Evaluation and prediction: the model in eval mode, without the tape, batch by batch. */
import { Tensor, cat, noGrad } from "../tensor/index.js";
import { callLoss, type Logs, type LossFn, type ModelLike } from "./types.js";
import { resolveMetric, type Metric } from "./metrics/index.js";
import { toLoader, type DataSource } from "./data-source.js";

/** Options of `evaluate`: the loss to report, the metrics, and the rows per batch. */
export interface EvaluateOptions {
  /** The loss, logged as "loss" (none when omitted). */
  loss?: LossFn;
  /** Metric names ("accuracy", "f1", "mse", …) or Metric objects. */
  metrics?: (string | Metric)[];
  /** Rows per batch (default 256). */
  batchSize?: number;
}

/** Runs `fn` with the model in eval mode, restoring its previous mode afterwards. */
export function inEvalMode<T>(model: ModelLike, fn: () => T): T {
  const was = model.training;
  model.eval();
  try {
    return noGrad(fn);
  } finally {
    model.train(was);
  }
}

/**
 * Loss (the mean over samples of the per-batch mean losses, weighted by batch size) and metrics of
 * the model on `data`, in eval mode; keys are "loss" and the metric names.
 */
export function evaluate(model: ModelLike, data: DataSource, options: EvaluateOptions = {}): Logs {
  const loader = toLoader("evaluate", data, options.batchSize ?? 256, false);
  const metrics = (options.metrics ?? []).map(resolveMetric);
  const outs: Tensor[] = [];
  const targets: Tensor[] = [];
  let lossSum = 0;
  let count = 0;
  inEvalMode(model, () => {
    for (const [x, y] of loader) {
      const out = model.forward(x!);
      const n = x!.shape[0] ?? 1;
      if (options.loss) lossSum += callLoss(options.loss, out, y!).item() * n;
      count += n;
      if (metrics.length) {
        outs.push(out);
        targets.push(y!);
      }
    }
  });
  const logs: Logs = {};
  if (options.loss) logs.loss = lossSum / Math.max(count, 1);
  if (metrics.length) {
    const output = cat(outs, 0);
    const target = cat(targets, 0);
    for (const m of metrics) logs[m.name] = m.compute(output, target);
  }
  return logs;
}

/** The model's outputs for the rows of x, in eval mode, computed batchSize rows at a time. */
export function predict(model: ModelLike, x: Tensor, options: { batchSize?: number } = {}): Tensor {
  const batchSize = options.batchSize ?? 256;
  const n = x.shape[0] ?? 0;
  const outs: Tensor[] = [];
  inEvalMode(model, () => {
    for (let s = 0; s < n; s += batchSize) outs.push(model.forward(x.narrow(0, s, Math.min(batchSize, n - s))));
  });
  if (outs.length === 0) throw new RangeError("predict: x has no rows");
  return cat(outs, 0);
}
