/**
 * PyTorch parity: replays every case of __fixtures__/ops.json (written by scripts/fixtures/tensor_ops.py)
 * as `nabla[op](...args)` and compares the values and the input gradients of Σ sum(out ⊙ up).
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import * as nabla from "./index.js";
import { Tensor, sum, mul, tensor } from "./index.js";
import { expectClose, fromJson, jsonNum, type JsonNum, type JsonTensor } from "./test-utils/close.js";

interface Case {
  name: string;
  op: string;
  args: unknown[];
  out: JsonTensor | JsonTensor[];
  up?: JsonNum[][];
  grads?: JsonTensor[];
  tol?: [number, number];
}

const fixture = JSON.parse(readFileSync(new URL("./__fixtures__/ops.json", import.meta.url), "utf8")) as { cases: Case[] };

/** Turns JSON arguments into nabla arguments, collecting tensors whose gradient is checked. */
function decode(arg: unknown, leaves: Tensor[]): unknown {
  if (arg === null) return undefined;
  if (Array.isArray(arg)) return arg.map((a) => decode(a, leaves));
  if (typeof arg === "object") {
    if ("float" in arg) return jsonNum(arg as JsonNum);
    const t = fromJson(arg as JsonTensor);
    if (t.requiresGrad) leaves.push(t);
    return t;
  }
  return arg;
}

function run(c: Case): void {
  const fn = (nabla as unknown as Record<string, unknown>)[c.op];
  if (typeof fn !== "function") throw new Error(`parity: ${c.op} is not a nabla export`);
  const leaves: Tensor[] = [];
  const args = c.args.map((a) => decode(a, leaves));
  const out = (fn as (...a: unknown[]) => Tensor | Tensor[])(...args);
  const [rtol, atol] = c.tol ?? [1e-5, 1e-6];
  const outs = Array.isArray(out) ? out : [out];
  const expected = Array.isArray(c.out) ? c.out : [c.out];
  expect(outs.length, "number of outputs").toBe(expected.length);
  outs.forEach((o, i) => expectClose(o, expected[i]!, rtol, atol, `output ${i}`));
  if (!c.grads) return;
  const ups = c.up!.map((u, i) => tensor(Float32Array.from(u, jsonNum), { shape: outs[i]!.shape }));
  if (outs.length === 1) outs[0]!.backward(ups[0]);
  else outs.map((o, i) => sum(mul(o, ups[i]!))).reduce((a, b) => a.add(b)).backward();
  expect(leaves.length, "tensors with gradients").toBe(c.grads.length);
  leaves.forEach((t, i) => {
    expect(t.grad, `grad of input ${i}`).not.toBeNull();
    expectClose(t.grad!, c.grads![i]!, rtol, atol, `grad of input ${i}`);
  });
}

describe("PyTorch parity (ops.json)", () => {
  for (const c of fixture.cases) it(c.name, () => run(c));
});

describe("parity coverage", () => {
  it("has cases for every differentiable op, comparison and creator", () => {
    const required = [
      "add", "sub", "mul", "div", "pow", "maximum", "minimum", "neg", "exp", "log", "log1p", "expm1", "sqrt", "rsqrt",
      "square", "reciprocal", "abs", "sin", "cos", "erf", "clamp", "where", "relu", "sigmoid", "tanh", "leakyRelu",
      "elu", "selu", "gelu", "silu", "mish", "softplus", "logSigmoid", "hardtanh", "softmax", "logSoftmax", "sum",
      "mean", "prod", "max", "min", "variance", "std", "logsumexp", "norm", "reshape", "flatten", "squeeze",
      "unsqueeze", "permute", "transpose", "expand", "cat", "stack", "narrow", "split", "chunk", "clone",
      "indexSelect", "gather", "select", "matmul", "dot", "mmT", "eq", "ne", "lt", "le", "gt", "ge", "isnan",
      "isfinite", "sign", "floor", "ceil", "round", "argmax", "argmin", "arange", "linspace", "eye",
    ];
    const present = new Set(fixture.cases.map((c) => c.op));
    expect(required.filter((op) => !present.has(op))).toEqual([]);
  });
});
