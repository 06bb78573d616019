/** Activation layers by name, and the multi-layer perceptron builder. */
import type { Generator } from "../tensor/index.js";
import { Module } from "./module.js";
import { Identity, Sequential } from "./layers/containers.js";
import { Linear } from "./layers/linear.js";
import { BatchNorm1d } from "./layers/batchnorm.js";
import { Dropout } from "./layers/dropout.js";
import { checkP } from "./functional/dropout.js";
import * as A from "./activations.js";
import * as init from "./init/index.js";

interface ActivationEntry {
  make: () => Module;
  /** calculateGain's nonlinearity (and slope) for initialising the layer before it. */
  gain: [string, number?];
}

// Activations without a gain of their own in PyTorch use relu's (they are relu-like) or linear's; SELU uses
// linear's, as PyTorch's docs advise for self-normalising networks.
const ACTIVATIONS: Record<string, ActivationEntry> = {
  relu: { make: () => new A.ReLU(), gain: ["relu"] },
  leakyrelu: { make: () => new A.LeakyReLU(), gain: ["leaky_relu", 0.01] },
  prelu: { make: () => new A.PReLU(), gain: ["leaky_relu", 0.25] },
  elu: { make: () => new A.ELU(), gain: ["relu"] },
  selu: { make: () => new A.SELU(), gain: ["linear"] },
  gelu: { make: () => new A.GELU(), gain: ["relu"] },
  silu: { make: () => new A.SiLU(), gain: ["relu"] },
  swish: { make: () => new A.SiLU(), gain: ["relu"] },
  mish: { make: () => new A.Mish(), gain: ["relu"] },
  softplus: { make: () => new A.Softplus(), gain: ["relu"] },
  sigmoid: { make: () => new A.Sigmoid(), gain: ["sigmoid"] },
  tanh: { make: () => new A.Tanh(), gain: ["tanh"] },
  hardtanh: { make: () => new A.Hardtanh(), gain: ["linear"] },
  linear: { make: () => new Identity(), gain: ["linear"] },
  identity: { make: () => new Identity(), gain: ["linear"] },
};

function lookup(name: string): ActivationEntry {
  const e = ACTIVATIONS[String(name).toLowerCase().replace(/[_-]/g, "")];
  if (!e) {
    throw new RangeError(`activation: unknown activation "${name}" (expected one of relu, leaky_relu, prelu, elu, selu, gelu, silu, mish, softplus, sigmoid, tanh, hardtanh, linear, identity)`);
  }
  return e;
}

/** A new activation layer by name, case-insensitive: "relu", "leaky_relu" or "leakyReLU", "tanh", "gelu", "linear", … */
export function activation(name: string): Module {
  return lookup(name).make();
}

/** The weight initialisations `mlp` offers by name (see `MlpOptions.init`). */
export type MlpInit = "default" | "kaiming" | "kaimingUniform" | "kaimingNormal" | "xavier" | "xavierUniform" | "xavierNormal" | "lecun" | "lecunNormal" | "orthogonal";

/** Options of `mlp`: the hidden activation, optional BatchNorm1d and Dropout, the weight init, biases and the generator. */
export interface MlpOptions {
  /** The activation after each hidden layer, by name (default "relu"). */
  activation?: string;
  /** A BatchNorm1d after each hidden Linear, before the activation (default false). */
  batchNorm?: boolean;
  /** A Dropout with this p after each hidden activation (default 0: none). */
  dropout?: number;
  /**
   * Weight initialisation: "default" (PyTorch's Linear init), "kaiming" (= kaimingNormal, fanIn), "xavier"
   * (= xavierUniform), "lecun" (= lecunNormal), "orthogonal", …. Gains follow the activation (the output
   * layer uses the linear gain 1), and biases start at 0 for every choice but "default".
   */
  init?: MlpInit;
  /** Linear layers learn a bias (default true). */
  bias?: boolean;
  /** The generator for the initial weights and the dropout masks. */
  generator?: Generator;
}

/**
 * A multi-layer perceptron: for each hidden width, Linear → [BatchNorm1d] → activation → [Dropout], then a final
 * Linear with no activation. `mlp([784, 256, 10])` has state-dict keys 0.weight, 0.bias, 2.weight, 2.bias.
 */
export function mlp(sizes: readonly number[], options: MlpOptions = {}): Sequential {
  if (!Array.isArray(sizes) || sizes.length < 2 || sizes.some((s) => !Number.isInteger(s) || s <= 0)) {
    throw new RangeError(`mlp: sizes must list at least 2 positive integer widths (input, …, output), got [${String(sizes)}]`);
  }
  const act = lookup(options.activation ?? "relu");
  const p = options.dropout ?? 0;
  checkP(p, "mlp (dropout)");
  const initName = options.init ?? "default";
  const g = options.generator;
  const layers: Module[] = [];
  for (let i = 0; i + 1 < sizes.length; i++) {
    const last = i + 2 === sizes.length;
    const lin = new Linear(sizes[i]!, sizes[i + 1]!, { bias: options.bias ?? true, generator: g });
    initLinear(lin, initName, last ? ["linear"] : act.gain, g);
    layers.push(lin);
    if (last) break;
    if (options.batchNorm) layers.push(new BatchNorm1d(sizes[i + 1]!));
    layers.push(act.make());
    if (p > 0) layers.push(new Dropout({ p, generator: g }));
  }
  return new Sequential(...layers);
}

function initLinear(lin: Linear, name: MlpInit, [nonlinearity, slope]: [string, number?], generator?: Generator): void {
  if (name === "default") return;
  const w = lin.weight;
  const gain = init.calculateGain(nonlinearity, slope);
  switch (name) {
    case "kaiming": case "kaimingNormal": init.kaimingNormal(w, { a: slope ?? 0, nonlinearity, generator }); break;
    case "kaimingUniform": init.kaimingUniform(w, { a: slope ?? 0, nonlinearity, generator }); break;
    case "xavier": case "xavierUniform": init.xavierUniform(w, { gain, generator }); break;
    case "xavierNormal": init.xavierNormal(w, { gain, generator }); break;
    case "lecun": case "lecunNormal": init.lecunNormal(w, { generator }); break;
    case "orthogonal": init.orthogonal(w, { gain, generator }); break;
    default: throw new RangeError(`mlp: unknown init "${String(name)}" (expected default, kaiming, kaimingUniform, kaimingNormal, xavier, xavierUniform, xavierNormal, lecun, lecunNormal or orthogonal)`);
  }
  if (lin.bias) init.zeros(lin.bias);
}
