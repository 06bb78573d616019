/** nn.init: in-place weight initialisers with PyTorch's names (camelCase, no trailing underscore), plus LSUV. */
export { calculateGain, computeFans, type FanMode } from "./gain.js";
export {
  zeros, ones, constant, uniform, normal, truncNormal, xavierUniform, xavierNormal, kaimingUniform, kaimingNormal,
  lecunNormal, lecunUniform, type InitOptions, type KaimingOptions,
} from "./weights.js";
export { orthogonal } from "./orthogonal.js";
export { lsuv, type LsuvOptions } from "./lsuv.js";
