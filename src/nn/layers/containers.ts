/** Containers and structural layers: Sequential, Identity, Flatten and the residual (skip) connection. */
import type { Tensor } from "../../tensor/index.js";
import { Module } from "../module.js";
import { Linear } from "./linear.js";
import { ReLU, Sigmoid, Tanh } from "../activations.js";
import type { Activation } from "../../backend/backend.js";

/** Whether m runs its class's own forward: not a subclass, not wrapped per instance (as diagnostics do). */
function plain(m: Module | undefined, cls: Function): boolean {
  return m !== undefined && m.constructor === cls && !Object.prototype.hasOwnProperty.call(m, "forward");
}

/** The activation a Linear fuses with: exactly ReLU, Tanh or Sigmoid, unwrapped. */
function fusable(m: Module | undefined): Activation | null {
  return plain(m, ReLU) ? "relu" : plain(m, Tanh) ? "tanh" : plain(m, Sigmoid) ? "sigmoid" : null;
}

/** Runs its modules in order, each on the previous one's output; children are named "0", "1", … as in PyTorch. */
export class Sequential extends Module {
  constructor(...modules: Module[]) {
    super();
    modules.forEach((m, i) => {
      if (!(m instanceof Module)) throw new TypeError(`Sequential: argument ${i} is not a Module`);
      this.registerModule(String(i), m);
    });
  }

  /** The number of modules. */
  get length(): number {
    return this.namedChildren().length;
  }

  /** The module at position i (negative counts from the end). */
  get(i: number): Module {
    const kids = this.children();
    const k = i < 0 ? i + kids.length : i;
    if (!Number.isInteger(k) || k < 0 || k >= kids.length) throw new RangeError(`Sequential.get: index ${i} is out of range for ${kids.length} modules`);
    return kids[k]!;
  }

  /** Adds a module at the end; returns this. */
  append(m: Module): this {
    this.registerModule(String(this.length), m);
    return this;
  }

  [Symbol.iterator](): Iterator<Module> {
    return this.children()[Symbol.iterator]();
  }

  /** Runs the modules in order; a Linear followed by ReLU, Tanh or Sigmoid runs as one fused op (same result). */
  override forward(...inputs: Tensor[]): Tensor {
    const kids = this.children();
    if (kids.length === 0) {
      if (inputs.length !== 1) throw new Error("Sequential: an empty Sequential passes one input through");
      return inputs[0]!;
    }
    let x: Tensor | undefined;
    for (let i = 0; i < kids.length; i++) {
      const m = kids[i]!;
      const act = plain(m, Linear) ? fusable(kids[i + 1]) : null;
      const args = x === undefined ? inputs : [x];
      if (act !== null && args.length === 1) {
        x = (m as Linear).forwardActivation(args[0]!, act);
        i++;
      } else x = m.forward(...args);
    }
    return x!;
  }
}

/** y = x. */
export class Identity extends Module {
  override forward(x: Tensor): Tensor {
    return x;
  }
}

/** Options of the `Flatten` layer: the range of dims it merges. */
export interface FlattenOptions {
  /** First dim to merge (default 1, keeping the batch dim). */
  startDim?: number;
  /** Last dim to merge (default −1). */
  endDim?: number;
}

/** Merges dims startDim..endDim into one: [N, C, H, W] → [N, C·H·W] by default. */
export class Flatten extends Module {
  readonly startDim: number;
  readonly endDim: number;

  constructor(options: FlattenOptions = {}) {
    super();
    this.startDim = options.startDim ?? 1;
    this.endDim = options.endDim ?? -1;
  }

  override forward(x: Tensor): Tensor {
    return x.flatten(this.startDim, this.endDim);
  }

  override extraRepr(): string {
    return `startDim=${this.startDim}, endDim=${this.endDim}`;
  }
}

/** The skip connection y = x + fn(x) of residual networks (He et al. 2016); fn must keep x's shape. */
export class Residual extends Module {
  fn: Module;

  constructor(fn: Module) {
    super();
    if (!(fn instanceof Module)) throw new TypeError("Residual: expected a Module to wrap");
    this.fn = fn;
  }

  override forward(x: Tensor): Tensor {
    const y = this.fn.forward(x);
    if (y.ndim !== x.ndim || y.shape.some((d, i) => d !== x.shape[i])) {
      throw new RangeError(`Residual: the wrapped ${this.fn.constructor.name} maps shape [${x.shape.join(",")}] to [${y.shape.join(",")}]; a skip connection needs the same shape`);
    }
    return x.add(y);
  }
}
