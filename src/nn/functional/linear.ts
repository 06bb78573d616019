/** The affine map of a fully connected layer. */
import type { Tensor } from "../../tensor/index.js";
import { fmt } from "../../tensor/shape.js";
import type { Activation } from "../../backend/backend.js";
import { linearAct } from "../../tensor/ops/fused.js";

/**
 * y = x·Wᵀ + b for x of shape [*, in], W of shape [out, in] and b of shape [out]; the product reads W
 * transposed in place (no copy). `name` prefixes width errors, e.g. "Linear(784, 256)".
 */
export function linear(x: Tensor, weight: Tensor, bias?: Tensor | null, name = "linear"): Tensor {
  return linearActivation(x, weight, bias ?? null, "none", name);
}

/**
 * act(x·Wᵀ + b) as one fused op (a single kernel, one tape node): what Sequential runs for a Linear
 * followed by ReLU, Tanh or Sigmoid. Same checks and errors as `linear`.
 */
export function linearActivation(x: Tensor, weight: Tensor, bias: Tensor | null, act: Activation, name = "linear"): Tensor {
  if (weight.ndim !== 2) throw new RangeError(`${name}: weight must be 2-D [out, in], got shape ${fmt(weight.shape)}`);
  const [outF, inF] = weight.shape as [number, number];
  if (x.ndim === 0 || x.shape[x.ndim - 1] !== inF) {
    const got = x.ndim === 0 ? "a scalar input" : `input has ${x.shape[x.ndim - 1]} features`;
    throw new RangeError(`${name}: ${got}, expected ${inF} (input shape ${fmt(x.shape)})`);
  }
  if (bias && (bias.ndim !== 1 || bias.shape[0] !== outF)) {
    throw new RangeError(`${name}: bias has shape ${fmt(bias.shape)}, expected [${outF}]`);
  }
  const rows = x.ndim === 2 ? x : x.reshape([-1, inF]);
  const y = linearAct(rows, weight, bias, act);
  return x.ndim === 2 ? y : y.reshape([...x.shape.slice(0, -1), outF]);
}
