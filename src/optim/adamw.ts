import type { Tensor } from "../tensor/index.js";
import { Optimizer, type ParamGroup, type Params } from "./optimizer.js";
import { ADAM_DEFAULTS, adamUpdate, initAdamState, validateAdam, type AdamOptions, type AdamState } from "./adam.js";

/**
 * Adam with decoupled weight decay (Loshchilov & Hutter, 2017), as PyTorch's `torch.optim.AdamW`.
 * The same update as `Adam`, except that the decay shrinks the weights directly instead of entering
 * the gradient (and so the moments); `weightDecay` defaults to 0.01.
 *
 * ```text
 * input: γ (lr), β₁, β₂ (betas), θ₀ (params), f(θ) (objective), λ (weightDecay), amsgrad, maximize, ε (eps)
 * initialise: m₀ ← 0 ("exp_avg"), v₀ ← 0 ("exp_avg_sq"), v̂₀ᵐᵃˣ ← 0 ("max_exp_avg_sq")
 * for t = 1, 2, ...
 *   g ← ∇θ f(θ_{t-1});  if maximize: g ← −g
 *   θ_t ← θ_{t-1} − γ λ θ_{t-1}
 *   m_t ← β₁ m_{t-1} + (1 − β₁) g
 *   v_t ← β₂ v_{t-1} + (1 − β₂) g²
 *   m̂ ← m_t / (1 − β₁ᵗ)
 *   if amsgrad:  v_tᵐᵃˣ ← max(v_{t-1}ᵐᵃˣ, v_t);  v̂ ← v_tᵐᵃˣ / (1 − β₂ᵗ)
 *   else:        v̂ ← v_t / (1 − β₂ᵗ)
 *   θ_t ← θ_t − γ m̂ / (√v̂ + ε)
 * ```
 */
export class AdamW extends Optimizer<AdamOptions, AdamState> {
  constructor(params: Params<AdamOptions>, options: Partial<AdamOptions> = {}) {
    super("AdamW", params, { ...ADAM_DEFAULTS, weightDecay: 1e-2 }, options);
  }

  protected validate(o: AdamOptions): void {
    validateAdam(this.name, o);
  }

  protected initState(p: Tensor, group: ParamGroup<AdamOptions>): AdamState {
    return initAdamState(p, group);
  }

  protected update(param: Tensor, grad: Float32Array, state: AdamState, group: ParamGroup<AdamOptions>): void {
    adamUpdate(param, grad, state, group, true);
  }
}
