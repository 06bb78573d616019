/** Overlaid curves of several runs (a comparison or a search), with a ±1 std band where runs were repeated. */
import { finite, withConfig, type PlotSpec } from "./spec.js";

/** One line of an overlay: its name, the values per epoch, and optionally their std over seeds. */
export interface CurveSeries {
  name: string;
  values: readonly number[];
  std?: readonly number[];
}

/**
 * Several runs' curves of one quantity on shared axes, one colour per run; a shaded band of
 * mean ± std where `std` is given (several seeds of one configuration).
 */
export function overlaidCurves(series: readonly CurveSeries[], options: { title?: string; y?: string; logScale?: boolean } = {}): PlotSpec {
  if (series.length === 0) throw new RangeError("overlaidCurves: expected at least one series");
  const rows: { epoch: number; run: string; value: number | null; lo: number | null; hi: number | null }[] = [];
  for (const s of series) {
    s.values.forEach((v, i) => {
      const sd = s.std?.[i];
      rows.push({ epoch: i + 1, run: s.name, value: finite(v), lo: sd === undefined ? null : finite(v - sd), hi: sd === undefined ? null : finite(v + sd) });
    });
  }
  const y = options.y ?? "value";
  const yScale = options.logScale ? { type: "log" } : { zero: false };
  const color = { field: "run", type: "nominal", title: "run", sort: series.map((s) => s.name) };
  const x = { field: "epoch", type: "quantitative", title: "epoch", axis: { tickMinStep: 1 } };
  const layers: object[] = [];
  if (series.some((s) => s.std)) {
    layers.push({
      mark: { type: "area", opacity: 0.15 },
      encoding: { x, y: { field: "lo", type: "quantitative", title: y, scale: yScale }, y2: { field: "hi" }, color },
    });
  }
  layers.push({
    mark: { type: "line", tooltip: true },
    encoding: { x, y: { field: "value", type: "quantitative", title: y, scale: yScale }, color },
  });
  return withConfig({ title: options.title ?? `${y} per epoch`, data: { values: rows }, layer: layers }, { width: 480 });
}
