/** Batch normalisation over the batch (and length) dims of [N, C] or [N, C, L] inputs. */
import * as T from "../../tensor/index.js";
import type { Tensor } from "../../tensor/index.js";
import { fmt } from "../../tensor/shape.js";

/** Options of `batchNorm`: the affine parameters γ and β, training or evaluation mode, momentum and eps. */
export interface BatchNormOptions {
  /** Scale γ, shape [C]. */
  weight?: Tensor | null;
  /** Shift β, shape [C]. */
  bias?: Tensor | null;
  /** Normalise with the batch's statistics (and update the running ones) rather than the running ones (default false). */
  training?: boolean;
  /** Weight of the new batch statistic in the running average (default 0.1). */
  momentum?: number;
  /** Added to the variance before the square root (default 1e-5). */
  eps?: number;
}

/**
 * y = (x − μ)/√(σ² + eps)·γ + β per channel (dim 1). In training μ and σ² are the batch mean and biased
 * variance, and the running statistics (when given) are updated in place as
 * running ← (1 − momentum)·running + momentum·stat, using the unbiased variance n/(n − 1)·σ².
 * Otherwise μ and σ² are the running statistics, so each row's output depends on that row alone.
 */
export function batchNorm(x: Tensor, runningMean: Tensor | null, runningVar: Tensor | null, options: BatchNormOptions = {}, name = "batchNorm"): Tensor {
  if (x.ndim !== 2 && x.ndim !== 3) {
    throw new RangeError(`${name}: expected input of shape [N, C] or [N, C, L], got ${fmt(x.shape)}`);
  }
  const c = x.shape[1]!;
  for (const [k, t] of [["weight", options.weight], ["bias", options.bias], ["runningMean", runningMean], ["runningVar", runningVar]] as const) {
    if (t && (t.ndim !== 1 || t.shape[0] !== c)) throw new RangeError(`${name}: ${k} has shape ${fmt(t.shape)}, expected [${c}] for input ${fmt(x.shape)}`);
  }
  const eps = options.eps ?? 1e-5;
  const training = options.training ?? false;
  const dims = x.ndim === 2 ? [0] : [0, 2];
  const bshape = x.ndim === 2 ? [1, c] : [1, c, 1];
  let mean: Tensor;
  let variance: Tensor;
  if (training) {
    const n = x.size / c;
    if (n <= 1) throw new RangeError(`${name}: expected more than 1 value per channel when training, got input of shape ${fmt(x.shape)}`);
    mean = x.mean(dims, true);
    variance = T.square(T.sub(x, mean)).mean(dims, true);
    if (runningMean && runningVar) updateRunning(runningMean, runningVar, mean, variance, n, options.momentum ?? 0.1);
  } else {
    if (!runningMean || !runningVar) throw new Error(`${name}: running statistics are required outside training`);
    mean = runningMean.detach().reshape(bshape);
    variance = runningVar.detach().reshape(bshape);
  }
  let y = T.mul(T.sub(x, mean), T.rsqrt(T.add(variance, eps)));
  if (options.weight) y = T.mul(y, options.weight.reshape(bshape));
  if (options.bias) y = T.add(y, options.bias.reshape(bshape));
  return y;
}

/** running ← (1 − m)·running + m·stat in place, with the unbiased variance. */
function updateRunning(rm: Tensor, rv: Tensor, mean: Tensor, variance: Tensor, n: number, m: number): void {
  const unbiased = n / (n - 1);
  for (let i = 0; i < rm.size; i++) {
    rm.data[i] = (1 - m) * rm.data[i]! + m * mean.data[i]!;
    rv.data[i] = (1 - m) * rv.data[i]! + m * variance.data[i]! * unbiased;
  }
}
