/**
 * The Module: a tree of layers holding parameters (trained tensors) and buffers (state such as
 * BatchNorm's running statistics), as in PyTorch's torch.nn.Module.
 *
 * Parameters and submodules register themselves by assignment, in assignment order, as in PyTorch:
 * any own property holding a `Parameter` is a parameter, any own property holding a `Module` is a
 * child. Buffers are registered explicitly with `registerBuffer`. (Integer-like property names such as
 * Sequential's "0", "1" come first, in numeric order — a JavaScript rule — so mix them with other
 * names only through Sequential. Arrays of modules are not searched: wrap them in a Sequential.)
 */
import { Tensor } from "../tensor/index.js";
import { fmt } from "../tensor/shape.js";

/** A trainable tensor: a leaf with `requiresGrad` that a Module registers as a parameter when assigned to it. */
export class Parameter extends Tensor {
  /** Wraps the values of `data` (shared, not copied) as a new leaf; `new Parameter(randn([3, 4]))`. */
  constructor(data: Tensor | Float32Array, shape?: readonly number[], requiresGrad = true) {
    if (data instanceof Tensor) super(data.data, data.shape.slice(), requiresGrad);
    else super(data, shape ?? [data.length], requiresGrad);
  }
}

/** Options of `Module.loadStateDict`: whether the keys must match exactly. */
export interface LoadStateDictOptions {
  /** Require the keys to match exactly (the default, as in PyTorch); shapes are always checked. */
  strict?: boolean;
}

/** What `Module.loadStateDict` returns: the keys that did not match (as PyTorch's `_IncompatibleKeys`). */
export interface LoadStateDictResult {
  /** Keys of the module's state dict that the given dict lacks. */
  missingKeys: string[];
  /** Keys of the given dict that the module's state dict does not have. */
  unexpectedKeys: string[];
}

/** The base class of every layer: subclasses assign parameters and submodules, and implement `forward`. */
export abstract class Module {
  /** Whether the module is in training mode (Dropout drops, BatchNorm uses batch statistics). */
  training = true;
  private readonly bufferMap = new Map<string, Tensor | null>();

  /** The computation; subclasses implement it. */
  abstract forward(...inputs: Tensor[]): Tensor;

  /** Registers (or replaces) a submodule under `name`, as `this[name] = module` does. */
  registerModule(name: string, module: Module | null): void {
    checkName(this, name, "registerModule");
    (this as unknown as Record<string, unknown>)[name] = module;
  }

  /** Registers (or replaces) a parameter under `name`, as `this[name] = param` does. */
  registerParameter(name: string, param: Parameter | null): void {
    checkName(this, name, "registerParameter");
    if (param !== null && !(param instanceof Parameter)) {
      throw new TypeError(`registerParameter: "${name}" must be a Parameter or null (wrap a tensor with new Parameter(t))`);
    }
    (this as unknown as Record<string, unknown>)[name] = param;
  }

  /** Registers state that is saved in the state dict but not trained (null registers an absent buffer). */
  registerBuffer(name: string, tensor: Tensor | null): void {
    checkName(this, name, "registerBuffer");
    this.bufferMap.set(name, tensor);
  }

  /** The buffer registered under `name` (null when registered absent). */
  getBuffer(name: string): Tensor | null {
    if (!this.bufferMap.has(name)) throw new Error(`${this.constructor.name}: no buffer named "${name}"`);
    return this.bufferMap.get(name)!;
  }

  /** Direct submodules with their names, in registration order. */
  namedChildren(): [string, Module][] {
    const out: [string, Module][] = [];
    for (const [k, v] of Object.entries(this)) if (v instanceof Module) out.push([k, v]);
    return out;
  }

  /** Direct submodules. */
  children(): Module[] {
    return this.namedChildren().map(([, m]) => m);
  }

  /** This module and every descendant, depth first, with dotted names ("" for this one); each once. */
  namedModules(prefix = "", seen = new Set<Module>()): [string, Module][] {
    if (seen.has(this)) return [];
    seen.add(this);
    const out: [string, Module][] = [[prefix, this]];
    for (const [k, m] of this.namedChildren()) out.push(...m.namedModules(join(prefix, k), seen));
    return out;
  }

  /** This module and every descendant. */
  modules(): Module[] {
    return this.namedModules().map(([, m]) => m);
  }

  /** Parameters with dotted names (`0.weight`), own ones first then each child's; shared ones once. */
  namedParameters(prefix = "", recurse = true): [string, Parameter][] {
    const out: [string, Parameter][] = [];
    const seen = new Set<Tensor>();
    const mods: [string, Module][] = recurse ? this.namedModules(prefix) : [[prefix, this]];
    for (const [name, m] of mods) {
      for (const [k, v] of Object.entries(m)) {
        if (v instanceof Parameter && !seen.has(v)) {
          seen.add(v);
          out.push([join(name, k), v]);
        }
      }
    }
    return out;
  }

  /** Every parameter (trainable or frozen), for an optimiser. */
  parameters(recurse = true): Parameter[] {
    return this.namedParameters("", recurse).map(([, p]) => p);
  }

  /** Buffers with dotted names (`1.running_mean`). */
  namedBuffers(prefix = "", recurse = true): [string, Tensor][] {
    const out: [string, Tensor][] = [];
    const mods: [string, Module][] = recurse ? this.namedModules(prefix) : [[prefix, this]];
    for (const [name, m] of mods) {
      for (const [k, v] of m.bufferMap) if (v !== null) out.push([join(name, k), v]);
    }
    return out;
  }

  /** Every buffer. */
  buffers(recurse = true): Tensor[] {
    return this.namedBuffers("", recurse).map(([, b]) => b);
  }

  /** Calls `fn` on every descendant and then on this module (children first, as PyTorch); returns this. */
  apply(fn: (m: Module) => void): this {
    for (const c of this.children()) c.apply(fn);
    fn(this);
    return this;
  }

  /** Sets training mode on this module and every descendant; returns this. */
  train(mode = true): this {
    for (const m of this.modules()) m.training = mode;
    return this;
  }

  /** Evaluation mode: `train(false)`. */
  eval(): this {
    return this.train(false);
  }

  /** Resets every parameter's gradient to null. */
  zeroGrad(): void {
    for (const p of this.parameters()) p.grad = null;
  }

  /** Sets `requiresGrad` on every parameter: `body.requiresGrad(false)` freezes it. Returns this. */
  requiresGrad(flag = true): this {
    for (const p of this.parameters()) p.requiresGrad = flag;
    return this;
  }

  /**
   * Parameters and buffers by PyTorch's keys (`0.weight`, `2.running_mean`), in PyTorch's order: for each
   * module depth first, its parameters then its buffers. Values are detached tensors sharing the storage.
   */
  stateDict(): Record<string, Tensor> {
    const out: Record<string, Tensor> = {};
    for (const [name, m] of this.namedModules()) {
      for (const [k, v] of Object.entries(m)) if (v instanceof Parameter) out[join(name, k)] = v.detach();
      for (const [k, v] of m.bufferMap) if (v !== null) out[join(name, k)] = v.detach();
    }
    return out;
  }

  /**
   * Copies values from `stateDict` into this module's parameters and buffers (in place, so optimisers keep
   * their references). Shapes must match; with `strict` (the default) keys must match too. Nothing is
   * copied when a check fails. Returns the missing and unexpected keys.
   */
  loadStateDict(stateDict: Record<string, Tensor>, options: LoadStateDictOptions = {}): LoadStateDictResult {
    const strict = options.strict ?? true;
    const own = this.stateDict();
    const missingKeys = Object.keys(own).filter((k) => !(k in stateDict));
    const unexpectedKeys = Object.keys(stateDict).filter((k) => !(k in own));
    const problems: string[] = [];
    for (const [k, t] of Object.entries(own)) {
      const src = stateDict[k];
      if (src === undefined) continue;
      if (!(src instanceof Tensor)) problems.push(`${k}: expected a Tensor, got ${typeof src}`);
      else if (!sameShape(src.shape, t.shape)) problems.push(`${k}: expected shape ${fmt(t.shape)}, got ${fmt(src.shape)}`);
    }
    if (strict) {
      if (missingKeys.length) problems.push(`missing key(s): ${missingKeys.join(", ")}`);
      if (unexpectedKeys.length) problems.push(`unexpected key(s): ${unexpectedKeys.join(", ")}`);
    }
    if (problems.length) {
      throw new Error(`loadStateDict (${this.constructor.name}): ${problems.join("; ")}`);
    }
    for (const [k, t] of Object.entries(own)) {
      const src = stateDict[k];
      if (src !== undefined) t.data.set(src.data);
    }
    return { missingKeys, unexpectedKeys };
  }

  /** Extra text inside this module's printed form, e.g. `784, 256, bias=true`. */
  extraRepr(): string {
    return "";
  }

  /** A PyTorch-style printout of the module tree. */
  toString(): string {
    const kids = this.namedChildren();
    const head = `${this.constructor.name}(${this.extraRepr()}`;
    if (kids.length === 0) return `${head})`;
    const lines = kids.map(([k, m]) => `  (${k}): ${m.toString().split("\n").join("\n  ")}`);
    return `${head}\n${lines.join("\n")}\n)`;
  }
}

function join(prefix: string, name: string): string {
  return prefix === "" ? name : `${prefix}.${name}`;
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

function checkName(m: Module, name: string, what: string): void {
  if (typeof name !== "string" || name === "" || name.includes(".")) {
    throw new TypeError(`${what}: name must be a non-empty string without ".", got ${JSON.stringify(name)}`);
  }
  if (name in m && !Object.prototype.hasOwnProperty.call(m, name)) {
    throw new Error(`${what}: "${name}" would shadow a method or property of ${m.constructor.name}`);
  }
}
