import { Tensor } from "../tensor/index.js";
import { Optimizer, type OptimizerOptions, type ParamGroup, type Params } from "./optimizer.js";
import { checkBoolean, checkNonNegative } from "./options.js";

/** Options of `Adagrad` (defaults: lr 1e-2, lrDecay 0, weightDecay 0, initialAccumulatorValue 0, eps 1e-10); each group may override them. */
export interface AdagradOptions extends OptimizerOptions {
  /** Learning-rate decay η: the step t uses γ / (1 + (t − 1) η) (default 0). */
  lrDecay: number;
  /** L2 penalty λ added to the gradient (default 0). */
  weightDecay: number;
  /** Starting value of the sum of squared gradients (default 0). */
  initialAccumulatorValue: number;
  /** Added to the denominator for numerical stability (default 1e-10). */
  eps: number;
  /** Ascend the objective instead of descending it (default false). */
  maximize: boolean;
}

type AdagradState = { step: number; sum: Tensor };

const DEFAULTS: AdagradOptions = { lr: 1e-2, lrDecay: 0, weightDecay: 0, initialAccumulatorValue: 0, eps: 1e-10, maximize: false };

/**
 * Adagrad (Duchi et al., 2011), as PyTorch's `torch.optim.Adagrad`: each coordinate's step shrinks with
 * the sum of its squared gradients so far.
 *
 * ```text
 * input: γ (lr), θ₀ (params), f(θ) (objective), λ (weightDecay), τ (initialAccumulatorValue), η (lrDecay), ε (eps), maximize
 * initialise: s₀ ← τ ("sum")
 * for t = 1, 2, ...
 *   g ← ∇θ f(θ_{t-1});  if maximize: g ← −g
 *   γ̃ ← γ / (1 + (t − 1) η)
 *   if λ ≠ 0:  g ← g + λ θ_{t-1}
 *   s_t ← s_{t-1} + g²
 *   θ_t ← θ_{t-1} − γ̃ g / (√s_t + ε)
 * ```
 *
 * As in PyTorch, the state of every parameter exists from construction (so `stateDict()` lists them all).
 */
export class Adagrad extends Optimizer<AdagradOptions, AdagradState> {
  constructor(params: Params<AdagradOptions>, options: Partial<AdagradOptions> = {}) {
    super("Adagrad", params, DEFAULTS, options);
    for (const group of this.paramGroups) for (const p of group.params) this.state.set(p, this.initState(p, group));
  }

  protected validate(o: AdagradOptions): void {
    checkNonNegative(this.name, "lr", o.lr);
    checkNonNegative(this.name, "lrDecay", o.lrDecay);
    checkNonNegative(this.name, "weightDecay", o.weightDecay);
    checkNonNegative(this.name, "initialAccumulatorValue", o.initialAccumulatorValue);
    checkNonNegative(this.name, "eps", o.eps);
    checkBoolean(this.name, "maximize", o.maximize);
  }

  protected initState(p: Tensor, group: ParamGroup<AdagradOptions>): AdagradState {
    return { step: 0, sum: new Tensor(new Float32Array(p.data.length).fill(group.initialAccumulatorValue), p.shape) };
  }

  protected update(param: Tensor, grad: Float32Array, st: AdagradState, group: ParamGroup<AdagradOptions>): void {
    const { lr, lrDecay, weightDecay, eps, maximize } = group;
    const step = ++st.step;
    const clr = lr / (1 + (step - 1) * lrDecay);
    const p = param.data;
    const s = st.sum.data;
    const sign = maximize ? -1 : 1;
    for (let i = 0, n = p.length; i < n; i++) {
      const g = sign * grad[i]! + weightDecay * p[i]!;
      s[i] += g * g;
      p[i] -= (clr * g) / (Math.sqrt(s[i]!) + eps);
    }
  }
}
