/**
 * The optimiser base: parameter groups with live options, lazily created per-parameter state, the step
 * loop that skips parameters without a gradient, and PyTorch-shaped state dicts. Each optimiser adds
 * only its defaults, its checks and one in-place update of a parameter (`update`).
 */
import { Tensor, enableGrad } from "../tensor/index.js";
import { allocPersistent } from "../tensor/storage.js";
import { checkKnownKeys, copyPlain, defined, show } from "./options.js";

/** Every optimiser's options include the learning rate. */
export interface OptimizerOptions {
  /** The learning rate γ. */
  lr: number;
}

/**
 * A parameter group: its tensors and its live options (set `group.lr` and the next step uses it).
 * Schedules add keys of their own, such as `initialLr`.
 */
export type ParamGroup<O extends OptimizerOptions = OptimizerOptions> = O & { params: Tensor[]; [key: string]: unknown };

/** What a constructor accepts for one group: its tensors and the options that override the defaults. */
export type ParamGroupInit<O> = { params: Iterable<Tensor> | Tensor } & Partial<O>;

/** An optimiser's first argument: the tensors to optimise (`model.parameters()`), or a list of parameter groups. */
export type Params<O> = Iterable<Tensor> | readonly ParamGroupInit<O>[];

/** One parameter's state: counters as numbers, buffers as tensors shaped like the parameter. */
export type ParamState = Record<string, number | Tensor | undefined>;

/**
 * PyTorch's layout: `state` maps a parameter's index (counting through the groups in order) to its
 * state under PyTorch's names (`step`, `exp_avg`, ...); `param_groups` holds each group's options under
 * nabla's names (`lr`, `betas`, `weightDecay`, ...) with `params` as indices. Plain data: numbers,
 * booleans, strings, arrays and Tensors.
 */
export interface OptimizerStateDict {
  state: Record<number, Record<string, number | Tensor>>;
  param_groups: Array<{ params: number[]; [option: string]: unknown }>;
}

/** A state tensor as it may come back from a serialiser. */
type StateValue = number | Tensor | Float32Array | readonly number[];

/**
 * The base class of every optimiser (PyTorch's `torch.optim.Optimizer`): it holds the parameter groups and
 * per-parameter state, and `step()` updates each parameter that has a gradient in place.
 */
export abstract class Optimizer<O extends OptimizerOptions = OptimizerOptions, S extends ParamState = ParamState> {
  /** The options each group starts from (the constructor's options over the optimiser's defaults). */
  readonly defaults: Readonly<O>;
  /** The parameter groups, each with its tensors and its live options. */
  readonly paramGroups: ParamGroup<O>[] = [];
  /** Per-parameter state, created on the parameter's first update. */
  state = new Map<Tensor, S>();

  protected constructor(
    /** The class name, for error messages. */
    readonly name: string,
    params: Params<O>,
    defaults: O,
    options: Partial<O>,
  ) {
    checkKnownKeys(name, options, Object.keys(defaults));
    const resolved = { ...copyPlain(defaults), ...copyPlain(defined(options)) } as O;
    this.validate(resolved);
    this.defaults = resolved;
    if (params instanceof Tensor || params === null || typeof params !== "object" || !(Symbol.iterator in params)) {
      throw new TypeError(`${name}: params must be an array of Tensors or of param groups ({ params, ...options }), got ${params instanceof Tensor ? "a single Tensor" : show(params)}`);
    }
    const list = [...(params as Iterable<Tensor | ParamGroupInit<O>>)];
    if (list.length === 0) throw new RangeError(`${name}: got an empty parameter list`);
    if (list[0] instanceof Tensor) this.addParamGroup({ params: list as Tensor[] } as unknown as ParamGroupInit<O>);
    else for (const g of list as ParamGroupInit<O>[]) this.addParamGroup(g);
  }

  /** Throws on invalid options (checked for the defaults and for every group). */
  protected abstract validate(options: O): void;
  /** The state of a parameter before its first update. */
  protected abstract initState(param: Tensor, group: ParamGroup<O>): S;
  /** Updates one parameter in place (`param.data`) from its gradient's values. */
  protected abstract update(param: Tensor, grad: Float32Array, state: S, group: ParamGroup<O>): void;

  /** Adds a group of parameters with its own options (PyTorch's `add_param_group`), e.g. to unfreeze layers. */
  addParamGroup(group: ParamGroupInit<O>): void {
    const where = `${this.name}: param group ${this.paramGroups.length}`;
    const given = group?.params;
    if (given === null || typeof given !== "object" || !(given instanceof Tensor || Symbol.iterator in given)) {
      throw new TypeError(`${where}: expected { params: Tensor[], ...options }, got ${show(group)}`);
    }
    const params = given instanceof Tensor ? [given] : [...given];
    const seen = new Set<Tensor>();
    params.forEach((p, i) => {
      if (!(p instanceof Tensor)) throw new TypeError(`${where}: params[${i}] is not a Tensor (got ${show(p)})`);
      if (!p.isLeaf && !p.retainsGrad) throw new RangeError(`${where}: params[${i}] is not a leaf tensor; optimise the leaves`);
      if (seen.has(p)) throw new RangeError(`${where}: params[${i}] appears twice in the group`);
      seen.add(p);
    });
    for (const g of this.paramGroups) {
      if (g.params.some((p) => seen.has(p))) throw new RangeError(`${where}: some parameters appear in more than one parameter group`);
    }
    const { params: _, ...overrides } = group as { params: unknown } & Record<string, unknown>;
    checkKnownKeys(this.name, overrides, Object.keys(this.defaults));
    const resolved = { ...copyPlain(this.defaults), ...copyPlain(defined(overrides)), params } as ParamGroup<O>;
    this.validate(resolved);
    this.paramGroups.push(resolved);
  }

  /**
   * One update of every parameter that has a gradient (the others are skipped). With a closure, it is
   * called first with gradient recording on, and its result (the loss) is returned.
   */
  step<L = undefined>(closure?: () => L): L | undefined {
    const loss = closure === undefined ? undefined : enableGrad(closure);
    for (const group of this.paramGroups) {
      for (const p of group.params) {
        const g = p.grad;
        if (g === null) continue;
        if (g.data.length !== p.data.length) {
          throw new RangeError(`${this.name}.step: a parameter of shape [${p.shape.join(", ")}] has a gradient of shape [${g.shape.join(", ")}]`);
        }
        let st = this.state.get(p);
        if (st === undefined) {
          st = this.initState(p, group);
          this.state.set(p, st);
        }
        this.update(p, g.data, st, group);
      }
    }
    return loss;
  }

  /** Clears the gradients: sets `p.grad = null` (the default, as PyTorch 2), or fills them with zeros. */
  zeroGrad(setToNone = true): void {
    for (const group of this.paramGroups) {
      for (const p of group.params) {
        if (p.grad === null) continue;
        if (setToNone) p.grad = null;
        else {
          if (!p.grad.isLeaf || p.grad.requiresGrad) p.grad = p.grad.detach();
          p.grad.zero_();
        }
      }
    }
  }

  /** A snapshot of the state and the group options (tensors are copies), in PyTorch's layout. */
  stateDict(): OptimizerStateDict {
    const state: OptimizerStateDict["state"] = {};
    let index = 0;
    const param_groups = this.paramGroups.map((group) => {
      const packed: { params: number[]; [option: string]: unknown } = { params: [] };
      for (const [k, v] of Object.entries(group)) if (k !== "params") packed[k] = copyPlain(v);
      for (const p of group.params) {
        const st = this.state.get(p);
        if (st !== undefined) {
          const out: Record<string, number | Tensor> = {};
          for (const [k, v] of Object.entries(st)) {
            if (v !== undefined) out[k] = typeof v === "number" ? v : new Tensor(v.data.slice(), v.shape);
          }
          state[index] = out;
        }
        packed.params.push(index++);
      }
      return packed;
    });
    return { state, param_groups };
  }

  /**
   * Restores a `stateDict()` taken from an optimiser of the same kind over parameters of the same
   * shapes, in the same groups: training then continues exactly where it stopped. The dict is copied.
   */
  loadStateDict(sd: OptimizerStateDict): void {
    const where = `${this.name}.loadStateDict`;
    if (sd === null || typeof sd !== "object" || !Array.isArray(sd.param_groups) || typeof sd.state !== "object") {
      throw new TypeError(`${where}: expected { state, param_groups }, got ${show(sd)}`);
    }
    if (sd.param_groups.length !== this.paramGroups.length) {
      throw new RangeError(`${where}: the state dict has ${sd.param_groups.length} parameter groups, this optimiser has ${this.paramGroups.length}`);
    }
    const byIndex = new Map<number, Tensor>();
    sd.param_groups.forEach((saved, gi) => {
      const group = this.paramGroups[gi]!;
      if (saved.params.length !== group.params.length) {
        throw new RangeError(`${where}: parameter group ${gi} has ${saved.params.length} parameters in the state dict, ${group.params.length} here`);
      }
      saved.params.forEach((idx, j) => byIndex.set(idx, group.params[j]!));
    });
    const state = new Map<Tensor, S>();
    for (const [key, saved] of Object.entries(sd.state)) {
      const p = byIndex.get(Number(key));
      if (p === undefined) throw new RangeError(`${where}: state for parameter ${key}, which no parameter group lists`);
      const st: ParamState = {};
      for (const [name, v] of Object.entries(saved as Record<string, StateValue>)) st[name] = this.restoreValue(v, p, `${where}: state "${name}" of parameter ${key}`);
      state.set(p, st as S);
    }
    sd.param_groups.forEach((saved, gi) => {
      const group = this.paramGroups[gi]! as Record<string, unknown>;
      for (const k of Object.keys(group)) if (k !== "params" && !(k in saved)) delete group[k];
      for (const [k, v] of Object.entries(saved)) if (k !== "params") group[k] = copyPlain(v);
    });
    this.state = state;
  }

  private restoreValue(v: StateValue, p: Tensor, what: string): number | Tensor {
    if (typeof v === "number") return v;
    const data = v instanceof Tensor ? v.data : v;
    if (data === null || typeof data !== "object" || typeof data.length !== "number") throw new TypeError(`${what}: expected a number or a Tensor, got ${show(v)}`);
    if (data.length !== p.data.length) throw new RangeError(`${what} has ${data.length} values, the parameter has ${p.data.length}`);
    return new Tensor(Float32Array.from(data), p.shape);
  }
}

/** A zero tensor shaped like `p`, for state buffers (placed where the backend's kernels read it in place). */
export function zerosLike(p: Tensor): Tensor {
  return new Tensor(allocPersistent(p.data.length), p.shape);
}
