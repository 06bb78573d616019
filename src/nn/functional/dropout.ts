/** Inverted dropout. */
import * as T from "../../tensor/index.js";
import { Tensor, defaultGenerator, type Generator } from "../../tensor/index.js";

/** Options of `dropout`: the drop probability p, training mode and the generator of the mask. */
export interface DropoutOptions {
  /** Probability of zeroing each element (default 0.5). */
  p?: number;
  /** Drop only when true (default true, as PyTorch's F.dropout); identity otherwise. */
  training?: boolean;
  /** The generator the mask is drawn from (the global one by default). */
  generator?: Generator;
}

/** x·m/(1 − p) with m ~ Bernoulli(1 − p) per element in training, so the expected output equals x; x itself otherwise. */
export function dropout(x: Tensor, options: DropoutOptions = {}): Tensor {
  const p = options.p ?? 0.5;
  checkP(p, "dropout");
  if (!(options.training ?? true) || p === 0) return x;
  const g = options.generator ?? defaultGenerator;
  const mask = new Float32Array(x.size);
  if (p < 1) {
    const scale = 1 / (1 - p);
    for (let i = 0; i < mask.length; i++) mask[i] = g.uniform() >= p ? scale : 0;
  }
  return T.mul(x, new Tensor(mask, x.shape));
}

/** Checks a drop probability. */
export function checkP(p: number, fn: string): void {
  if (typeof p !== "number" || !(p >= 0 && p <= 1)) throw new RangeError(`${fn}: p must be a probability in [0, 1], got ${p}`);
}
