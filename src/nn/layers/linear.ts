/** The fully connected layer. */
import { Tensor, type Generator } from "../../tensor/index.js";
import { Module, Parameter } from "../module.js";
import { linear, linearActivation } from "../functional/linear.js";
import type { Activation } from "../../backend/backend.js";
import { uniform } from "../init/weights.js";
import { allocPersistent } from "../../tensor/storage.js";

/** Options of the `Linear` layer: whether it learns a bias, and the generator of its initial weights. */
export interface LinearOptions {
  /** Learn an additive bias (default true). */
  bias?: boolean;
  /** The generator for the initial weights (the global one by default). */
  generator?: Generator;
}

/**
 * y = x·Wᵀ + b with W of shape [outFeatures, inFeatures]. PyTorch's default initialisation:
 * kaiming_uniform with a = √5, i.e. W and b ~ U(−1/√in, 1/√in), weight drawn first.
 */
export class Linear extends Module {
  readonly inFeatures: number;
  readonly outFeatures: number;
  weight: Parameter;
  bias: Parameter | null;

  constructor(inFeatures: number, outFeatures: number, options: LinearOptions = {}) {
    super();
    for (const [k, v] of [["inFeatures", inFeatures], ["outFeatures", outFeatures]] as const) {
      if (!Number.isInteger(v) || v < 0) throw new RangeError(`Linear: ${k} must be a non-negative integer, got ${v}`);
    }
    this.inFeatures = inFeatures;
    this.outFeatures = outFeatures;
    // where the backend's kernels read them in place (the wasm backend's memory), else plain arrays
    this.weight = new Parameter(allocPersistent(outFeatures * inFeatures), [outFeatures, inFeatures]);
    this.bias = options.bias ?? true ? new Parameter(allocPersistent(outFeatures), [outFeatures]) : null;
    this.resetParameters(options.generator);
  }

  /** Redraws W and b from PyTorch's default U(−1/√in, 1/√in). */
  resetParameters(generator?: Generator): void {
    const bound = this.inFeatures > 0 ? 1 / Math.sqrt(this.inFeatures) : 0;
    uniform(this.weight, { a: -bound, b: bound, generator });
    if (this.bias) uniform(this.bias, { a: -bound, b: bound, generator });
  }

  override forward(x: Tensor): Tensor {
    return linear(x, this.weight, this.bias, `Linear(${this.inFeatures}, ${this.outFeatures})`);
  }

  /** forward followed by an activation, fused into one op (Sequential calls it for Linear → ReLU, Tanh, Sigmoid). */
  forwardActivation(x: Tensor, act: Activation): Tensor {
    return linearActivation(x, this.weight, this.bias, act, `Linear(${this.inFeatures}, ${this.outFeatures})`);
  }

  override extraRepr(): string {
    return `${this.inFeatures}, ${this.outFeatures}, bias=${this.bias !== null}`;
  }
}
