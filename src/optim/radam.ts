import type { Tensor } from "../tensor/index.js";
import { Optimizer, zerosLike, type OptimizerOptions, type ParamGroup, type Params } from "./optimizer.js";
import { checkBetas, checkNonNegative } from "./options.js";

/** Options of `RAdam` (defaults: lr 1e-3, betas [0.9, 0.999], eps 1e-8, weightDecay 0); each group may override them. */
export interface RAdamOptions extends OptimizerOptions {
  /** Decay rates (β₁, β₂) of the running averages of the gradient and its square (default [0.9, 0.999]). */
  betas: [number, number];
  /** Added to the denominator for numerical stability (default 1e-8). */
  eps: number;
  /** L2 penalty λ added to the gradient (default 0). */
  weightDecay: number;
}

type RAdamState = { step: number; exp_avg: Tensor; exp_avg_sq: Tensor };

const DEFAULTS: RAdamOptions = { lr: 1e-3, betas: [0.9, 0.999], eps: 1e-8, weightDecay: 0 };

/**
 * RAdam, Adam with its adaptive step rectified while the variance estimate is unreliable (Liu et al.,
 * 2019), as PyTorch's `torch.optim.RAdam`. Early steps (ρ_t ≤ 5) are plain momentum SGD.
 *
 * ```text
 * input: γ (lr), β₁, β₂ (betas), θ₀ (params), f(θ) (objective), λ (weightDecay), ε (eps)
 * initialise: m₀ ← 0 ("exp_avg"), v₀ ← 0 ("exp_avg_sq"), ρ_∞ ← 2/(1 − β₂) − 1
 * for t = 1, 2, ...
 *   g ← ∇θ f(θ_{t-1})
 *   if λ ≠ 0:  g ← g + λ θ_{t-1}
 *   m_t ← β₁ m_{t-1} + (1 − β₁) g
 *   v_t ← β₂ v_{t-1} + (1 − β₂) g²
 *   m̂ ← m_t / (1 − β₁ᵗ)
 *   ρ_t ← ρ_∞ − 2 t β₂ᵗ / (1 − β₂ᵗ)
 *   if ρ_t > 5:
 *     l ← √(1 − β₂ᵗ) / (√v_t + ε)
 *     r ← √((ρ_t − 4)(ρ_t − 2) ρ_∞ / ((ρ_∞ − 4)(ρ_∞ − 2) ρ_t))
 *     θ_t ← θ_{t-1} − γ m̂ l r
 *   else
 *     θ_t ← θ_{t-1} − γ m̂
 * ```
 */
export class RAdam extends Optimizer<RAdamOptions, RAdamState> {
  constructor(params: Params<RAdamOptions>, options: Partial<RAdamOptions> = {}) {
    super("RAdam", params, DEFAULTS, options);
  }

  protected validate(o: RAdamOptions): void {
    checkNonNegative(this.name, "lr", o.lr);
    checkNonNegative(this.name, "eps", o.eps);
    checkBetas(this.name, o.betas);
    checkNonNegative(this.name, "weightDecay", o.weightDecay);
  }

  protected initState(p: Tensor): RAdamState {
    return { step: 0, exp_avg: zerosLike(p), exp_avg_sq: zerosLike(p) };
  }

  protected update(param: Tensor, grad: Float32Array, st: RAdamState, group: ParamGroup<RAdamOptions>): void {
    const { lr, eps, weightDecay } = group;
    const [beta1, beta2] = group.betas;
    const step = ++st.step;
    const bc1 = 1 - beta1 ** step;
    const bc2 = 1 - beta2 ** step;
    const rhoInf = 2 / (1 - beta2) - 1;
    const rhoT = rhoInf - (2 * step * beta2 ** step) / bc2;
    const rectified = rhoT > 5;
    const rect = rectified ? Math.sqrt(((rhoT - 4) * (rhoT - 2) * rhoInf) / ((rhoInf - 4) * (rhoInf - 2) * rhoT)) : 1;
    const bc2Sqrt = Math.sqrt(bc2);
    const p = param.data;
    const m = st.exp_avg.data;
    const v = st.exp_avg_sq.data;
    for (let i = 0, n = p.length; i < n; i++) {
      const g = grad[i]! + weightDecay * p[i]!;
      m[i] = beta1 * m[i]! + (1 - beta1) * g;
      v[i] = beta2 * v[i]! + (1 - beta2) * g * g;
      const mHat = m[i]! / bc1;
      p[i] -= rectified ? mHat * lr * (bc2Sqrt / (Math.sqrt(v[i]!) + eps)) * rect : mHat * lr;
    }
  }
}
