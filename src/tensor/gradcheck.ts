/** Finite-difference gradient checking: compares autodiff with central differences. */
import { Tensor } from "./tensor.js";
import { Generator } from "./random.js";
import { fmt } from "./shape.js";

/** Options of `gradcheck`: the finite-difference step and the tolerances of the check |analytic − numeric| ≤ atol + rtol·|numeric|. */
export interface GradcheckOptions {
  /** Finite-difference step (float32 arithmetic: ~1e-3 balances truncation and rounding). */
  eps?: number;
  /** Absolute tolerance (default 1e-2). */
  atol?: number;
  /** Relative tolerance, times |numeric| (default 1e-2). */
  rtol?: number;
  /** Throw on a mismatch (the default, as PyTorch) or return false. */
  raiseException?: boolean;
  /** Seed of the random projection applied to non-scalar outputs. */
  seed?: number;
}

/**
 * Checks ∂fn/∂inputs from backward against central differences (f(x+ε) − f(x−ε))/2ε for every element
 * of every input that requires grad. A non-scalar output is reduced by a fixed random projection Σ v⊙f.
 * `fn` runs with the tape on, so it may itself call backward with createGraph (a double-backward check).
 */
export function gradcheck(fn: (...inputs: Tensor[]) => Tensor, inputs: readonly Tensor[], options: GradcheckOptions = {}): boolean {
  const eps = options.eps ?? 1e-3;
  const atol = options.atol ?? 1e-2;
  const rtol = options.rtol ?? 1e-2;
  const raise = options.raiseException ?? true;
  const targets = inputs.filter((t) => t.requiresGrad);
  if (targets.length === 0) throw new Error("gradcheck: no input has requiresGrad: true");

  const probe = fn(...inputs);
  const gen = new Generator(options.seed ?? 1234);
  const v = new Float32Array(probe.size);
  for (let i = 0; i < v.length; i++) v[i] = gen.uniform() * 2 - 1;
  const project = (out: Tensor): number => {
    let s = 0;
    for (let i = 0; i < out.size; i++) s += out.data[i]! * v[i]!;
    return s;
  };

  // Gradients go only into the checked inputs (leaf or not); the caller's .grad values are restored.
  const saved = targets.map((t) => t.grad);
  const analytics = new Map<Tensor, Float32Array>();
  try {
    for (const t of targets) t.grad = null;
    const out = fn(...inputs);
    if (!out.requiresGrad) {
      throw new Error("gradcheck: the function's output does not require grad (is every op differentiable?)");
    }
    out.backward(new Tensor(v, out.shape), { inputs: targets });
    for (const t of targets) analytics.set(t, t.grad?.data.slice() ?? new Float32Array(t.size));
  } finally {
    targets.forEach((t, i) => (t.grad = saved[i]!));
  }

  for (let k = 0; k < inputs.length; k++) {
    const x = inputs[k]!;
    if (!x.requiresGrad) continue;
    const analytic = analytics.get(x)!;
    for (let i = 0; i < x.size; i++) {
      const orig = x.data[i]!;
      x.data[i] = orig + eps;
      const fp = project(fn(...inputs));
      x.data[i] = orig - eps;
      const fm = project(fn(...inputs));
      x.data[i] = orig;
      const numeric = (fp - fm) / (2 * eps);
      const a = analytic[i]!;
      if (!(Math.abs(a - numeric) <= atol + rtol * Math.abs(numeric))) {
        if (!raise) return false;
        throw new Error(
          `gradcheck: input ${k} (shape ${fmt(x.shape)}) element ${i}: analytic gradient ${a} differs from numerical ${numeric} (atol ${atol}, rtol ${rtol})`,
        );
      }
    }
  }
  return true;
}
