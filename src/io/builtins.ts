/** The registry entries of nabla's own layers: the name each saves under, its config, and its shapes. */
import { Generator } from "../tensor/index.js";
import * as nn from "../nn/index.js";
import { bool, choice, int, num, nullableNum } from "./config.js";
import type { ModuleClass, ModuleEntry } from "./registry.js";
import { Standardize } from "./standardize.js";

/** Every built-in layer: its saved name, its class and its registry entry. */
export const BUILTINS: [string, ModuleClass, ModuleEntry][] = [];

function entry<M extends nn.Module>(name: string, cls: ModuleClass<M>, e: ModuleEntry<M> = {}): void {
  BUILTINS.push([name, cls, e as unknown as ModuleEntry]);
}

/** A fresh generator for the initial weights of modules about to receive saved ones: loading never draws from the global stream. */
const scratch = (): Generator => new Generator(0);

function ordered(children: Record<string, nn.Module>): nn.Module[] {
  const keys = Object.keys(children);
  keys.forEach((k, i) => {
    if (k !== String(i)) throw new RangeError(`Sequential: children must be named 0, 1, 2, …; got [${keys.join(", ")}]`);
  });
  return keys.map((k) => children[k]!);
}

entry("Sequential", nn.Sequential, { create: (_c, ch) => new nn.Sequential(...ordered(ch)) });
entry("Residual", nn.Residual, {
  create: (_c, ch) => {
    if (!ch.fn) throw new Error("Residual: the architecture has no child \"fn\"");
    return new nn.Residual(ch.fn);
  },
});
entry("Identity", nn.Identity);
entry("Flatten", nn.Flatten, {
  config: (m) => ({ startDim: m.startDim, endDim: m.endDim }),
  create: (c) => new nn.Flatten({ startDim: int(c, "startDim", 1), endDim: int(c, "endDim", -1) }),
});
entry("Linear", nn.Linear, {
  config: (m) => ({ inFeatures: m.inFeatures, outFeatures: m.outFeatures, bias: m.bias !== null }),
  create: (c) => new nn.Linear(int(c, "inFeatures"), int(c, "outFeatures"), { bias: bool(c, "bias", true), generator: scratch() }),
  shapes: (c): Record<string, number[]> => {
    const [i, o] = [int(c, "inFeatures"), int(c, "outFeatures")];
    return bool(c, "bias", true) ? { weight: [o, i], bias: [o] } : { weight: [o, i] };
  },
});
entry("BatchNorm1d", nn.BatchNorm1d, {
  config: (m) => ({ numFeatures: m.numFeatures, eps: m.eps, momentum: m.momentum, affine: m.affine, trackRunningStats: m.trackRunningStats }),
  create: (c) => new nn.BatchNorm1d(int(c, "numFeatures"), {
    eps: num(c, "eps", 1e-5), momentum: nullableNum(c, "momentum", 0.1), affine: bool(c, "affine", true), trackRunningStats: bool(c, "trackRunningStats", true),
  }),
  shapes: (c) => {
    const n = int(c, "numFeatures");
    const out: Record<string, number[]> = {};
    if (bool(c, "affine", true)) Object.assign(out, { weight: [n], bias: [n] });
    if (bool(c, "trackRunningStats", true)) Object.assign(out, { running_mean: [n], running_var: [n], num_batches_tracked: [] });
    return out;
  },
});
entry("Dropout", nn.Dropout, { config: (m) => ({ p: m.p }), create: (c) => new nn.Dropout({ p: num(c, "p", 0.5) }) });

for (const [name, cls] of [
  ["ReLU", nn.ReLU], ["SELU", nn.SELU], ["SiLU", nn.SiLU], ["Mish", nn.Mish], ["Sigmoid", nn.Sigmoid], ["Tanh", nn.Tanh], ["LogSigmoid", nn.LogSigmoid],
] as const) entry(name, cls as ModuleClass);
entry("LeakyReLU", nn.LeakyReLU, {
  config: (m) => ({ negativeSlope: m.negativeSlope }),
  create: (c) => new nn.LeakyReLU({ negativeSlope: num(c, "negativeSlope", 0.01) }),
});
entry("PReLU", nn.PReLU, {
  config: (m) => ({ numParameters: m.numParameters }),
  create: (c) => new nn.PReLU({ numParameters: int(c, "numParameters", 1) }),
  shapes: (c) => ({ weight: [int(c, "numParameters", 1)] }),
});
entry("ELU", nn.ELU, { config: (m) => ({ alpha: m.alpha }), create: (c) => new nn.ELU({ alpha: num(c, "alpha", 1) }) });
entry("GELU", nn.GELU, {
  config: (m) => ({ approximate: m.approximate }),
  create: (c) => new nn.GELU({ approximate: choice(c, "approximate", ["none", "tanh"] as const, "none") }),
});
entry("Softplus", nn.Softplus, {
  config: (m) => ({ beta: m.beta, threshold: m.threshold }),
  create: (c) => new nn.Softplus({ beta: num(c, "beta", 1), threshold: num(c, "threshold", 20) }),
});
entry("Hardtanh", nn.Hardtanh, {
  config: (m) => ({ minVal: m.minVal, maxVal: m.maxVal }),
  create: (c) => new nn.Hardtanh({ minVal: num(c, "minVal", -1), maxVal: num(c, "maxVal", 1) }),
});
entry("Softmax", nn.Softmax, { config: (m) => ({ dim: m.dim }), create: (c) => new nn.Softmax({ dim: int(c, "dim", -1) }) });
entry("LogSoftmax", nn.LogSoftmax, { config: (m) => ({ dim: m.dim }), create: (c) => new nn.LogSoftmax({ dim: int(c, "dim", -1) }) });
entry("Standardize", Standardize, {
  config: (m) => ({ numFeatures: m.numFeatures }),
  create: (c) => {
    const n = int(c, "numFeatures");
    if (n < 1) throw new RangeError(`numFeatures must be positive, got ${n}`);
    return new Standardize(new Float32Array(n), new Float32Array(n).fill(1));
  },
  shapes: (c) => ({ mean: [int(c, "numFeatures")], scale: [int(c, "numFeatures")] }),
});
