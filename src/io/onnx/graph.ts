/** Reading an ONNX graph: nodes with their consumers, constants (initializers and Constant nodes), attributes. */
import { readAttribute, readTensor, type GraphProto, type NodeProto } from "./proto.js";
import { ATTRIBUTE_DEFAULTS } from "./patterns.js";

export interface Constant {
  dims: number[];
  values: Float64Array;
}

export class Graph {
  readonly nodes: NodeProto[];
  readonly constants = new Map<string, Constant>();
  readonly outputs: Set<string>;
  /** Nodes already turned into modules. */
  readonly used = new Set<NodeProto>();
  private readonly consumers = new Map<string, NodeProto[]>();
  private readonly order = new Map<NodeProto, number>();

  constructor(graph: GraphProto, readonly source: string) {
    for (const t of graph.initializer ?? []) {
      if (!t.name) throw new Error(`${source}: an initializer has no name`);
      this.constants.set(t.name, readTensor(t, `${source}: initializer "${t.name}"`));
    }
    this.nodes = [];
    for (const n of graph.node ?? []) {
      if (n.opType === "Constant" && (n.domain ?? "") === "") {
        this.constants.set(n.output?.[0] ?? "", constantValue(n, source));
        continue;
      }
      this.order.set(n, this.nodes.length);
      this.nodes.push(n);
      for (const i of n.input ?? []) {
        if (i === "" || this.constants.has(i)) continue;
        const list = this.consumers.get(i) ?? [];
        if (!list.includes(n)) list.push(n);
        this.consumers.set(i, list);
      }
    }
    this.outputs = new Set((graph.output ?? []).map((o) => o.name ?? ""));
  }

  /** The nodes reading `value` that no module has taken yet. */
  consumersOf(value: string): NodeProto[] {
    return (this.consumers.get(value) ?? []).filter((n) => !this.used.has(n));
  }

  /** Every node reading `value`, taken or not. */
  allConsumersOf(value: string): NodeProto[] {
    return this.consumers.get(value) ?? [];
  }

  /** The position of a node in the graph (ONNX lists nodes in topological order). */
  position(n: NodeProto): number {
    return this.order.get(n) ?? -1;
  }

  /** A node's attribute as a number, or the op's ONNX default. */
  num(n: NodeProto, name: string): number | undefined {
    const v = readAttribute(n, name);
    if (v === undefined) return ATTRIBUTE_DEFAULTS[n.opType ?? ""]?.[name];
    if (typeof v !== "number") throw new TypeError(`${this.source}: node "${label(n)}" (${n.opType}): attribute ${name} is not a number`);
    return v;
  }

  /** The constant flowing into input `i` of a node, or undefined when it is computed. */
  constantInput(n: NodeProto, i: number): Constant | undefined {
    const name = n.input?.[i];
    return name ? this.constants.get(name) : undefined;
  }
}

/** A node's name for error messages (its output when it has no name). */
export function label(n: NodeProto): string {
  return n.name || `output ${n.output?.[0] ?? "?"}`;
}

function constantValue(n: NodeProto, source: string): Constant {
  const what = `${source}: Constant node "${label(n)}"`;
  for (const a of n.attribute ?? []) {
    const v = readAttribute(n, a.name ?? "");
    if (typeof v === "number") return { dims: [], values: Float64Array.of(v) };
    if (Array.isArray(v)) return { dims: [v.length], values: Float64Array.from(v) };
    if (v && typeof v === "object") return v;
  }
  throw new Error(`${what} has no value nabla can read`);
}
