/**
 * Plots are vega-lite specifications: plain JSON data that describe a chart, rendered to SVG by vega
 * (in Node and in the browser) or to PNG in Node. Every builder in this folder returns one.
 */
import type { TopLevelSpec } from "vega-lite";

/** A vega-lite specification (data inline), ready for `toSVG` or `toPNG`. */
export type PlotSpec = TopLevelSpec;

/** What the curve plots read from a training run: `History` and its JSON form both fit. */
export interface HistoryLike {
  epoch: readonly number[];
  history: Readonly<Record<string, readonly number[]>>;
}

/** Chart size and look shared by every plot, so run folders and reports look alike. */
export const PLOT_CONFIG = {
  font: "DejaVu Sans, Verdana, sans-serif",
  view: { stroke: "#ddd" },
  axis: { labelFontSize: 11, titleFontSize: 12, gridColor: "#eee" },
  legend: { labelFontSize: 11, titleFontSize: 12, labelLimit: 260 },
  title: { fontSize: 14, anchor: "start" as const },
  background: "white",
};

export const WIDTH = 420;
export const HEIGHT = 260;

/** A number safe for JSON and vega (NaN and ±Infinity become null, which vega leaves out of lines). */
export function finite(v: number | undefined): number | null {
  return v === undefined || !Number.isFinite(v) ? null : v;
}

/** Adds the shared config and a size to a chart spec. */
export function withConfig<T extends object>(spec: T, size: { width?: number; height?: number } = {}): PlotSpec {
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    width: size.width ?? WIDTH,
    height: size.height ?? HEIGHT,
    config: PLOT_CONFIG,
    ...spec,
  } as unknown as PlotSpec;
}
