/**
 * Plots: vega-lite specifications for training curves, learning rates, confusion matrices,
 * decision boundaries, per-layer histograms, lr-finder curves and overlays of several runs, and
 * their rendering to SVG (Node and browser). PNG files come from "nabla/node" (`toPNG`, `writePlot`).
 */
export { type PlotSpec, type HistoryLike, PLOT_CONFIG } from "./spec.js";
export { trainingCurve, learningRateCurve, historyPlots } from "./curves.js";
export { overlaidCurves, type CurveSeries } from "./overlay.js";
export { confusionMatrixPlot } from "./confusion.js";
export { decisionBoundary, type DecisionBoundaryOptions } from "./boundary.js";
export { histogram, histogramPlot, type Histogram } from "./histogram.js";
export { lrFinderPlot, type LrFinderCurve } from "./lr-finder.js";
export { toSVG, toVega } from "./render.js";
export { diagnosticsPlots } from "./diagnostics.js";
export { searchPlot, type SearchPoint } from "./search.js";
