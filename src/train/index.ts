/** Training: fit() with callbacks and metrics, evaluate, predict, and the History they record. */
export { fit, type FitOptions } from "./fit.js";
export { evaluate, predict, inEvalMode, type EvaluateOptions } from "./evaluate.js";
export { History } from "./history.js";
export type { ModelLike, OptimizerLike, LossFn, Logs } from "./types.js";
export type { DataSource } from "./data-source.js";
export * from "./callbacks/index.js";
export * as metrics from "./metrics/index.js";
export { resolveMetric, type Metric } from "./metrics/index.js";
export * from "./diagnostics/index.js";
