/** Activation layers: each wraps its function in nn.functional; PReLU learns its slope. */
import type { Generator, Tensor } from "../tensor/index.js";
import { Module, Parameter } from "./module.js";
import * as F from "./functional/activations.js";

/** max(0, x) */
export class ReLU extends Module {
  override forward(x: Tensor): Tensor { return F.relu(x); }
}

/** x if x > 0 else negativeSlope·x (default slope 0.01) */
export class LeakyReLU extends Module {
  readonly negativeSlope: number;
  constructor(options: F.LeakyReluOptions = {}) {
    super();
    this.negativeSlope = options.negativeSlope ?? 0.01;
  }
  override forward(x: Tensor): Tensor { return F.leakyRelu(x, { negativeSlope: this.negativeSlope }); }
  override extraRepr(): string { return `negativeSlope=${this.negativeSlope}`; }
}

/** Options of the `PReLU` layer: how many slopes it learns and their initial value. */
export interface PReLUOptions {
  /** 1 (one shared slope, the default) or the number of channels (dim 1 of the input). */
  numParameters?: number;
  /** The slopes' initial value (default 0.25). */
  init?: number;
  /** Accepted for uniformity with the other layers; the initialisation is deterministic. */
  generator?: Generator;
}

/** x if x > 0 else a·x with learnable slopes a (parameter "weight", shape [numParameters]) */
export class PReLU extends Module {
  readonly numParameters: number;
  weight: Parameter;
  constructor(options: PReLUOptions = {}) {
    super();
    this.numParameters = options.numParameters ?? 1;
    if (!Number.isInteger(this.numParameters) || this.numParameters < 1) {
      throw new RangeError(`PReLU: numParameters must be a positive integer, got ${this.numParameters}`);
    }
    this.weight = new Parameter(new Float32Array(this.numParameters).fill(options.init ?? 0.25), [this.numParameters]);
  }
  override forward(x: Tensor): Tensor { return F.prelu(x, this.weight); }
  override extraRepr(): string { return `numParameters=${this.numParameters}`; }
}

/** x if x > 0 else α(eˣ − 1) (default α = 1) */
export class ELU extends Module {
  readonly alpha: number;
  constructor(options: F.EluOptions = {}) {
    super();
    this.alpha = options.alpha ?? 1;
  }
  override forward(x: Tensor): Tensor { return F.elu(x, { alpha: this.alpha }); }
  override extraRepr(): string { return `alpha=${this.alpha}`; }
}

/** scale·ELU(x, α) with PyTorch's self-normalising constants */
export class SELU extends Module {
  override forward(x: Tensor): Tensor { return F.selu(x); }
}

/** x·Φ(x), or its tanh approximation with `approximate: "tanh"` */
export class GELU extends Module {
  readonly approximate: "none" | "tanh";
  constructor(options: F.GeluOptions = {}) {
    super();
    this.approximate = options.approximate ?? "none";
    if (this.approximate !== "none" && this.approximate !== "tanh") {
      throw new RangeError(`GELU: approximate must be "none" or "tanh", got ${JSON.stringify(this.approximate)}`);
    }
  }
  override forward(x: Tensor): Tensor { return F.gelu(x, { approximate: this.approximate }); }
  override extraRepr(): string { return `approximate=${this.approximate}`; }
}

/** x·σ(x) */
export class SiLU extends Module {
  override forward(x: Tensor): Tensor { return F.silu(x); }
}

/** x·tanh(softplus(x)) */
export class Mish extends Module {
  override forward(x: Tensor): Tensor { return F.mish(x); }
}

/** 1/(1 + e⁻ˣ) */
export class Sigmoid extends Module {
  override forward(x: Tensor): Tensor { return F.sigmoid(x); }
}

/** tanh x */
export class Tanh extends Module {
  override forward(x: Tensor): Tensor { return F.tanh(x); }
}

/** ln σ(x) */
export class LogSigmoid extends Module {
  override forward(x: Tensor): Tensor { return F.logSigmoid(x); }
}

/** (1/β)·ln(1 + e^(βx)), x above the threshold (defaults β = 1, threshold = 20) */
export class Softplus extends Module {
  readonly beta: number;
  readonly threshold: number;
  constructor(options: F.SoftplusOptions = {}) {
    super();
    this.beta = options.beta ?? 1;
    this.threshold = options.threshold ?? 20;
  }
  override forward(x: Tensor): Tensor { return F.softplus(x, { beta: this.beta, threshold: this.threshold }); }
  override extraRepr(): string { return `beta=${this.beta}, threshold=${this.threshold}`; }
}

/** clamp(x, minVal, maxVal) (default [−1, 1]) */
export class Hardtanh extends Module {
  readonly minVal: number;
  readonly maxVal: number;
  constructor(options: F.HardtanhOptions = {}) {
    super();
    this.minVal = options.minVal ?? -1;
    this.maxVal = options.maxVal ?? 1;
  }
  override forward(x: Tensor): Tensor { return F.hardtanh(x, { minVal: this.minVal, maxVal: this.maxVal }); }
  override extraRepr(): string { return `minVal=${this.minVal}, maxVal=${this.maxVal}`; }
}

/** Softmax along `dim` (default −1; PyTorch's implicit dim is deprecated) */
export class Softmax extends Module {
  readonly dim: number;
  constructor(options: F.SoftmaxOptions = {}) {
    super();
    this.dim = options.dim ?? -1;
  }
  override forward(x: Tensor): Tensor { return F.softmax(x, { dim: this.dim }); }
  override extraRepr(): string { return `dim=${this.dim}`; }
}

/** Log-softmax along `dim` (default −1) */
export class LogSoftmax extends Module {
  readonly dim: number;
  constructor(options: F.SoftmaxOptions = {}) {
    super();
    this.dim = options.dim ?? -1;
  }
  override forward(x: Tensor): Tensor { return F.logSoftmax(x, { dim: this.dim }); }
  override extraRepr(): string { return `dim=${this.dim}`; }
}
