/** Writing an ONNX graph: nodes, initializers and scalar constants, with unique, readable names. */
import { attribute, floatTensor, int64Tensor, type NodeProto, type TensorProto } from "./proto.js";
import { INT_ATTRIBUTES } from "./patterns.js";

export class GraphBuilder {
  readonly nodes: NodeProto[] = [];
  readonly initializers: TensorProto[] = [];
  private readonly names = new Set<string>();
  private readonly scalars = new Map<number, string>();

  /** A value name not used yet, from a hint. */
  fresh(hint: string): string {
    let name = hint;
    for (let i = 1; this.names.has(name); i++) name = `${hint}_${i}`;
    this.names.add(name);
    return name;
  }

  /** Adds a node; returns the name of its (single) output. Attribute values are ints for INT_ATTRIBUTES, floats otherwise. */
  node(op: string, inputs: string[], path: string, attrs: Record<string, number> = {}): string {
    const base = path ? `/${path.replace(/\./g, "/")}/${op}` : `/${op}`;
    const name = this.fresh(base);
    const out = this.fresh(`${base}_output`);
    const attribute_ = Object.entries(attrs).map(([k, v]) => attribute(k, INT_ATTRIBUTES.has(k) ? { int: v } : v));
    this.nodes.push({ name, opType: op, input: inputs, output: [out], attribute: attribute_ });
    return out;
  }

  /** Adds a float32 initializer under `name` (made unique); returns its name. */
  tensor(name: string, data: Float32Array, dims: readonly number[]): string {
    const n = this.fresh(name);
    this.initializers.push(floatTensor(n, data, dims));
    return n;
  }

  /** An int64 initializer (a Reshape's shape). */
  int64(name: string, values: number[]): string {
    const n = this.fresh(name);
    this.initializers.push(int64Tensor(n, values));
    return n;
  }

  /** A float32 scalar constant, shared by every node that uses the same value. */
  scalar(value: number): string {
    const key = Math.fround(value);
    let name = this.scalars.get(key);
    if (name === undefined) {
      name = this.tensor(`const_${shortFloat(key)}`, Float32Array.of(key), []);
      this.scalars.set(key, name);
    }
    return name;
  }
}

/** The shortest decimal that reads back as the same float32 (0.009999999776 → 0.01). */
export function shortFloat(f: number): number {
  const x = Math.fround(f);
  for (let p = 1; p <= 9; p++) {
    const y = Number(x.toPrecision(p));
    if (Math.fround(y) === x) return y;
  }
  return x;
}
