/** Histograms of values per layer: the lectures' activation and gradient distribution plots. */
import { finite, withConfig, type PlotSpec } from "./spec.js";

/** Counts of values in `bins` equal-width bins over [min, max] (the data's range by default); non-finite values are skipped. */
export interface Histogram {
  edges: number[];
  counts: number[];
}

/** Bins `values` into `bins` equal-width bins: counts[b] = #{v : edges[b] ≤ v < edges[b+1]} (the last bin closed). */
export function histogram(values: ArrayLike<number>, bins = 30, range?: [number, number]): Histogram {
  if (!Number.isInteger(bins) || bins < 1) throw new RangeError(`histogram: bins must be a positive integer, got ${bins}`);
  let lo = range?.[0] ?? Infinity;
  let hi = range?.[1] ?? -Infinity;
  if (!range) {
    for (let i = 0; i < values.length; i++) {
      const v = values[i]!;
      if (!Number.isFinite(v)) continue;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  if (!Number.isFinite(lo)) return { edges: [0, 1], counts: [0] };
  if (hi <= lo) hi = lo + (Math.abs(lo) || 1) * 1e-6;
  const w = (hi - lo) / bins;
  const counts = new Array<number>(bins).fill(0);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isFinite(v) || v < lo || v > hi) continue;
    counts[Math.min(bins - 1, Math.floor((v - lo) / w))]!++;
  }
  return { edges: Array.from({ length: bins + 1 }, (_, b) => lo + b * w), counts };
}

/**
 * Several histograms overlaid as density step lines, one colour per layer (the lectures'
 * "activation distribution per layer" plot): spread-out, centred curves are healthy; a spike at
 * 0 or at ±1 means dead or saturated units.
 */
export function histogramPlot(series: readonly { name: string; hist: Histogram }[], options: { title?: string; x?: string } = {}): PlotSpec {
  if (series.length === 0) throw new RangeError("histogramPlot: expected at least one histogram");
  const rows: { layer: string; x: number; density: number | null }[] = [];
  for (const { name, hist } of series) {
    const total = hist.counts.reduce((a, b) => a + b, 0) || 1;
    hist.counts.forEach((c, b) => {
      const mid = (hist.edges[b]! + hist.edges[b + 1]!) / 2;
      const width = hist.edges[b + 1]! - hist.edges[b]! || 1;
      rows.push({ layer: name, x: mid, density: finite(c / total / width) });
    });
  }
  return withConfig({
    title: options.title ?? "distribution per layer",
    data: { values: rows },
    mark: { type: "line", interpolate: "step", tooltip: true },
    encoding: {
      x: { field: "x", type: "quantitative", title: options.x ?? "value" },
      y: { field: "density", type: "quantitative", title: "density" },
      color: { field: "layer", type: "nominal", title: "layer", sort: series.map((s) => s.name) },
    },
  }, { width: 480 });
}
