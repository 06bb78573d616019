import type { Tensor } from "../tensor/index.js";
import { Optimizer, zerosLike, type OptimizerOptions, type ParamGroup, type Params } from "./optimizer.js";
import { checkBoolean, checkNonNegative, checkRange } from "./options.js";

/** Options of `Adadelta` (defaults: lr 1, rho 0.9, eps 1e-6, weightDecay 0); each group may override them. */
export interface AdadeltaOptions extends OptimizerOptions {
  /** Decay rate ρ of the running averages (default 0.9). */
  rho: number;
  /** Added inside both square roots for numerical stability (default 1e-6). */
  eps: number;
  /** L2 penalty λ added to the gradient (default 0). */
  weightDecay: number;
  /** Ascend the objective instead of descending it (default false). */
  maximize: boolean;
}

type AdadeltaState = { step: number; square_avg: Tensor; acc_delta: Tensor };

const DEFAULTS: AdadeltaOptions = { lr: 1, rho: 0.9, eps: 1e-6, weightDecay: 0, maximize: false };

/**
 * Adadelta (Zeiler, 2012), as PyTorch's `torch.optim.Adadelta`: the step is the ratio of two running
 * RMS values, of past updates and of gradients, so it needs no learning rate (`lr` scales it, default 1).
 *
 * ```text
 * input: γ (lr), θ₀ (params), f(θ) (objective), ρ (rho), λ (weightDecay), ε (eps), maximize
 * initialise: v₀ ← 0 ("square_avg"), u₀ ← 0 ("acc_delta")
 * for t = 1, 2, ...
 *   g ← ∇θ f(θ_{t-1});  if maximize: g ← −g
 *   if λ ≠ 0:  g ← g + λ θ_{t-1}
 *   v_t ← ρ v_{t-1} + (1 − ρ) g²
 *   Δ ← √(u_{t-1} + ε) / √(v_t + ε) · g
 *   u_t ← ρ u_{t-1} + (1 − ρ) Δ²
 *   θ_t ← θ_{t-1} − γ Δ
 * ```
 */
export class Adadelta extends Optimizer<AdadeltaOptions, AdadeltaState> {
  constructor(params: Params<AdadeltaOptions>, options: Partial<AdadeltaOptions> = {}) {
    super("Adadelta", params, DEFAULTS, options);
  }

  protected validate(o: AdadeltaOptions): void {
    checkNonNegative(this.name, "lr", o.lr);
    checkRange(this.name, "rho", o.rho, 0, 1);
    checkNonNegative(this.name, "eps", o.eps);
    checkNonNegative(this.name, "weightDecay", o.weightDecay);
    checkBoolean(this.name, "maximize", o.maximize);
  }

  protected initState(p: Tensor): AdadeltaState {
    return { step: 0, square_avg: zerosLike(p), acc_delta: zerosLike(p) };
  }

  protected update(param: Tensor, grad: Float32Array, st: AdadeltaState, group: ParamGroup<AdadeltaOptions>): void {
    const { lr, rho, eps, weightDecay, maximize } = group;
    st.step += 1;
    const p = param.data;
    const v = st.square_avg.data;
    const u = st.acc_delta.data;
    const sign = maximize ? -1 : 1;
    for (let i = 0, n = p.length; i < n; i++) {
      const g = sign * grad[i]! + weightDecay * p[i]!;
      v[i] = rho * v[i]! + (1 - rho) * g * g;
      const delta = (Math.sqrt(u[i]! + eps) / Math.sqrt(v[i]! + eps)) * g;
      u[i] = rho * u[i]! + (1 - rho) * delta * delta;
      p[i] -= lr * delta;
    }
  }
}
