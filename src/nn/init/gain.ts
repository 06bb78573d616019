/** Fans and gains: the scale factors the variance-preserving initialisations are built from. */
import type { Tensor } from "../../tensor/index.js";
import { fmt } from "../../tensor/shape.js";

/**
 * PyTorch's recommended gain for a nonlinearity: 1 for linear/identity/conv/sigmoid, 5/3 for tanh, √2 for relu,
 * √(2/(1 + slope²)) for leaky_relu (slope `param`, default 0.01) and 3/4 for selu. Names are case-insensitive,
 * in snake_case ("leaky_relu") or camelCase ("leakyRelu").
 */
export function calculateGain(nonlinearity: string, param?: number): number {
  const name = String(nonlinearity).toLowerCase().replace(/_/g, "");
  if (["linear", "identity", "sigmoid", "conv1d", "conv2d", "conv3d", "convtranspose1d", "convtranspose2d", "convtranspose3d"].includes(name)) return 1;
  if (name === "tanh") return 5 / 3;
  if (name === "relu") return Math.SQRT2;
  if (name === "leakyrelu") {
    const slope = param ?? 0.01;
    if (typeof slope !== "number" || !Number.isFinite(slope)) throw new TypeError(`calculateGain: negative slope ${String(param)} is not a valid number`);
    return Math.sqrt(2 / (1 + slope * slope));
  }
  if (name === "selu") return 3 / 4;
  throw new RangeError(
    `calculateGain: unsupported nonlinearity "${nonlinearity}" (expected linear, identity, conv1d/2d/3d, convTranspose1d/2d/3d, sigmoid, tanh, relu, leaky_relu or selu)`,
  );
}

/** [fanIn, fanOut] of a weight: fanIn = size(1)·receptive field, fanOut = size(0)·receptive field (≥ 2 dims). */
export function computeFans(t: Tensor, fn = "computeFans"): [number, number] {
  if (t.ndim < 2) {
    throw new RangeError(`${fn}: fan in and fan out need a tensor of at least 2 dims, got shape ${fmt(t.shape)}`);
  }
  let receptive = 1;
  for (let i = 2; i < t.ndim; i++) receptive *= t.shape[i]!;
  return [t.shape[1]! * receptive, t.shape[0]! * receptive];
}

/** Which fan a variance-scaling initialiser divides by: fanIn (inputs per unit) or fanOut (outputs per unit). */
export type FanMode = "fanIn" | "fanOut";

/** The fan selected by mode: "fanIn" preserves the forward pass's variance, "fanOut" the backward pass's. */
export function fanOf(t: Tensor, mode: FanMode, fn: string): number {
  const [fanIn, fanOut] = computeFans(t, fn);
  if (mode === "fanIn") return fanIn;
  if (mode === "fanOut") return fanOut;
  throw new RangeError(`${fn}: mode must be "fanIn" or "fanOut", got ${JSON.stringify(mode)}`);
}
