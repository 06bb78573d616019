import type { Tensor } from "../tensor/index.js";
import { backend } from "../backend/registry.js";
import { Optimizer, zerosLike, type OptimizerOptions, type ParamGroup, type Params } from "./optimizer.js";
import { checkBetas, checkBoolean, checkNonNegative } from "./options.js";

/** Options of `Adam` and `AdamW` (defaults: lr 1e-3, betas [0.9, 0.999], eps 1e-8); each group may override them. */
export interface AdamOptions extends OptimizerOptions {
  /** Decay rates (β₁, β₂) of the running averages of the gradient and its square (default [0.9, 0.999]). */
  betas: [number, number];
  /** Added to the denominator for numerical stability (default 1e-8). */
  eps: number;
  /** L2 penalty λ (Adam: added to the gradient, default 0; AdamW: decoupled, default 0.01). */
  weightDecay: number;
  /** Use the maximum of all second-moment averages so far (AMSGrad; default false). */
  amsgrad: boolean;
  /** Ascend the objective instead of descending it (default false). */
  maximize: boolean;
}

export type AdamState = { step: number; exp_avg: Tensor; exp_avg_sq: Tensor; max_exp_avg_sq?: Tensor };

export const ADAM_DEFAULTS: AdamOptions = { lr: 1e-3, betas: [0.9, 0.999], eps: 1e-8, weightDecay: 0, amsgrad: false, maximize: false };

/** Checks shared by Adam and AdamW. */
export function validateAdam(owner: string, o: AdamOptions): void {
  checkNonNegative(owner, "lr", o.lr);
  checkNonNegative(owner, "eps", o.eps);
  checkBetas(owner, o.betas);
  checkNonNegative(owner, "weightDecay", o.weightDecay);
  checkBoolean(owner, "amsgrad", o.amsgrad);
  checkBoolean(owner, "maximize", o.maximize);
}

export function initAdamState(p: Tensor, group: AdamOptions): AdamState {
  const st: AdamState = { step: 0, exp_avg: zerosLike(p), exp_avg_sq: zerosLike(p) };
  if (group.amsgrad) st.max_exp_avg_sq = zerosLike(p);
  return st;
}

/**
 * One Adam step on one parameter; `decoupled` makes the weight decay AdamW's
 * (θ ← θ(1 − γλ) before the update) instead of an L2 term in the gradient.
 */
export function adamUpdate(param: Tensor, grad: Float32Array, st: AdamState, group: AdamOptions, decoupled: boolean): void {
  const { lr, eps, weightDecay, amsgrad, maximize } = group;
  const [beta1, beta2] = group.betas;
  const step = ++st.step;
  const vmax = amsgrad ? (st.max_exp_avg_sq ??= zerosLike(param)).data : null;
  // one fused kernel over the parameter (SIMD or C in the wasm and native backends)
  backend().adam(param.data, grad, st.exp_avg.data, st.exp_avg_sq.data, vmax, {
    beta1, beta2, eps,
    stepSize: lr / (1 - beta1 ** step),
    bc2Sqrt: Math.sqrt(1 - beta2 ** step),
    l2: decoupled ? 0 : weightDecay,
    shrink: decoupled ? 1 - lr * weightDecay : 1,
    sign: maximize ? -1 : 1,
  });
}

/**
 * Adam (Kingma & Ba, 2014), as PyTorch's `torch.optim.Adam`.
 *
 * ```text
 * input: γ (lr), β₁, β₂ (betas), θ₀ (params), f(θ) (objective), λ (weightDecay), amsgrad, maximize, ε (eps)
 * initialise: m₀ ← 0 ("exp_avg"), v₀ ← 0 ("exp_avg_sq"), v̂₀ᵐᵃˣ ← 0 ("max_exp_avg_sq")
 * for t = 1, 2, ...
 *   g ← ∇θ f(θ_{t-1});  if maximize: g ← −g
 *   if λ ≠ 0:  g ← g + λ θ_{t-1}
 *   m_t ← β₁ m_{t-1} + (1 − β₁) g
 *   v_t ← β₂ v_{t-1} + (1 − β₂) g²
 *   m̂ ← m_t / (1 − β₁ᵗ)
 *   if amsgrad:  v_tᵐᵃˣ ← max(v_{t-1}ᵐᵃˣ, v_t);  v̂ ← v_tᵐᵃˣ / (1 − β₂ᵗ)
 *   else:        v̂ ← v_t / (1 − β₂ᵗ)
 *   θ_t ← θ_{t-1} − γ m̂ / (√v̂ + ε)
 * ```
 *
 * As in PyTorch, AMSGrad keeps the maximum of the raw second moments v_t (before bias correction).
 */
export class Adam extends Optimizer<AdamOptions, AdamState> {
  constructor(params: Params<AdamOptions>, options: Partial<AdamOptions> = {}) {
    super("Adam", params, ADAM_DEFAULTS, options);
  }

  protected validate(o: AdamOptions): void {
    validateAdam(this.name, o);
  }

  protected initState(p: Tensor, group: ParamGroup<AdamOptions>): AdamState {
    return initAdamState(p, group);
  }

  protected update(param: Tensor, grad: Float32Array, state: AdamState, group: ParamGroup<AdamOptions>): void {
    adamUpdate(param, grad, state, group, false);
  }
}
