import type { Tensor } from "../tensor/index.js";
import { Optimizer, zerosLike, type OptimizerOptions, type ParamGroup, type Params } from "./optimizer.js";
import { checkBetas, checkBoolean, checkNonNegative } from "./options.js";

/** Options of `Adamax` (defaults: lr 2e-3, betas [0.9, 0.999], eps 1e-8, weightDecay 0); each group may override them. */
export interface AdamaxOptions extends OptimizerOptions {
  /** Decay rates (β₁, β₂) of the gradient's running average and of the infinity norm (default [0.9, 0.999]). */
  betas: [number, number];
  /** Added to |g| for numerical stability (default 1e-8). */
  eps: number;
  /** L2 penalty λ added to the gradient (default 0). */
  weightDecay: number;
  /** Ascend the objective instead of descending it (default false). */
  maximize: boolean;
}

type AdamaxState = { step: number; exp_avg: Tensor; exp_inf: Tensor };

const DEFAULTS: AdamaxOptions = { lr: 2e-3, betas: [0.9, 0.999], eps: 1e-8, weightDecay: 0, maximize: false };

/**
 * Adamax, Adam with the infinity norm (Kingma & Ba, 2014, §7.1), as PyTorch's `torch.optim.Adamax`.
 *
 * ```text
 * input: γ (lr), β₁, β₂ (betas), θ₀ (params), f(θ) (objective), λ (weightDecay), ε (eps), maximize
 * initialise: m₀ ← 0 ("exp_avg"), u₀ ← 0 ("exp_inf")
 * for t = 1, 2, ...
 *   g ← ∇θ f(θ_{t-1});  if maximize: g ← −g
 *   if λ ≠ 0:  g ← g + λ θ_{t-1}
 *   m_t ← β₁ m_{t-1} + (1 − β₁) g
 *   u_t ← max(β₂ u_{t-1}, |g| + ε)
 *   θ_t ← θ_{t-1} − γ m_t / ((1 − β₁ᵗ) u_t)
 * ```
 */
export class Adamax extends Optimizer<AdamaxOptions, AdamaxState> {
  constructor(params: Params<AdamaxOptions>, options: Partial<AdamaxOptions> = {}) {
    super("Adamax", params, DEFAULTS, options);
  }

  protected validate(o: AdamaxOptions): void {
    checkNonNegative(this.name, "lr", o.lr);
    checkNonNegative(this.name, "eps", o.eps);
    checkBetas(this.name, o.betas);
    checkNonNegative(this.name, "weightDecay", o.weightDecay);
    checkBoolean(this.name, "maximize", o.maximize);
  }

  protected initState(p: Tensor): AdamaxState {
    return { step: 0, exp_avg: zerosLike(p), exp_inf: zerosLike(p) };
  }

  protected update(param: Tensor, grad: Float32Array, st: AdamaxState, group: ParamGroup<AdamaxOptions>): void {
    const { lr, eps, weightDecay, maximize } = group;
    const [beta1, beta2] = group.betas;
    const step = ++st.step;
    const clr = lr / (1 - beta1 ** step);
    const p = param.data;
    const m = st.exp_avg.data;
    const u = st.exp_inf.data;
    const sign = maximize ? -1 : 1;
    for (let i = 0, n = p.length; i < n; i++) {
      const g = sign * grad[i]! + weightDecay * p[i]!;
      m[i] = beta1 * m[i]! + (1 - beta1) * g;
      u[i] = Math.max(beta2 * u[i]!, Math.abs(g) + eps);
      p[i] -= (clr * m[i]!) / u[i]!;
    }
  }
}
