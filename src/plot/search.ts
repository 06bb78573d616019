/** Hyperparameter search results: each trial's score, against the trial number or a hyperparameter. */
import { finite, withConfig, type PlotSpec } from "./spec.js";

/** One evaluated trial of a search. */
export interface SearchPoint {
  trial: number;
  score: number;
  /** The successive-halving rung (0 without halving). */
  rung: number;
  /** Its settings, as a short text for the tooltip. */
  label: string;
  /** Hyperparameter values, for plotting the score against one of them. */
  values?: Record<string, unknown>;
}

/**
 * Scores of a search's trials as points coloured by rung: against the trial number, or against
 * hyperparameter `x` (log axis with `logX`, as for learning rates), to see which values work.
 */
export function searchPlot(points: readonly SearchPoint[], options: { metric?: string; x?: string; logX?: boolean; title?: string } = {}): PlotSpec {
  if (points.length === 0) throw new RangeError("searchPlot: expected at least one trial");
  const metric = options.metric ?? "score";
  const x = options.x;
  const rows = points.map((p) => ({
    trial: p.trial, score: finite(p.score), rung: `rung ${p.rung}`, label: p.label,
    ...(x ? { value: p.values?.[x] as number | string | undefined } : {}),
  }));
  const numeric = x ? rows.every((r) => typeof r.value === "number") : true;
  return withConfig({
    title: options.title ?? (x ? `${metric} against ${x}` : `${metric} per trial`),
    data: { values: rows },
    mark: { type: "point", filled: true, size: 60, tooltip: { content: "data" } },
    encoding: {
      x: x
        ? { field: "value", type: numeric ? "quantitative" : "nominal", title: x, ...(numeric && options.logX ? { scale: { type: "log" } } : numeric ? { scale: { zero: false } } : {}) }
        : { field: "trial", type: "quantitative", title: "trial", axis: { tickMinStep: 1 } },
      y: { field: "score", type: "quantitative", title: metric, scale: { zero: false } },
      color: { field: "rung", type: "nominal", title: "rung" },
    },
  });
}
