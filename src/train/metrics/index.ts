/** Metrics, as functions of (prediction, target) and as named metrics for fit(). */
import type { Tensor } from "../../tensor/index.js";
import { accuracy, topKAccuracy, precision, recall, f1Score } from "./classification.js";
import { meanSquaredError, meanAbsoluteError, r2Score } from "./regression.js";

export * from "./classification.js";
export * from "./regression.js";
export { predictedClasses, targetClasses } from "./classes.js";

/** A metric for fit() and evaluate(): a name for the logs and a function of the whole epoch's predictions. */
export interface Metric {
  name: string;
  compute(pred: Tensor, target: Tensor): number;
}

const NAMED: Record<string, Metric> = {
  accuracy: { name: "accuracy", compute: (p, t) => accuracy(p, t) },
  precision: { name: "precision", compute: (p, t) => precision(p, t) as number },
  recall: { name: "recall", compute: (p, t) => recall(p, t) as number },
  f1: { name: "f1", compute: (p, t) => f1Score(p, t) as number },
  mse: { name: "mse", compute: meanSquaredError },
  mae: { name: "mae", compute: meanAbsoluteError },
  r2: { name: "r2", compute: r2Score },
};
const ALIASES: Record<string, string> = { acc: "accuracy", f1_macro: "f1", r_squared: "r2" };

/** Names accepted by resolveMetric. */
export const metricNames = [...Object.keys(NAMED), "top<k> (e.g. top5)"];

/** A Metric from a name ("accuracy", "top5", "precision", "recall", "f1", "mse", "mae", "r2") or a Metric object. */
export function resolveMetric(m: string | Metric): Metric {
  if (typeof m !== "string") return m;
  const key = m.toLowerCase();
  const top = /^top[-_]?(\d+)(?:[-_]?acc(?:uracy)?)?$/.exec(key);
  if (top) {
    const k = Number(top[1]);
    return { name: `top${k}`, compute: (p, t) => topKAccuracy(p, t, k) };
  }
  const found = NAMED[ALIASES[key] ?? key];
  if (!found) throw new RangeError(`metric: unknown metric "${m}" (expected one of ${metricNames.join(", ")})`);
  return found;
}
