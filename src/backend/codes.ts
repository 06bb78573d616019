/** Op codes shared with the C kernels of the wasm and native backends (their enums list them in the same order). */
import type { BinaryOp, UnaryOp } from "./backend.js";

/** Unary ops with a SIMD kernel; the others run the JS backend's loop. */
export const UNARY_CODES: Partial<Record<UnaryOp, number>> = {
  neg: 0, abs: 1, square: 2, sqrt: 3, rsqrt: 4, reciprocal: 5, relu: 6, exp: 7, log: 8, tanh: 9, sigmoid: 10,
  addScalar: 11, mulScalar: 12, clamp: 13, leakyRelu: 14, heaviside: 15, floor: 16, ceil: 17, round: 18, sign: 19,
  isNan: 20, isFinite: 21, silu: 22,
};

/** Binary ops with a SIMD kernel (pow runs the JS loop). */
export const BINARY_CODES: Partial<Record<BinaryOp, number>> = {
  add: 0, sub: 1, mul: 2, div: 3, maximum: 4, minimum: 5, eq: 6, ne: 7, lt: 8, le: 9, gt: 10, ge: 11,
};

/** Reductions with a SIMD kernel (prod runs the JS loop). */
export const REDUCE_CODES: Partial<Record<string, number>> = { sum: 0, max: 1, min: 2 };

/** Activations a fused linear layer applies to its output. */
export const ACTIVATION_CODES = { none: 0, relu: 1, tanh: 2, sigmoid: 3 } as const;

/** Unary ops whose scalar JS form calls a libm function (~10-20 ns a value): worth a native or SIMD call even on tiny arrays. */
export const TRANSCENDENTAL: ReadonlySet<UnaryOp> = new Set<UnaryOp>(["exp", "log", "tanh", "sigmoid", "silu"]);
