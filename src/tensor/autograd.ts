/**
 * The dynamic tape. Each op's result remembers a GradNode: its inputs and a closure that maps the
 * output's gradient to the inputs' gradients. `backward` walks these nodes in reverse topological
 * order. Backward closures are written with ordinary tensor ops, so with `createGraph` the backward
 * pass is itself recorded and can be differentiated again (second-order gradients).
 */
import type { Tensor } from "./tensor.js";
import { fmt, sameShape } from "./shape.js";

/** The record an op leaves on its result (`t.gradFn`): the op's inputs and the rule mapping the output's gradient to theirs. */
export interface GradNode {
  /** The op's name, for error messages and `gradFn.name`. */
  readonly name: string;
  readonly inputs: readonly Tensor[];
  /** Gradients for each input (null where an input needs none), given the output's gradient. */
  backward(grad: Tensor): readonly (Tensor | null)[];
}

let gradEnabled = true;

/** Whether ops record the tape now (false inside `noGrad`). */
export function isGradEnabled(): boolean {
  return gradEnabled;
}

/** Sets gradient recording on or off and returns the previous setting. */
export function setGradEnabled(on: boolean): boolean {
  const prev = gradEnabled;
  gradEnabled = on;
  return prev;
}

/** Runs `fn` without recording the tape (PyTorch's `torch.no_grad()`); use it for evaluation and updates. */
export function noGrad<T>(fn: () => T): T {
  const prev = setGradEnabled(false);
  try {
    return fn();
  } finally {
    setGradEnabled(prev);
  }
}

/** Runs `fn` with the tape recording, even inside `noGrad` (PyTorch's `torch.enable_grad()`). */
export function enableGrad<T>(fn: () => T): T {
  const prev = setGradEnabled(true);
  try {
    return fn();
  } finally {
    setGradEnabled(prev);
  }
}

/** Whether a result computed from `inputs` should be recorded on the tape. */
export function needsGrad(inputs: readonly Tensor[]): boolean {
  if (!gradEnabled) return false;
  for (const t of inputs) if (t.requiresGrad) return true;
  return false;
}

/**
 * Gradients a backward rule has just allocated and hands over (its fused kernels' fresh outputs, one per
 * input): a leaf may keep such a tensor as its `.grad` instead of a copy. Emptied after every backward.
 */
const ownedGrads = new Set<Tensor>();

/** Marks a gradient as fresh storage that no other tensor shares, so that a leaf may adopt it without a copy. */
export function owned(t: Tensor): Tensor {
  ownedGrads.add(t);
  return t;
}

/** Options of `backward` (PyTorch's `create_graph` and `inputs`). */
export interface BackwardOptions {
  /** Record the backward pass so the gradients can be differentiated again. */
  createGraph?: boolean;
  /**
   * Accumulate gradients only into these tensors (leaves or not), leaving every other `.grad` alone,
   * as PyTorch's `backward(inputs=…)`.
   */
  inputs?: readonly Tensor[];
}

/** Fills `.grad` of every leaf reachable from `root` that requires grad, accumulating into existing grads. */
export function runBackward(root: Tensor, gradient: Tensor, options: BackwardOptions = {}): void {
  const createGraph = options.createGraph ?? false;
  const only = options.inputs ? new Set(options.inputs) : null;
  options.inputs?.forEach((x, i) => {
    if (!x.requiresGrad) throw new Error(`backward: inputs[${i}] (shape ${fmt(x.shape)}) does not require grad`);
  });
  const order = topoSort(root);
  const grads = new Map<Tensor, Tensor>([[root, gradient]]);
  const prev = setGradEnabled(createGraph);
  try {
    for (let i = order.length - 1; i >= 0; i--) {
      const t = order[i]!;
      const g = grads.get(t);
      if (!g) continue;
      grads.delete(t);
      if (only ? only.has(t) : t.gradFn === null || t.retainsGrad) accumulateLeaf(t, g, createGraph);
      if (t.gradFn === null) continue;
      const inputGrads = t.gradFn.backward(g);
      const inputs = t.gradFn.inputs;
      for (let j = 0; j < inputs.length; j++) {
        const x = inputs[j]!;
        const gx = inputGrads[j];
        if (!x.requiresGrad || !gx) continue;
        if (!sameShape(gx.shape, x.shape)) {
          throw new Error(
            `backward: ${t.gradFn.name} produced a gradient of shape ${fmt(gx.shape)} for input ${j} of shape ${fmt(x.shape)}`,
          );
        }
        const prevG = grads.get(x);
        grads.set(x, prevG ? prevG.add(gx) : gx);
      }
    }
  } finally {
    setGradEnabled(prev);
    ownedGrads.clear();
  }
}

function accumulateLeaf(t: Tensor, g: Tensor, createGraph: boolean): void {
  if (t.grad === null) {
    // A fresh copy: the same gradient tensor may flow to several leaves, and optimisers update grads in
    // place; only a leaf may keep a gradient that its backward rule allocated for it alone.
    t.grad = createGraph ? g.clone() : t.gradFn === null && ownedGrads.has(g) ? g : g.detach().clone();
  } else if (createGraph || t.grad.requiresGrad) {
    // Out of place: a grad that is part of a graph (from createGraph) must keep its recorded values.
    t.grad = t.grad.add(g);
  } else {
    const a = t.grad.data;
    const b = g.data;
    for (let i = 0; i < a.length; i++) a[i]! += b[i]!;
  }
}

/** Tensors reachable from root through recorded ops, in topological order (inputs before outputs). */
function topoSort(root: Tensor): Tensor[] {
  const order: Tensor[] = [];
  const visited = new Set<Tensor>([root]);
  // an explicit stack (deep graphs would overflow recursion): nodes and how many inputs each has visited
  const nodes: Tensor[] = [root];
  const next: number[] = [0];
  while (nodes.length > 0) {
    const top = nodes.length - 1;
    const t = nodes[top]!;
    const k = next[top]!;
    const inputs = t.gradFn === null ? null : t.gradFn.inputs;
    if (inputs !== null && k < inputs.length) {
      next[top] = k + 1;
      const x = inputs[k]!;
      if (x.requiresGrad && !visited.has(x)) {
        visited.add(x);
        nodes.push(x);
        next.push(0);
      }
    } else {
      nodes.pop();
      next.pop();
      order.push(t);
    }
  }
  return order;
}
