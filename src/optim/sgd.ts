import type { Tensor } from "../tensor/index.js";
import { Optimizer, zerosLike, type OptimizerOptions, type ParamGroup, type Params } from "./optimizer.js";
import { checkBoolean, checkNonNegative, checkRange } from "./options.js";

/** Options of `SGD` (lr is required; momentum, dampening and weightDecay default to 0); each group may override them. */
export interface SGDOptions extends OptimizerOptions {
  /** Momentum factor μ (default 0). */
  momentum: number;
  /** Dampening τ of the momentum (default 0). */
  dampening: number;
  /** L2 penalty λ added to the gradient (default 0). */
  weightDecay: number;
  /** Nesterov momentum (default false; needs momentum > 0 and dampening = 0). */
  nesterov: boolean;
  /** Ascend the objective instead of descending it (default false). */
  maximize: boolean;
}

type SGDState = { momentum_buffer?: Tensor };

const DEFAULTS: Omit<SGDOptions, "lr"> = { momentum: 0, dampening: 0, weightDecay: 0, nesterov: false, maximize: false };

/**
 * Stochastic gradient descent, optionally with momentum (PyTorch's `torch.optim.SGD`).
 *
 * ```text
 * input: γ (lr), θ₀ (params), f(θ) (objective), λ (weightDecay), μ (momentum), τ (dampening), nesterov, maximize
 * for t = 1, 2, ...
 *   g ← ∇θ f(θ_{t-1});  if maximize: g ← −g
 *   if λ ≠ 0:  g ← g + λ θ_{t-1}
 *   if μ ≠ 0:
 *     b ← (t = 1) ? g : μ b + (1 − τ) g          // state "momentum_buffer"
 *     g ← nesterov ? g + μ b : b
 *   θ_t ← θ_{t-1} − γ g
 * ```
 *
 * Like PyTorch (and unlike Sutskever et al.), the learning rate multiplies the velocity rather than
 * entering it, so with a constant gradient the step approaches γ g / (1 − μ): ten times plain SGD at μ = 0.9.
 * `lr` has no default, as in PyTorch 1.13.
 */
export class SGD extends Optimizer<SGDOptions, SGDState> {
  constructor(params: Params<SGDOptions>, options: Partial<SGDOptions> & { lr: number }) {
    if (options?.lr === undefined) throw new TypeError("SGD: lr is required (there is no default learning rate), e.g. { lr: 0.1 }");
    super("SGD", params, { lr: options.lr, ...DEFAULTS }, options);
  }

  protected validate(o: SGDOptions): void {
    checkNonNegative(this.name, "lr", o.lr);
    checkNonNegative(this.name, "momentum", o.momentum);
    checkRange(this.name, "dampening", o.dampening, 0, 1);
    checkNonNegative(this.name, "weightDecay", o.weightDecay);
    checkBoolean(this.name, "nesterov", o.nesterov);
    checkBoolean(this.name, "maximize", o.maximize);
    if (o.nesterov && (o.momentum <= 0 || o.dampening !== 0)) throw new RangeError("SGD: nesterov requires momentum > 0 and dampening = 0");
  }

  protected initState(): SGDState {
    return {};
  }

  protected update(param: Tensor, grad: Float32Array, state: SGDState, group: ParamGroup<SGDOptions>): void {
    const { lr, momentum, dampening, weightDecay, nesterov, maximize } = group;
    const p = param.data;
    const n = p.length;
    const sign = maximize ? -1 : 1;
    if (momentum === 0) {
      for (let i = 0; i < n; i++) p[i] -= lr * (sign * grad[i]! + weightDecay * p[i]!);
      return;
    }
    const first = state.momentum_buffer === undefined;
    const buf = (state.momentum_buffer ??= zerosLike(param)).data;
    const keep = 1 - dampening;
    for (let i = 0; i < n; i++) {
      const g = sign * grad[i]! + weightDecay * p[i]!;
      buf[i] = first ? g : momentum * buf[i]! + keep * g;
      const b = buf[i]!;
      p[i] -= lr * (nesterov ? g + momentum * b : b);
    }
  }
}
