/** Tuning and combining models: ensembles, search spaces, grid and random search, successive halving, cross-validation and the lr range test. */
export { Ensemble, ensemble, type EnsembleOptions } from "./ensemble.js";
export { gridSearch, randomSearch, gridValues, uniform, logUniform, intUniform, intLogUniform, type SearchSpace, type Dimension, type Range } from "./space.js";
export { successiveHalving, rankScores, type HalvingOptions, type HalvingTrial, type HalvingResult } from "./halving.js";
export { crossValidate, type CrossValidateOptions, type CrossValidateResult } from "./cross-validate.js";
export { runTrials } from "./trials.js";
export { lrFind, suggest as suggestLr, type LrFindOptions, type LrFindResult } from "./lr-finder.js";
export { mean, std, formatMeanStd } from "./stats.js";
