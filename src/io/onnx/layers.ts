/**
 * Layers with weights or shapes, both ways: how each is written as ONNX nodes and how those nodes are
 * read back. Linear is Gemm (2-D inputs) or MatMul + Add; BatchNorm1d is BatchNormalization in its eval
 * form; Dropout is ONNX's Dropout, the identity at inference; Flatten is Flatten or Reshape.
 */
import { Generator } from "../../tensor/index.js";
import * as nn from "../../nn/index.js";
import type { Module } from "../../nn/index.js";
import { Standardize } from "../standardize.js";
import type { GraphBuilder } from "./builder.js";
import { shortFloat } from "./builder.js";
import { label, type Constant, type Graph } from "./graph.js";
import type { NodeProto } from "./proto.js";

/** Where an export is: the graph being written, the module's dotted path, the static shape of its input (for a batch of 2). */
export interface ExportContext {
  g: GraphBuilder;
  path: string;
  shape: number[];
}

/** What an import matched: the module, the value it outputs, the nodes it consumed. */
export interface Match {
  module: Module;
  out: string;
  nodes: NodeProto[];
}

export interface LayerConverter {
  /** The registered name of the module class. */
  module: string;
  write?: (m: Module, x: string, c: ExportContext) => string;
  /** Ops that start this layer in a graph. */
  ops: string[];
  read: (n: NodeProto, x: string, g: Graph, shape: number[] | null) => Match | null;
}

const key = (c: ExportContext, name: string): string => (c.path ? `${c.path}.${name}` : name);
const f32 = (c: Constant): Float32Array => Float32Array.from(c.values);
const scratch = (): Generator => new Generator(0);

/** The only consumer of `value`, when there is exactly one and it is not a graph output. */
function soleConsumer(g: Graph, value: string): NodeProto | null {
  const cons = g.allConsumersOf(value);
  return cons.length === 1 && !g.outputs.has(value) ? cons[0]! : null;
}

function unusedOutputs(g: Graph, n: NodeProto): boolean {
  return (n.output ?? []).slice(1).every((o) => o === "" || (g.allConsumersOf(o).length === 0 && !g.outputs.has(o)));
}

function fail(g: Graph, n: NodeProto, why: string): never {
  throw new Error(`${g.source}: node "${label(n)}" (${n.opType}): ${why}`);
}

const linear: LayerConverter = {
  module: "Linear",
  write: (m, x, c) => {
    const { weight, bias } = m as nn.Linear;
    if (c.shape.length === 2) {
      const inputs = [x, c.g.tensor(key(c, "weight"), weight.data, weight.shape)];
      if (bias) inputs.push(c.g.tensor(key(c, "bias"), bias.data, bias.shape));
      return c.g.node("Gemm", inputs, c.path, { transB: 1 });
    }
    const [o, i] = weight.shape as [number, number];
    const t = new Float32Array(o * i);
    for (let r = 0; r < o; r++) for (let k = 0; k < i; k++) t[k * o + r] = weight.data[r * i + k]!;
    const y = c.g.node("MatMul", [x, c.g.tensor(key(c, "weight_transposed"), t, [i, o])], c.path);
    return bias ? c.g.node("Add", [y, c.g.tensor(key(c, "bias"), bias.data, bias.shape)], c.path) : y;
  },
  ops: ["Gemm", "MatMul"],
  read: (n, x, g) => {
    if (n.input?.[0] !== x) return null;
    const w = g.constantInput(n, 1);
    if (!w || w.dims.length !== 2) return null;
    let transposed: boolean;
    let b: Constant | undefined;
    const nodes = [n];
    let out = n.output![0]!;
    if (n.opType === "Gemm") {
      if (g.num(n, "alpha") !== 1 || g.num(n, "transA") !== 0) fail(g, n, "only alpha = 1 and transA = 0 map to a Linear layer");
      transposed = g.num(n, "transB") === 0;
      if (n.input![2]) {
        b = g.constantInput(n, 2);
        if (!b) return null;
        if (g.num(n, "beta") !== 1) fail(g, n, "only beta = 1 maps to a Linear layer");
      }
    } else {
      transposed = true;
      const add = soleConsumer(g, out);
      if (add?.opType === "Add" && add.input?.length === 2) {
        const other = add.input[0] === out ? 1 : 0;
        const c = g.constantInput(add, other);
        if (c && c.values.length === w.dims[1]) {
          b = c;
          nodes.push(add);
          out = add.output![0]!;
        }
      }
    }
    const [outF, inF] = transposed ? [w.dims[1]!, w.dims[0]!] : [w.dims[0]!, w.dims[1]!];
    if (b && b.values.length !== outF && b.values.length !== 1) fail(g, n, `the bias has ${b.values.length} values for ${outF} outputs`);
    const lin = new nn.Linear(inF, outF, { bias: b !== undefined, generator: scratch() });
    const data = lin.weight.data;
    for (let r = 0; r < outF; r++) for (let k = 0; k < inF; k++) data[r * inF + k] = transposed ? w.values[k * outF + r]! : w.values[r * inF + k]!;
    if (b) lin.bias!.data.set(b.values.length === 1 ? new Float32Array(outF).fill(b.values[0]!) : f32(b));
    return { module: lin, out, nodes };
  },
};

const batchNorm: LayerConverter = {
  module: "BatchNorm1d",
  write: (m, x, c) => {
    const bn = m as nn.BatchNorm1d;
    if (!bn.runningMean || !bn.runningVar) {
      throw new Error(`exportOnnx: the BatchNorm1d at "${c.path}" has no running statistics (trackRunningStats: false), so it has no eval form to export`);
    }
    const n = bn.numFeatures;
    const inputs = [
      x,
      bn.weight ? c.g.tensor(key(c, "weight"), bn.weight.data, [n]) : c.g.tensor(key(c, "scale"), new Float32Array(n).fill(1), [n]),
      bn.bias ? c.g.tensor(key(c, "bias"), bn.bias.data, [n]) : c.g.tensor(key(c, "shift"), new Float32Array(n), [n]),
      c.g.tensor(key(c, "running_mean"), bn.runningMean.data, [n]),
      c.g.tensor(key(c, "running_var"), bn.runningVar.data, [n]),
    ];
    return c.g.node("BatchNormalization", inputs, c.path, { epsilon: bn.eps, momentum: 1 - (bn.momentum ?? 0.1) });
  },
  ops: ["BatchNormalization"],
  read: (n, x, g) => {
    if (n.input?.[0] !== x) return null;
    const [scale, shift, mean, variance] = [1, 2, 3, 4].map((i) => g.constantInput(n, i));
    if (!scale || !shift || !mean || !variance) fail(g, n, "scale, bias, mean and variance must be constants (its eval form)");
    const c = scale.values.length;
    if (![shift, mean, variance].every((t) => t.values.length === c)) fail(g, n, "scale, bias, mean and variance must have one value per channel");
    if (g.num(n, "training_mode")) fail(g, n, "training_mode = 1 has no eval form");
    if (!unusedOutputs(g, n)) fail(g, n, "its running-statistics outputs are used, which only training mode has");
    // constant ones and zeros not named as parameters: a BatchNorm1d without affine (as nabla and PyTorch write it)
    const affine = /\.weight$/.test(n.input![1]!) || !scale.values.every((v) => v === 1) || !shift.values.every((v) => v === 0);
    const bn = new nn.BatchNorm1d(c, { eps: shortFloat(g.num(n, "epsilon")!), momentum: shortFloat(1 - shortFloat(g.num(n, "momentum")!)), affine });
    bn.weight?.data.set(f32(scale));
    bn.bias?.data.set(f32(shift));
    bn.runningMean!.data.set(f32(mean));
    bn.runningVar!.data.set(f32(variance));
    return { module: bn.eval(), out: n.output![0]!, nodes: [n] };
  },
};

const prelu: LayerConverter = {
  module: "PReLU",
  write: (m, x, c) => {
    const w = (m as nn.PReLU).weight;
    const dims = w.size === 1 ? [1] : [w.size, ...new Array<number>(Math.max(c.shape.length - 2, 0)).fill(1)];
    return c.g.node("PRelu", [x, c.g.tensor(key(c, "weight"), w.data, dims)], c.path);
  },
  ops: ["PRelu"],
  read: (n, x, g) => {
    if (n.input?.[0] !== x) return null;
    const s = g.constantInput(n, 1);
    if (!s) fail(g, n, "the slope must be a constant");
    if (s.values.length > 1 && s.dims.slice(1).some((d) => d !== 1)) fail(g, n, `a slope of dims [${s.dims.join(", ")}] is not one per channel`);
    const p = new nn.PReLU({ numParameters: Math.max(s.values.length, 1) });
    p.weight.data.set(f32(s));
    return { module: p, out: n.output![0]!, nodes: [n] };
  },
};

const dropout: LayerConverter = {
  module: "Dropout",
  write: (m, x, c) => c.g.node("Dropout", [x, c.g.scalar((m as nn.Dropout).p)], c.path),
  ops: ["Dropout"],
  read: (n, x, g) => {
    if (n.input?.[0] !== x) return null;
    const ratio = n.input[1] ? g.constantInput(n, 1) : undefined;
    if (n.input[1] && !ratio) fail(g, n, "the ratio must be a constant");
    const mode = n.input[2] ? g.constantInput(n, 2) : undefined;
    if (n.input[2] && (!mode || mode.values[0] !== 0)) fail(g, n, "only training_mode = false is inference");
    if (!unusedOutputs(g, n)) fail(g, n, "its mask output is used, which only training has");
    const p = ratio?.values[0] ?? g.num(n, "ratio") ?? 0.5;
    return { module: new nn.Dropout({ p: shortFloat(p) }), out: n.output![0]!, nodes: [n] };
  },
};

const flatten: LayerConverter = {
  module: "Flatten",
  write: (m, x, c) => {
    const f = m as nn.Flatten;
    const r = c.shape.length;
    const norm = (d: number): number => (d < 0 ? d + r : d);
    const [s, e] = [norm(f.startDim), norm(f.endDim)];
    if (s === 1 && e === r - 1) return c.g.node("Flatten", [x], c.path, { axis: 1 });
    const spec = [...c.shape.slice(0, s).map(() => 0), -1, ...c.shape.slice(e + 1)];
    return c.g.node("Reshape", [x, c.g.int64(key(c, "shape"), spec)], c.path);
  },
  ops: ["Flatten", "Reshape"],
  read: (n, x, g, shape) => {
    if (n.input?.[0] !== x) return null;
    if (n.opType === "Flatten") {
      const axis = g.num(n, "axis")!;
      if (axis !== 1 && !(shape && axis + shape.length === 1)) {
        fail(g, n, `Flatten with axis ${axis} merges the batch dim or splits it; nabla's Flatten keeps dim 0 (axis 1)`);
      }
      return { module: new nn.Flatten(), out: n.output![0]!, nodes: [n] };
    }
    const spec = g.constantInput(n, 1);
    if (!spec) fail(g, n, "the target shape must be a constant");
    if (!shape) fail(g, n, "nabla needs the graph input's static shape to read a Reshape");
    const dims = fitFlatten(shape, Array.from(spec.values));
    if (!dims) fail(g, n, `Reshape to [${Array.from(spec.values).join(", ")}] from [batch, ${shape.slice(1).join(", ")}] is not a flatten of consecutive dims`);
    return { module: new nn.Flatten({ startDim: dims[0], endDim: dims[1] }), out: n.output![0]!, nodes: [n] };
  },
};

/** The (startDim, endDim) whose flatten equals ONNX Reshape(spec) for every batch size, or null. */
function fitFlatten(shape: number[], spec: number[]): [number, number] | null {
  const reshape = (inp: number[]): number[] | null => {
    const out = spec.map((d, i) => (d === 0 ? inp[i] ?? NaN : d));
    const total = inp.reduce((a, b) => a * b, 1);
    const known = out.filter((d) => d !== -1).reduce((a, b) => a * b, 1);
    const holes = out.filter((d) => d === -1).length;
    if (holes > 1 || out.some((d) => Number.isNaN(d))) return null;
    return holes ? out.map((d) => (d === -1 ? total / known : d)) : out;
  };
  const flat = (inp: number[], s: number, e: number): number[] => [...inp.slice(0, s), inp.slice(s, e + 1).reduce((a, b) => a * b, 1), ...inp.slice(e + 1)];
  const r = shape.length;
  for (let s = 0; s < r; s++) {
    for (let e = s; e < r; e++) {
      if ([1, 3].every((b) => {
        const inp = [b, ...shape.slice(1)];
        const got = reshape(inp);
        return got !== null && got.join() === flat(inp, s, e).join();
      })) return [s, e === r - 1 ? -1 : e];
    }
  }
  return null;
}

const standardize: LayerConverter = {
  module: "Standardize",
  write: (m, x, c) => {
    const s = m as Standardize;
    const y = c.g.node("Sub", [x, c.g.tensor(key(c, "mean"), s.getBuffer("mean")!.data, [s.numFeatures])], c.path);
    return c.g.node("Div", [y, c.g.tensor(key(c, "scale"), s.getBuffer("scale")!.data, [s.numFeatures])], c.path);
  },
  ops: ["Sub"],
  read: (n, x, g) => {
    if (n.input?.[0] !== x) return null;
    const mean = g.constantInput(n, 1);
    const div = soleConsumer(g, n.output![0]!);
    const scale = div?.opType === "Div" && div.input?.[0] === n.output![0] ? g.constantInput(div, 1) : undefined;
    if (!mean || !scale || mean.dims.length !== 1 || scale.values.length !== mean.values.length) return null;
    return { module: new Standardize(f32(mean), f32(scale)), out: div!.output![0]!, nodes: [n, div!] };
  },
};

export const LAYERS: LayerConverter[] = [linear, batchNorm, prelu, dropout, flatten, standardize];
