/** The learning-rate range test's plot: loss against learning rate (log scale), with the suggested rate marked. */
import { finite, withConfig, type PlotSpec } from "./spec.js";

/** What the plot needs from an lr-finder result. */
export interface LrFinderCurve {
  lrs: readonly number[];
  losses: readonly number[];
  smoothed: readonly number[];
  suggestion: number | null;
  /** How the suggestion was chosen ("steepest", "minOver10"), for the subtitle. */
  method?: string;
}

/** Raw and smoothed loss per learning rate on a log axis, a rule at the suggested rate, and the rate in the subtitle. */
export function lrFinderPlot(r: LrFinderCurve, options: { title?: string } = {}): PlotSpec {
  const rows: { lr: number; series: string; loss: number | null }[] = [];
  r.lrs.forEach((lr, i) => {
    rows.push({ lr, series: "loss", loss: finite(r.losses[i]) });
    rows.push({ lr, series: "smoothed", loss: finite(r.smoothed[i]) });
  });
  const finiteSmoothed = r.smoothed.filter(Number.isFinite);
  const top = Math.max(...finiteSmoothed.slice(0, Math.max(1, Math.ceil(finiteSmoothed.length / 10))));
  const bottom = Math.min(...finiteSmoothed);
  const layers: object[] = [
    {
      transform: [{ filter: `datum.loss != null && datum.loss <= ${finite(top + (top - bottom) * 0.5) ?? "Infinity"}` }],
      mark: { type: "line", tooltip: true },
      encoding: {
        x: { field: "lr", type: "quantitative", scale: { type: "log" }, title: "learning rate" },
        y: { field: "loss", type: "quantitative", scale: { zero: false }, title: "loss" },
        color: { field: "series", type: "nominal", title: null, scale: { domain: ["loss", "smoothed"], range: ["#c7c7c7", "#1f77b4"] } },
      },
    },
  ];
  if (r.suggestion !== null) {
    layers.push({
      data: { values: [{ lr: r.suggestion }] },
      mark: { type: "rule", color: "#d62728", strokeDash: [4, 3], strokeWidth: 1.5 },
      encoding: { x: { field: "lr", type: "quantitative" } },
    });
  }
  const how = r.method === "steepest" ? " (steepest descent of the smoothed loss)" : r.method === "minOver10" ? " (a tenth of the rate with the lowest loss)" : "";
  const subtitle = r.suggestion !== null ? `suggested ${r.suggestion.toExponential(1)}${how}` : "no suggestion";
  return withConfig({ title: { text: options.title ?? "learning-rate range test", subtitle, subtitleColor: "#d62728" }, data: { values: rows }, layer: layers });
}
