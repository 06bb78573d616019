/**
 * ONNX export: a model built from nabla's layers becomes an ONNX graph (opset 13 by default) with a named
 * input and output and a dynamic batch dim, ready for onnxruntime, in its eval form (BatchNorm1d uses its
 * running statistics, Dropout is the identity).
 */
import { noGrad, zeros } from "../../tensor/index.js";
import * as nn from "../../nn/index.js";
import type { Module } from "../../nn/index.js";
import { registeredName } from "../registry.js";
import { GraphBuilder } from "./builder.js";
import { LAYERS, type ExportContext } from "./layers.js";
import { PATTERNS } from "./patterns.js";
import { DataType, onnx, type ValueInfoProto } from "./proto.js";
import { ONNX_ARCHITECTURE_KEY, architectureJson } from "./tree.js";

/** Options of exportOnnx: input shape, names of the input, output and batch dim, opset, metadata. */
export interface OnnxExportOptions {
  /** The input's shape without the batch dim, e.g. [784] (default: the first Linear's inFeatures). */
  inputShape?: number[];
  /** The graph input's name (default "input"). */
  inputName?: string;
  /** The graph output's name (default "output"). */
  outputName?: string;
  /** The name of the dynamic batch dim (default "batch"). */
  batchName?: string;
  /** The ONNX opset (default 13; 13 to 21). */
  opset?: number;
  /** Key–value pairs stored in the model's metadata_props (class names, preprocessing, …). */
  metadata?: Record<string, string>;
  /** The model's doc string. */
  docString?: string;
}

/** nabla's version, written as the ONNX producer_version. */
export const PRODUCER_VERSION = "0.1.0";

/** Serialises `model` as an ONNX model (protobuf bytes). Unsupported layers are errors naming the layer and its path. */
export function exportOnnx(model: Module, options: OnnxExportOptions = {}): Uint8Array {
  const opset = options.opset ?? 13;
  if (!Number.isInteger(opset) || opset < 13 || opset > 21) throw new RangeError(`exportOnnx: opset must be an integer from 13 to 21, got ${opset}`);
  const inputShape = options.inputShape ?? firstLinearWidth(model);
  if (!inputShape || !inputShape.every((d) => Number.isInteger(d) && d > 0)) {
    throw new RangeError(`exportOnnx: pass inputShape, the input's shape without the batch dim (e.g. [784]); got ${JSON.stringify(inputShape)}`);
  }
  const inputName = options.inputName ?? "input";
  const outputName = options.outputName ?? "output";
  const batch = options.batchName ?? "batch";
  const modes = model.modules().map((m) => [m, m.training] as const);
  model.eval();
  try {
    const g = new GraphBuilder();
    g.fresh(inputName);
    g.fresh(outputName);
    const shape = [2, ...inputShape]; // a batch of 2: BatchNorm1d without running statistics needs more than one row
    const { out, shape: outShape } = write(model, inputName, { g, path: "", shape });
    const last = g.nodes.find((n) => n.output?.[0] === out);
    if (last) last.output = [outputName];
    else g.nodes.push({ name: g.fresh("/Identity"), opType: "Identity", input: [out], output: [outputName] });
    const graph = {
      name: "nabla",
      node: g.nodes,
      initializer: g.initializers,
      input: [valueInfo(inputName, batch, inputShape)],
      output: [valueInfo(outputName, batch, outputDims(model, inputShape, outShape, batch))],
    };
    const proto = onnx.ModelProto.create({
      irVersion: opset <= 14 ? 7 : 8,
      opsetImport: [{ domain: "", version: opset }],
      producerName: "nabla",
      producerVersion: PRODUCER_VERSION,
      docString: options.docString ?? "",
      graph,
      metadataProps: Object.entries({ ...options.metadata, ...architecture(model) }).map(([key, value]) => ({ key, value })),
    });
    return Uint8Array.from(onnx.ModelProto.encode(proto).finish()); // a plain Uint8Array (protobufjs gives a Node Buffer, whose slice is a view)
  } finally {
    for (const [m, t] of modes) m.training = t;
  }
}

function write(m: Module, x: string, c: ExportContext): { out: string; shape: number[] } {
  if (m instanceof nn.Sequential) {
    let cur = { out: x, shape: c.shape };
    for (const [k, child] of m.namedChildren()) cur = write(child, cur.out, { ...c, path: join(c.path, k), shape: cur.shape });
    return cur;
  }
  if (m instanceof nn.Residual) {
    const y = write(m.fn, x, { ...c, path: join(c.path, "fn") });
    if (y.shape.join() !== c.shape.join()) throw new RangeError(`exportOnnx: the Residual at "${c.path}" maps [${c.shape}] to [${y.shape}]`);
    return { out: c.g.node("Add", [x, y.out], c.path), shape: c.shape };
  }
  const shape = outputShape(m, c.shape, c.path);
  const name = registeredName(m);
  const layer = LAYERS.find((l) => l.module === name && l.write);
  if (layer) return { out: layer.write!(m, x, c), shape };
  const pattern = PATTERNS.find((p) => p.module === name && !p.importOnly && (p.when?.(m) ?? true));
  if (!pattern) {
    const supported = [...new Set([...LAYERS.map((l) => l.module), ...PATTERNS.map((p) => p.module), "Sequential", "Residual"])].sort();
    throw new Error(`exportOnnx: no ONNX form for the ${m.constructor.name} at "${c.path || "(root)"}" (supported: ${supported.join(", ")})`);
  }
  const params = pattern.params?.(m) ?? {};
  const outs: string[] = [];
  const ref = (r: string | number): string => {
    if (typeof r === "number") return c.g.scalar(r);
    if (r === "x") return x;
    if (r.startsWith("$")) return c.g.scalar(params[r.slice(1)]!);
    return outs[Number(r.slice(1))]!;
  };
  for (const s of pattern.steps) {
    const attrs: Record<string, number> = {};
    for (const [k, v] of Object.entries(s.attrs ?? {})) attrs[k] = typeof v === "string" ? params[v.slice(1)]! : v;
    outs.push(c.g.node(s.op, s.in.map(ref), c.path, attrs));
  }
  return { out: outs[outs.length - 1]!, shape };
}

/** The static output shape of a layer for an input of `shape` (batch 1), by running it once. */
function outputShape(m: Module, shape: number[], path: string): number[] {
  try {
    return noGrad(() => [...m.forward(zeros(shape)).shape]);
  } catch (e) {
    throw new Error(`exportOnnx: the ${m.constructor.name} at "${path || "(root)"}" does not take an input of shape [batch, ${shape.slice(1).join(", ")}]: ${(e as Error).message}`);
  }
}

/** The output's dims: those that change with the batch size are symbolic (the batch, or a flatten that merged it). */
function outputDims(model: Module, inputShape: number[], forTwo: number[], batch: string): (number | string)[] {
  const forThree = noGrad(() => [...model.forward(zeros([3, ...inputShape])).shape]);
  return forTwo.map((d, i) => (d === forThree[i] ? d : i === 0 ? batch : `${batch}_${i}`));
}

function valueInfo(name: string, batch: string, dims: (number | string)[]): ValueInfoProto {
  const all = dims.length && typeof dims[0] === "string" ? dims : [batch, ...dims];
  return {
    name,
    type: { tensorType: { elemType: DataType.FLOAT, shape: { dim: all.map((d) => (typeof d === "string" ? { dimParam: d } : { dimValue: d })) } } },
  };
}

/** The module tree for the metadata, so import can rebuild the same nesting (and state-dict keys). */
function architecture(model: Module): Record<string, string> {
  const json = architectureJson(model);
  return json ? { [ONNX_ARCHITECTURE_KEY]: json } : {};
}

function firstLinearWidth(model: Module): number[] | undefined {
  const first = model.modules().find((m) => m instanceof nn.Linear || m instanceof nn.BatchNorm1d) as nn.Linear | nn.BatchNorm1d | undefined;
  if (first instanceof nn.Linear) return [first.inFeatures];
  if (first instanceof nn.BatchNorm1d) return [first.numFeatures];
  return undefined;
}

function join(path: string, k: string): string {
  return path ? `${path}.${k}` : k;
}
