import type { Tensor } from "../tensor/index.js";
import { Optimizer, zerosLike, type OptimizerOptions, type ParamGroup, type Params } from "./optimizer.js";
import { checkBetas, checkNonNegative } from "./options.js";

/** Options of `NAdam` (defaults: lr 2e-3, betas [0.9, 0.999], eps 1e-8, weightDecay 0, momentumDecay 4e-3); each group may override them. */
export interface NAdamOptions extends OptimizerOptions {
  /** Decay rates (β₁, β₂) of the running averages of the gradient and its square (default [0.9, 0.999]). */
  betas: [number, number];
  /** Added to the denominator for numerical stability (default 1e-8). */
  eps: number;
  /** L2 penalty λ added to the gradient (default 0). */
  weightDecay: number;
  /** ψ in the momentum schedule μ_t = β₁(1 − ½·0.96^(tψ)) (default 4e-3). */
  momentumDecay: number;
}

type NAdamState = { step: number; mu_product: number; exp_avg: Tensor; exp_avg_sq: Tensor };

const DEFAULTS: NAdamOptions = { lr: 2e-3, betas: [0.9, 0.999], eps: 1e-8, weightDecay: 0, momentumDecay: 4e-3 };

/**
 * NAdam, Adam with Nesterov momentum (Dozat, 2016), as PyTorch's `torch.optim.NAdam`.
 *
 * ```text
 * input: γ (lr), β₁, β₂ (betas), θ₀ (params), f(θ) (objective), λ (weightDecay), ψ (momentumDecay), ε (eps)
 * initialise: m₀ ← 0 ("exp_avg"), v₀ ← 0 ("exp_avg_sq"), Π₀ ← 1 ("mu_product")
 * for t = 1, 2, ...
 *   g ← ∇θ f(θ_{t-1})
 *   if λ ≠ 0:  g ← g + λ θ_{t-1}
 *   μ_t ← β₁ (1 − ½ · 0.96^(tψ));  μ_{t+1} ← β₁ (1 − ½ · 0.96^((t+1)ψ))
 *   Π_t ← Π_{t-1} μ_t
 *   m_t ← β₁ m_{t-1} + (1 − β₁) g
 *   v_t ← β₂ v_{t-1} + (1 − β₂) g²
 *   v̂ ← v_t / (1 − β₂ᵗ)
 *   θ_t ← θ_{t-1} − γ (1 − μ_t) / (1 − Π_t) · g / (√v̂ + ε) − γ μ_{t+1} / (1 − Π_t μ_{t+1}) · m_t / (√v̂ + ε)
 * ```
 *
 * Π ("mu_product") is rounded to float32 each step, as PyTorch keeps it in a float32 tensor.
 */
export class NAdam extends Optimizer<NAdamOptions, NAdamState> {
  constructor(params: Params<NAdamOptions>, options: Partial<NAdamOptions> = {}) {
    super("NAdam", params, DEFAULTS, options);
  }

  protected validate(o: NAdamOptions): void {
    checkNonNegative(this.name, "lr", o.lr);
    checkNonNegative(this.name, "eps", o.eps);
    checkBetas(this.name, o.betas);
    checkNonNegative(this.name, "weightDecay", o.weightDecay);
    checkNonNegative(this.name, "momentumDecay", o.momentumDecay);
  }

  protected initState(p: Tensor): NAdamState {
    return { step: 0, mu_product: 1, exp_avg: zerosLike(p), exp_avg_sq: zerosLike(p) };
  }

  protected update(param: Tensor, grad: Float32Array, st: NAdamState, group: ParamGroup<NAdamOptions>): void {
    const { lr, eps, weightDecay, momentumDecay } = group;
    const [beta1, beta2] = group.betas;
    const step = ++st.step;
    const bc2 = 1 - beta2 ** step;
    const mu = beta1 * (1 - 0.5 * 0.96 ** (step * momentumDecay));
    const muNext = beta1 * (1 - 0.5 * 0.96 ** ((step + 1) * momentumDecay));
    const muProduct = (st.mu_product = Math.fround(st.mu_product * mu));
    const muProductNext = Math.fround(Math.fround(muProduct * mu) * muNext);
    const gradScale = (lr * (1 - mu)) / (1 - muProduct);
    const avgScale = (lr * muNext) / (1 - muProductNext);
    const p = param.data;
    const m = st.exp_avg.data;
    const v = st.exp_avg_sq.data;
    for (let i = 0, n = p.length; i < n; i++) {
      const g = grad[i]! + weightDecay * p[i]!;
      m[i] = beta1 * m[i]! + (1 - beta1) * g;
      v[i] = beta2 * v[i]! + (1 - beta2) * g * g;
      const denom = Math.sqrt(v[i]! / bc2) + eps;
      p[i] -= (gradScale * g + avgScale * m[i]!) / denom;
    }
  }
}
