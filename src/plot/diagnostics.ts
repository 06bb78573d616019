/** Plots of a diagnostics report: activation and gradient histograms per layer, gradient norms and update ratios per epoch. */
import type { DiagnosticsReport } from "../train/diagnostics/index.js";
import { histogramPlot } from "./histogram.js";
import { overlaidCurves } from "./overlay.js";
import type { PlotSpec } from "./spec.js";

/**
 * The lectures' diagnostic plots from a Diagnostics report (or diagnostics.json): the last epoch's
 * activation histogram of each activation layer and weight-gradient histogram of each layer with
 * weights, and per-layer gradient norm and update-to-weight ratio across epochs (log scale).
 */
export function diagnosticsPlots(r: DiagnosticsReport): Record<string, PlotSpec> {
  const out: Record<string, PlotSpec> = {};
  const last = r.histograms[r.histograms.length - 1];
  const epochLabel = last ? ` (epoch ${last.epoch + 1})` : "";
  const activationLayers = r.layers.filter((l) => l.parameters === 0).map((l) => l.name);
  const acts = (activationLayers.length ? activationLayers : r.layers.map((l) => l.name))
    .filter((name) => last?.activations[name])
    .map((name) => ({ name, hist: last!.activations[name]! }));
  if (acts.length) out.activations = histogramPlot(acts, { title: `activation distribution per layer${epochLabel}`, x: "activation" });
  const grads = r.layers.filter((l) => last?.gradients[l.name]).map((l) => ({ name: l.name, hist: last!.gradients[l.name]! }));
  if (grads.length) out.gradients = histogramPlot(grads, { title: `weight-gradient distribution per layer${epochLabel}`, x: "gradient" });
  const withParams = r.layers.filter((l) => l.parameters > 0).map((l) => l.name);
  const series = (key: "gradNorm" | "updateRatio") =>
    withParams.map((name) => ({ name, values: r.epochs.map((e) => e.layers[name]?.[key] ?? NaN) })).filter((s) => s.values.some((v) => v > 0));
  const norms = series("gradNorm");
  if (norms.length && r.epochs.length) out.gradNorm = overlaidCurves(norms, { title: "gradient norm per layer", y: "‖∂L/∂θ‖", logScale: true });
  const ratios = series("updateRatio");
  if (ratios.length && r.epochs.length) out.updateRatio = overlaidCurves(ratios, { title: "update-to-weight ratio per layer (≈1e-3 is healthy)", y: "‖Δθ‖/‖θ‖", logScale: true });
  return out;
}
