/** Tuning and combining models: ensembles (search and cross-validation grow here). */
export { Ensemble, ensemble, type EnsembleOptions } from "./ensemble.js";
