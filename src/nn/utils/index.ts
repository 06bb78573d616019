/** Training utilities re-exported as `nn.utils`: gradient clipping and weight penalties. */
export { clipGradNorm, clipGradValue, type ClipGradNormOptions } from "./clip-grad.js";
export { l1Penalty, l2Penalty } from "./penalties.js";
