/** Training diagnostics: per-layer statistics and warnings with the lectures' remedies. */
export {
  Diagnostics, diagnosticsSummary,
  type DiagnosticsOptions, type DiagnosticsReport, type EpochDiagnostics, type EpochHistograms, type LayerInfo,
} from "./diagnostics.js";
export { SATURATION, type LayerEpochStats, type ActivationKind } from "./layer-stats.js";
export { DEFAULT_THRESHOLDS, REMEDIES, checkEpoch, type DiagnosticThresholds, type DiagnosticWarning, type WarningKind } from "./warnings.js";
