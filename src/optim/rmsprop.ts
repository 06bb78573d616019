import type { Tensor } from "../tensor/index.js";
import { Optimizer, zerosLike, type OptimizerOptions, type ParamGroup, type Params } from "./optimizer.js";
import { checkBoolean, checkNonNegative } from "./options.js";

/** Options of `RMSprop` (defaults: lr 1e-2, alpha 0.99, eps 1e-8, weightDecay 0, momentum 0); each group may override them. */
export interface RMSpropOptions extends OptimizerOptions {
  /** Decay rate α of the running average of squared gradients (default 0.99). */
  alpha: number;
  /** Added to the denominator for numerical stability (default 1e-8). */
  eps: number;
  /** L2 penalty λ added to the gradient (default 0). */
  weightDecay: number;
  /** Momentum factor μ (default 0). */
  momentum: number;
  /** Divide by an estimate of the gradient's variance instead of its second moment (default false). */
  centered: boolean;
  /** Ascend the objective instead of descending it (default false). */
  maximize: boolean;
}

type RMSpropState = { step: number; square_avg: Tensor; momentum_buffer?: Tensor; grad_avg?: Tensor };

const DEFAULTS: RMSpropOptions = { lr: 1e-2, alpha: 0.99, eps: 1e-8, weightDecay: 0, momentum: 0, centered: false, maximize: false };

/**
 * RMSprop (Hinton's lecture 6e), as PyTorch's `torch.optim.RMSprop`: each coordinate's step is divided by
 * the root of a running average of its squared gradients.
 *
 * ```text
 * input: α (alpha), γ (lr), θ₀ (params), f(θ) (objective), λ (weightDecay), μ (momentum), centered, ε (eps), maximize
 * initialise: v₀ ← 0 ("square_avg"), b₀ ← 0 ("momentum_buffer"), g₀ᵃᵛᵉ ← 0 ("grad_avg")
 * for t = 1, 2, ...
 *   g ← ∇θ f(θ_{t-1});  if maximize: g ← −g
 *   if λ ≠ 0:  g ← g + λ θ_{t-1}
 *   v_t ← α v_{t-1} + (1 − α) g²
 *   ṽ ← v_t
 *   if centered:  g_tᵃᵛᵉ ← α g_{t-1}ᵃᵛᵉ + (1 − α) g;  ṽ ← ṽ − (g_tᵃᵛᵉ)²
 *   if μ > 0:  b_t ← μ b_{t-1} + g / (√ṽ + ε);  θ_t ← θ_{t-1} − γ b_t
 *   else:      θ_t ← θ_{t-1} − γ g / (√ṽ + ε)
 * ```
 *
 * ε is added outside the square root, as in PyTorch (TensorFlow adds it inside).
 */
export class RMSprop extends Optimizer<RMSpropOptions, RMSpropState> {
  constructor(params: Params<RMSpropOptions>, options: Partial<RMSpropOptions> = {}) {
    super("RMSprop", params, DEFAULTS, options);
  }

  protected validate(o: RMSpropOptions): void {
    checkNonNegative(this.name, "lr", o.lr);
    checkNonNegative(this.name, "eps", o.eps);
    checkNonNegative(this.name, "momentum", o.momentum);
    checkNonNegative(this.name, "weightDecay", o.weightDecay);
    checkNonNegative(this.name, "alpha", o.alpha);
    checkBoolean(this.name, "centered", o.centered);
    checkBoolean(this.name, "maximize", o.maximize);
  }

  protected initState(p: Tensor, group: ParamGroup<RMSpropOptions>): RMSpropState {
    const st: RMSpropState = { step: 0, square_avg: zerosLike(p) };
    if (group.momentum > 0) st.momentum_buffer = zerosLike(p);
    if (group.centered) st.grad_avg = zerosLike(p);
    return st;
  }

  protected update(param: Tensor, grad: Float32Array, st: RMSpropState, group: ParamGroup<RMSpropOptions>): void {
    const { lr, alpha, eps, weightDecay, momentum, centered, maximize } = group;
    st.step += 1;
    const p = param.data;
    const v = st.square_avg.data;
    const ga = centered ? (st.grad_avg ??= zerosLike(param)).data : v;
    const buf = momentum > 0 ? (st.momentum_buffer ??= zerosLike(param)).data : v;
    const sign = maximize ? -1 : 1;
    for (let i = 0, n = p.length; i < n; i++) {
      const g = sign * grad[i]! + weightDecay * p[i]!;
      v[i] = alpha * v[i]! + (1 - alpha) * g * g;
      let avg = v[i]!;
      if (centered) {
        ga[i] = alpha * ga[i]! + (1 - alpha) * g;
        avg -= ga[i]! * ga[i]!;
      }
      const denom = Math.sqrt(avg) + eps;
      if (momentum > 0) {
        buf[i] = momentum * buf[i]! + g / denom;
        p[i] -= lr * buf[i]!;
      } else {
        p[i] -= (lr * g) / denom;
      }
    }
  }
}
