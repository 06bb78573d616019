/** The learning-rate range test's plot: loss against learning rate (log scale), with the suggested rate marked. */
import { finite, withConfig, type PlotSpec } from "./spec.js";

/** What the plot needs from an lr-finder result. */
export interface LrFinderCurve {
  lrs: readonly number[];
  losses: readonly number[];
  smoothed: readonly number[];
  suggestion: number | null;
}

/** Raw and smoothed loss per learning rate on a log axis, and a rule at the suggested rate. */
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
      data: { values: [{ lr: r.suggestion, text: `suggested ${r.suggestion.toExponential(1)}` }] },
      layer: [
        { mark: { type: "rule", color: "#d62728", strokeDash: [4, 3] }, encoding: { x: { field: "lr", type: "quantitative" } } },
        { mark: { type: "text", color: "#d62728", align: "left", dx: 4, baseline: "top", y: 4 }, encoding: { x: { field: "lr", type: "quantitative" }, text: { field: "text" } } },
      ],
    });
  }
  return withConfig({ title: options.title ?? "learning-rate range test", data: { values: rows }, layer: layers });
}
