/** Gradient clipping, applied between `backward()` and `optimizer.step()`, in place and unrecorded. */
import { Tensor } from "../../tensor/index.js";

/** Options of `clipGradNorm`: whether a non-finite total norm throws. */
export interface ClipGradNormOptions {
  /** Throw when the total norm is NaN or infinite instead of scaling by it (default false). */
  errorIfNonfinite?: boolean;
}

function gradsOf(params: Tensor | Iterable<Tensor>, where: string): Float32Array[] {
  const list = params instanceof Tensor ? [params] : [...params];
  const out: Float32Array[] = [];
  list.forEach((p, i) => {
    if (!(p instanceof Tensor)) throw new TypeError(`${where}: params[${i}] is not a Tensor`);
    if (p.grad !== null) out.push(p.grad.data);
  });
  return out;
}

/**
 * Rescales the gradients so that their joint norm ‖(g₁, g₂, ...)‖_p is at most `maxNorm`: when the
 * total norm exceeds it, every gradient is multiplied by maxNorm / (total + 1e-6). `normType` is p
 * (default 2; `Infinity` for the largest |g|). Returns the total norm before clipping, as a number
 * (PyTorch's `clip_grad_norm_` returns a tensor). Parameters without a gradient are ignored.
 */
export function clipGradNorm(params: Tensor | Iterable<Tensor>, maxNorm: number, normType = 2, options: ClipGradNormOptions = {}): number {
  if (!(maxNorm >= 0)) throw new RangeError(`clipGradNorm: invalid maxNorm: ${maxNorm} (expected maxNorm >= 0)`);
  if (!(normType > 0)) throw new RangeError(`clipGradNorm: invalid normType: ${normType} (expected a number > 0, or Infinity)`);
  const grads = gradsOf(params, "clipGradNorm");
  if (grads.length === 0) return 0;
  let total = 0;
  if (normType === Infinity) {
    for (const g of grads) for (let i = 0; i < g.length; i++) total = Math.max(total, Math.abs(g[i]!));
  } else {
    let acc = 0;
    for (const g of grads) {
      if (normType === 2) for (let i = 0; i < g.length; i++) acc += g[i]! * g[i]!;
      else if (normType === 1) for (let i = 0; i < g.length; i++) acc += Math.abs(g[i]!);
      else for (let i = 0; i < g.length; i++) acc += Math.abs(g[i]!) ** normType;
    }
    total = normType === 1 ? acc : normType === 2 ? Math.sqrt(acc) : acc ** (1 / normType);
  }
  if (options.errorIfNonfinite && !Number.isFinite(total)) {
    throw new RangeError(
      `clipGradNorm: the total norm of order ${normType} of the gradients is ${total}, so they cannot be clipped; pass errorIfNonfinite: false to scale by it anyway`,
    );
  }
  const coef = maxNorm / (total + 1e-6);
  if (coef < 1 || Number.isNaN(coef)) for (const g of grads) for (let i = 0; i < g.length; i++) g[i] *= coef;
  return total;
}

/** Clamps every gradient element to [−clipValue, clipValue] in place. Parameters without a gradient are ignored. */
export function clipGradValue(params: Tensor | Iterable<Tensor>, clipValue: number): void {
  if (!(clipValue >= 0)) throw new RangeError(`clipGradValue: invalid clipValue: ${clipValue} (expected clipValue >= 0)`);
  for (const g of gradsOf(params, "clipGradValue")) {
    for (let i = 0; i < g.length; i++) {
      const v = g[i]!;
      if (v > clipValue) g[i] = clipValue;
      else if (v < -clipValue) g[i] = -clipValue;
    }
  }
}
