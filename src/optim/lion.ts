import type { Tensor } from "../tensor/index.js";
import { Optimizer, zerosLike, type OptimizerOptions, type ParamGroup, type Params } from "./optimizer.js";
import { checkBetas, checkNonNegative } from "./options.js";

/** Options of `Lion` (defaults: lr 1e-4, betas [0.9, 0.99], weightDecay 0); each group may override them. */
export interface LionOptions extends OptimizerOptions {
  /** β₁ interpolates the update's direction, β₂ decays the momentum (default [0.9, 0.99]). */
  betas: [number, number];
  /** Decoupled weight decay λ, as AdamW's (default 0). */
  weightDecay: number;
}

type LionState = { exp_avg: Tensor };

const DEFAULTS: LionOptions = { lr: 1e-4, betas: [0.9, 0.99], weightDecay: 0 };

/**
 * Lion, EvoLved Sign Momentum (Chen et al., 2023, "Symbolic Discovery of Optimization Algorithms"),
 * following the reference lucidrains/lion-pytorch. Not in PyTorch. Every coordinate moves by exactly
 * ±γ (plus decay), so Lion wants a learning rate 3-10× smaller than AdamW's and a larger weight decay.
 *
 * ```text
 * input: γ (lr), β₁, β₂ (betas), θ₀ (params), f(θ) (objective), λ (weightDecay)
 * initialise: m₀ ← 0 ("exp_avg")
 * for t = 1, 2, ...
 *   g ← ∇θ f(θ_{t-1})
 *   c ← β₁ m_{t-1} + (1 − β₁) g
 *   θ_t ← θ_{t-1} (1 − γλ) − γ sign(c)
 *   m_t ← β₂ m_{t-1} + (1 − β₂) g
 * ```
 *
 * sign(0) = 0. The state has no step counter, as in the reference.
 */
export class Lion extends Optimizer<LionOptions, LionState> {
  constructor(params: Params<LionOptions>, options: Partial<LionOptions> = {}) {
    super("Lion", params, DEFAULTS, options);
  }

  protected validate(o: LionOptions): void {
    checkNonNegative(this.name, "lr", o.lr);
    checkBetas(this.name, o.betas);
    checkNonNegative(this.name, "weightDecay", o.weightDecay);
  }

  protected initState(p: Tensor): LionState {
    return { exp_avg: zerosLike(p) };
  }

  protected update(param: Tensor, grad: Float32Array, st: LionState, group: ParamGroup<LionOptions>): void {
    const { lr, weightDecay } = group;
    const [beta1, beta2] = group.betas;
    const shrink = 1 - lr * weightDecay;
    const p = param.data;
    const m = st.exp_avg.data;
    for (let i = 0, n = p.length; i < n; i++) {
      const g = grad[i]!;
      const c = Math.fround(beta1 * m[i]! + (1 - beta1) * g);
      p[i] *= shrink;
      p[i] -= c > 0 ? lr : c < 0 ? -lr : 0;
      m[i] = beta2 * m[i]! + (1 - beta2) * g;
    }
  }
}
