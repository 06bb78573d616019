/**
 * ONNX import: the graph is walked from its input, and each run of nodes becomes a nabla layer (layers.ts)
 * or activation (patterns.ts); an Add joining a value with a branch that starts at it becomes a Residual.
 * The result is a Sequential (or the single layer) in eval mode. Anything else is an error naming the op
 * and the node.
 */
import { noGrad, zeros } from "../../tensor/index.js";
import * as nn from "../../nn/index.js";
import type { Module } from "../../nn/index.js";
import { shortFloat } from "./builder.js";
import { Graph, label } from "./graph.js";
import { LAYERS, type Match } from "./layers.js";
import { ATTRIBUTE_DEFAULTS, COMMUTATIVE, PATTERNS, PATTERN_OPS, type Pattern } from "./patterns.js";
import { onnx, readAttribute, toNumber, type ModelProto, type NodeProto } from "./proto.js";
import { ONNX_ARCHITECTURE_KEY, restoreTree } from "./tree.js";
import { namingSource } from "../source-errors.js";

/** Reads ONNX bytes (a model made of the layers nabla exports) into nabla modules; `source` names the file in errors. */
export function importOnnx(bytes: Uint8Array | ArrayBuffer, source = "ONNX model"): Module {
  return namingSource(source, () => read(bytes, source));
}

function read(bytes: Uint8Array | ArrayBuffer, source: string): Module {
  const data = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  let model: ModelProto;
  try {
    model = onnx.ModelProto.decode(data);
  } catch (e) {
    throw new Error(`${source}: not a valid ONNX model (protobuf: ${(e as Error).message})`);
  }
  const opset = model.opsetImport?.find((o) => (o.domain ?? "") === "" || o.domain === "ai.onnx");
  const version = opset ? toNumber(opset.version, source) : 0;
  if (!model.graph) throw new Error(`${source}: the model has no graph`);
  const g = new Graph(model.graph, source);
  const inputs = (model.graph.input ?? []).filter((i) => !g.constants.has(i.name ?? ""));
  if (inputs.length !== 1 || (model.graph.output ?? []).length !== 1) {
    throw new Error(`${source}: nabla imports graphs with one input and one output; this one has ${inputs.length} inputs and ${(model.graph.output ?? []).length} outputs`);
  }
  const output = model.graph.output![0]!.name ?? "";
  for (const n of g.nodes) {
    if ((n.domain ?? "") !== "" && n.domain !== "ai.onnx") throw new Error(`${source}: node "${label(n)}" uses op ${n.opType} of domain "${n.domain}"; nabla reads the standard ONNX domain only`);
    if ((n.opType === "Softmax" || n.opType === "LogSoftmax") && version < 13) {
      throw new Error(`${source}: node "${label(n)}": ${n.opType} before opset 13 flattens its input to 2-D; re-export with opset 13 or later (this model has opset ${version})`);
    }
  }
  const shape = staticShape(inputs[0]!.type?.tensorType?.shape?.dim ?? null);
  const { modules, out } = chain(g, inputs[0]!.name ?? "", output, shape);
  if (out !== output) throw new Error(`${source}: the graph does not lead from its input to its output "${output}"`);
  const left = g.nodes.filter((n) => !g.used.has(n));
  if (left.length) throw new Error(`${source}: node "${label(left[0]!)}" (${left[0]!.opType}) is not on the path from the input to the output`);
  const result = modules.length === 1 ? modules[0]! : new nn.Sequential(...modules);
  const saved = model.metadataProps?.find((p) => p.key === ONNX_ARCHITECTURE_KEY)?.value ?? undefined;
  return (restoreTree(result, saved) ?? result).eval();
}

function chain(g: Graph, start: string, stop: string, shape: number[] | null): { modules: Module[]; out: string; shape: number[] | null } {
  const modules: Module[] = [];
  let v = start;
  while (v !== stop) {
    const cons = g.consumersOf(v);
    if (cons.length === 0) break;
    // a layer or activation must take every reader of v; one left over (an Add) means v starts a residual block
    const all = (m: Match): boolean => cons.every((n) => m.nodes.includes(n));
    const m = layer(g, v, cons, shape, all) ?? pattern(g, v, cons, all) ?? residual(g, v, cons, shape);
    if (!m) unsupported(g, cons);
    for (const n of m.nodes) g.used.add(n);
    modules.push(m.module);
    if (shape) shape = shapeAfter(m.module, shape, g, m.nodes[0]!);
    v = m.out;
  }
  return { modules, out: v, shape };
}

/** x + f(x): an Add of `v` and a value computed from `v`; the latest such Add is the outermost block. */
function residual(g: Graph, v: string, cons: NodeProto[], shape: number[] | null): Match | null {
  const adds = cons.filter((n) => n.opType === "Add" && n.input?.length === 2 && n.input.includes(v) && n.input.every((i) => !g.constants.has(i)));
  if (!adds.length) return null;
  const add = adds.reduce((a, b) => (g.position(b) > g.position(a) ? b : a));
  const other = add.input![0] === v ? add.input![1]! : add.input![0]!;
  if (other === v) return { module: new nn.Residual(new nn.Identity()), out: add.output![0]!, nodes: [add] };
  if (cons.length < 2) return null;
  g.used.add(add);
  const inner = chain(g, v, other, shape);
  if (inner.out !== other) throw new Error(`${g.source}: the branch of the Add "${label(add)}" does not start at the value it adds to`);
  const fn = inner.modules.length === 1 ? inner.modules[0]! : new nn.Sequential(...inner.modules);
  return { module: new nn.Residual(fn), out: add.output![0]!, nodes: [add] };
}

function layer(g: Graph, v: string, cons: NodeProto[], shape: number[] | null, accept: (m: Match) => boolean): Match | null {
  for (const n of cons) {
    for (const l of LAYERS) {
      if (!l.ops.includes(n.opType ?? "")) continue;
      const m = l.read(n, v, g, shape);
      if (m && accept(m)) return m;
    }
  }
  return null;
}

/** Longest patterns first: SiLU (Sigmoid, Mul) must win over a lone Sigmoid. */
const BY_LENGTH = [...PATTERNS].sort((a, b) => b.steps.length - a.steps.length);

function pattern(g: Graph, v: string, cons: NodeProto[], accept: (m: Match) => boolean): Match | null {
  for (const p of BY_LENGTH) {
    if (!cons.some((n) => n.opType === p.steps[0]!.op)) continue;
    const m = matchPattern(g, v, p);
    if (m && accept(m)) return m;
  }
  return null;
}

/** Matches a pattern's steps at value `x`, with backtracking over candidate nodes; captured "$" parameters build the module. */
function matchPattern(g: Graph, x: string, p: Pattern): Match | null {
  const outs: string[] = [];
  const nodes: NodeProto[] = [];
  const params: Record<string, number> = {};
  const close = (a: number, b: number): boolean => Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(b));
  const bindRef = (ref: string | number, input: string, bound: Record<string, number>): boolean => {
    if (ref === "x") return input === x;
    if (typeof ref === "string" && ref.startsWith("n")) return input === outs[Number(ref.slice(1))];
    const c = g.constants.get(input);
    if (!c || c.values.length !== 1) return false;
    const val = c.values[0]!;
    if (typeof ref === "number") return close(val, ref);
    const k = ref.slice(1);
    if (k in bound) return close(val, bound[k]!);
    bound[k] = val;
    return true;
  };
  const tryStep = (i: number): boolean => {
    if (i === p.steps.length) return true;
    const s = p.steps[i]!;
    const anchor = s.in.find((r) => r === "x" || (typeof r === "string" && r.startsWith("n")));
    const from = anchor === "x" ? x : outs[Number(String(anchor).slice(1))]!;
    for (const n of g.consumersOf(from)) {
      if (n.opType !== s.op || nodes.includes(n) || (n.input?.length ?? 0) !== s.in.length) continue;
      const orders = COMMUTATIVE.has(s.op) ? [n.input!, [...n.input!].reverse()] : [n.input!];
      for (const inputs of orders) {
        const bound = { ...params };
        if (!s.in.every((r, j) => bindRef(r, inputs[j]!, bound))) continue;
        if (!attrsMatch(g, n, s.attrs ?? {}, bound, close)) continue;
        const saved = { ...params };
        Object.assign(params, bound);
        outs.push(n.output![0]!);
        nodes.push(n);
        if (tryStep(i + 1)) return true;
        outs.pop();
        nodes.pop();
        for (const k of Object.keys(params)) delete params[k];
        Object.assign(params, saved);
      }
    }
    return false;
  };
  if (!tryStep(0)) return null;
  // inner values may feed nothing outside the pattern
  for (const o of outs.slice(0, -1)) {
    if (g.outputs.has(o) || g.allConsumersOf(o).some((n) => !nodes.includes(n))) return null;
  }
  for (const k of Object.keys(params)) params[k] = shortFloat(params[k]!);
  return { module: p.build(params), out: outs[outs.length - 1]!, nodes };
}

function attrsMatch(g: Graph, n: NodeProto, want: Record<string, number | string>, bound: Record<string, number>, close: (a: number, b: number) => boolean): boolean {
  for (const [k, w] of Object.entries(want)) {
    const v = g.num(n, k);
    if (v === undefined) return false;
    if (typeof w === "number") {
      if (!close(v, w)) return false;
    } else bound[w.slice(1)] = v;
  }
  // attributes the pattern does not mention must keep their defaults
  for (const a of n.attribute ?? []) {
    const name = a.name ?? "";
    if (name in want) continue;
    const def = ATTRIBUTE_DEFAULTS[n.opType ?? ""]?.[name];
    const v = readAttribute(n, name);
    if (def === undefined || typeof v !== "number" || !close(v, def)) return false;
  }
  return true;
}

function unsupported(g: Graph, cons: NodeProto[]): never {
  const n = cons[0]!;
  const ops = new Set([...PATTERN_OPS, ...LAYERS.flatMap((l) => l.ops), "Add"]);
  if (!ops.has(n.opType ?? "")) {
    throw new Error(`${g.source}: unsupported op "${n.opType}" at node "${label(n)}" (nabla imports ${[...ops].sort().join(", ")})`);
  }
  throw new Error(`${g.source}: node "${label(n)}" (op ${n.opType}) does not form a layer or activation nabla knows (a supported op used in an unsupported way)`);
}

function staticShape(dims: { dimValue?: unknown; dimParam?: string | null }[] | null): number[] | null {
  if (!dims || dims.length === 0) return null;
  const rest = dims.slice(1).map((d) => toNumber(d.dimValue ?? 0, "input shape"));
  // unknown or implausibly large dims: no shape tracking (only Reshape needs it)
  const size = rest.reduce((a, b) => a * b, 1);
  return rest.every((d) => d > 0) && size <= 1 << 20 ? [2, ...rest] : null;
}

function shapeAfter(m: Module, shape: number[], g: Graph, n: NodeProto): number[] {
  try {
    return noGrad(() => [...m.forward(zeros(shape)).shape]);
  } catch (e) {
    throw new Error(`${g.source}: node "${label(n)}" (${n.opType}) does not fit the shape [batch, ${shape.slice(1).join(", ")}] flowing into it: ${(e as Error).message}`);
  }
}
