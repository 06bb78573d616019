/** Reductions over all elements or along dims, with `keepdim`, and their gradients. */
import { allocFloat32, copyFloat32 } from "../storage.js";
import { Tensor } from "../tensor.js";
import { backend } from "../../backend/registry.js";
import type { ReduceOp } from "../../backend/backend.js";
import { normDim, sameShape, splitAt, sizeOf, fmt } from "../shape.js";
import { add, div, exp, log, mul, sub, square, sqrt, abs, pow, where } from "./elementwise.js";
import { expand, reshape } from "./view.js";
import { isGradEnabled } from "../autograd.js";

type Dims = number | readonly number[] | undefined;

/** Normalises dims (undefined = all) to a sorted unique list. */
function dimList(x: Tensor, dim: Dims, op: string): number[] {
  if (dim === undefined) return x.shape.map((_, i) => i);
  const list = (typeof dim === "number" ? [dim] : [...dim]).map((d) => normDim(d, x.ndim, op));
  return [...new Set(list)].sort((a, b) => a - b);
}

/** The shape after reducing `dims`, with the reduced dims kept as 1 or dropped. */
function reducedShape(shape: readonly number[], dims: number[], keepdim: boolean): number[] {
  const out: number[] = [];
  shape.forEach((d, i) => {
    if (!dims.includes(i)) out.push(d);
    else if (keepdim) out.push(1);
  });
  return out;
}

/** Applies a reduce kernel over several dims, returning data in the keepdim layout. */
function reduceData(op: ReduceOp, x: Tensor, dims: number[]): Float32Array {
  let data = x.data;
  const shape = x.shape.slice();
  if (x.ndim === 0) return copyFloat32(data);
  for (const d of [...dims].reverse()) {
    const [outer, size, inner] = splitAt(shape, d);
    const out = allocFloat32(outer * inner);
    backend().reduce(op, data, outer, size, inner, out);
    data = out;
    shape[d] = 1;
  }
  return data === x.data ? copyFloat32(data) : data;
}

/** Σ x over `dim` (all when omitted); the gradient is g broadcast back to x's shape */
export function sum(x: Tensor, dim?: Dims, keepdim = false): Tensor {
  const dims = dimList(x, dim, "sum");
  const keepShape = reducedShape(x.shape, dims, true);
  const data = reduceData("sum", x, dims);
  return Tensor.fromOp(data, reducedShape(x.shape, dims, keepdim), [x], "sum", (g) => [expand(reshape(g, keepShape), x.shape)]);
}

/** Σ x / n over `dim` */
export function mean(x: Tensor, dim?: Dims, keepdim = false): Tensor {
  const dims = dimList(x, dim, "mean");
  let n = 1;
  for (const d of dims) n *= x.shape[d]!;
  return div(sum(x, dims, keepdim), n);
}

/** Π x over `dim` (all when omitted); ∂/∂xᵢ = Π_{j≠i} xⱼ, exact with zeros */
export function prod(x: Tensor, dim?: number, keepdim = false): Tensor {
  const dims = dimList(x, dim, "prod");
  const data = reduceData("prod", x, dims);
  const keepShape = reducedShape(x.shape, dims, true);
  return Tensor.fromOp(data, reducedShape(x.shape, dims, keepdim), [x], "prod", (g) => {
    // Product of the others along the reduced axis, by prefix and suffix products.
    const flat = dim === undefined;
    const [outer, size, inner] = flat ? [1, x.size, 1] : splitAt(x.shape, dims[0]!);
    const gx = expand(reshape(g, keepShape), x.shape);
    if (isGradEnabled()) return [mul(gx, othersRecorded(x, outer, size, inner))];
    const others = allocFloat32(x.size);
    for (let o = 0; o < outer; o++) {
      for (let i = 0; i < inner; i++) {
        let p = 1;
        for (let s = 0; s < size; s++) { const k = (o * size + s) * inner + i; others[k] = p; p *= x.data[k]!; }
        p = 1;
        for (let s = size - 1; s >= 0; s--) { const k = (o * size + s) * inner + i; others[k]! *= p; p *= x.data[k]!; }
      }
    }
    return [mul(gx, new Tensor(others, x.shape))];
  });
}

/** Π_{j≠i} xⱼ along the middle axis of [outer, size, inner] as recorded ops, for second-order gradients of prod. */
function othersRecorded(x: Tensor, outer: number, size: number, inner: number): Tensor {
  const copies = expand(reshape(x, [outer, 1, size, inner]), [outer, size, size, inner]);
  const diagonal = allocFloat32(size * size);
  for (let i = 0; i < size; i++) diagonal[i * size + i] = 1;
  return reshape(prod(where(new Tensor(diagonal, [1, size, size, 1]), 1, copies), 2), x.shape);
}

function extreme(op: "max" | "min", x: Tensor, dim: number | undefined, keepdim: boolean): Tensor {
  if (x.size === 0) throw new RangeError(`${op}: cannot reduce an empty tensor of shape ${fmt(x.shape)}`);
  if (dim === undefined) {
    const data = reduceData(op, x, dimList(x, undefined, op));
    const out = Tensor.fromOp(data, keepdim ? x.shape.map(() => 1) : [], [x], op, (g) => {
      // The gradient is shared evenly between tied extremes, as in PyTorch.
      const mask = x.detach().eq(new Tensor(data, []));
      return [mul(div(mask, sum(mask)), g)];
    });
    return out;
  }
  const d = normDim(dim, x.ndim, op);
  const [outer, size, inner] = splitAt(x.shape, d);
  const data = allocFloat32(outer * inner);
  backend().reduce(op, x.data, outer, size, inner, data);
  const keepShape = reducedShape(x.shape, [d], true);
  return Tensor.fromOp(data, reducedShape(x.shape, [d], keepdim), [x], op, (g) => {
    // The gradient goes to the first extreme along the dim (the index max/min would return).
    const index = allocFloat32(outer * inner);
    backend().argReduce(op === "max" ? "argmax" : "argmin", x.data, outer, size, inner, index);
    const mask = allocFloat32(x.size);
    for (let o = 0; o < outer; o++) for (let i = 0; i < inner; i++) mask[(o * size + index[o * inner + i]!) * inner + i] = 1;
    return [mul(new Tensor(mask, x.shape), expand(reshape(g, keepShape), x.shape))];
  });
}

/** The largest value, overall or along `dim` (values only; use argmax for the indices). */
export const max = (x: Tensor, dim?: number, keepdim = false): Tensor => extreme("max", x, dim, keepdim);
/** The smallest value, overall or along `dim`. */
export const min = (x: Tensor, dim?: number, keepdim = false): Tensor => extreme("min", x, dim, keepdim);

function argExtreme(op: "argmax" | "argmin", x: Tensor, dim: number | undefined, keepdim: boolean): Tensor {
  if (x.size === 0) throw new RangeError(`${op}: cannot reduce an empty tensor of shape ${fmt(x.shape)}`);
  if (dim === undefined) {
    const out = allocFloat32(1);
    backend().argReduce(op, x.data, 1, x.size, 1, out);
    return new Tensor(out, keepdim ? x.shape.map(() => 1) : []);
  }
  const d = normDim(dim, x.ndim, op);
  const [outer, size, inner] = splitAt(x.shape, d);
  const out = allocFloat32(outer * inner);
  backend().argReduce(op, x.data, outer, size, inner, out);
  return new Tensor(out, reducedShape(x.shape, [d], keepdim));
}

/** Index of the largest value (of the flattened tensor when `dim` is omitted); first on ties. */
export const argmax = (x: Tensor, dim?: number, keepdim = false): Tensor => argExtreme("argmax", x, dim, keepdim);
/** Index of the smallest value. */
export const argmin = (x: Tensor, dim?: number, keepdim = false): Tensor => argExtreme("argmin", x, dim, keepdim);

/** Σ (x − mean)² / (n − correction); correction 1 (the default) is the unbiased estimate, as in PyTorch */
export function variance(x: Tensor, dim?: Dims, keepdim = false, correction = 1): Tensor {
  return varianceOf(x, dim, keepdim, correction, "var");
}

function varianceOf(x: Tensor, dim: Dims, keepdim: boolean, correction: number, op: string): Tensor {
  const dims = dimList(x, dim, op);
  let n = 1;
  for (const d of dims) n *= x.shape[d]!;
  const centred = sub(x, mean(x, dims, true));
  return div(sum(square(centred), dims, keepdim), Math.max(0, n - correction));
}

/** √var(x) */
export function std(x: Tensor, dim?: Dims, keepdim = false, correction = 1): Tensor {
  return sqrt(varianceOf(x, dim, keepdim, correction, "std"));
}

/** ln Σ eˣ along `dim`, shifted by the max for stability */
export function logsumexp(x: Tensor, dim: number, keepdim = false): Tensor {
  const d = normDim(dim, x.ndim, "logsumexp");
  const m = max(x.detach(), d, true);
  const shift = where(m.isfinite(), m, 0);
  const out = add(log(sum(exp(sub(x, shift)), d, true)), shift);
  return keepdim ? out : reshape(out, reducedShape(x.shape, [d], false));
}

/**
 * The p-norm (Σ|x|ᵖ)^(1/p) over `dim` (all when omitted), as torch.linalg.vector_norm; p = ±Infinity gives
 * max/min |x| and p = 0 the count of nonzeros. The 2-norm's gradient is 0 at 0.
 */
export function norm(x: Tensor, p = 2, dim?: Dims, keepdim = false): Tensor {
  if (p === 2) {
    const dims = dimList(x, dim, "norm");
    const n = sqrt(sum(square(x.detach()), dims, true)).detach();
    const keepShape = n.shape;
    const out: Tensor = Tensor.fromOp(n.data, reducedShape(x.shape, dims, keepdim), [x], "norm", (g) => {
      // x/‖x‖ with the recorded output, so createGraph differentiates through ‖x‖ too; 0 where ‖x‖ = 0.
      const zero = n.eq(0);
      const safe = where(zero, 1, reshape(out, keepShape));
      return [where(expand(zero, x.shape), 0, mul(div(x, safe), expand(reshape(g, keepShape), x.shape)))];
    });
    return out;
  }
  if (typeof p !== "number" || Number.isNaN(p)) throw new RangeError(`norm: p must be a number, got ${p}`);
  if (p === 1) return sum(abs(x), dim, keepdim);
  if (p === Infinity || p === -Infinity) {
    // max |x| (min |x| for −∞) over everything or one dim
    if (dim !== undefined && typeof dim !== "number") throw new RangeError(`norm: p = ${p} takes a single dim, got ${fmt(dim)}`);
    return p > 0 ? max(abs(x), dim, keepdim) : min(abs(x), dim, keepdim);
  }
  if (p === 0) {
    // The number of nonzero entries; its gradient is 0, as in PyTorch.
    const count = sum(x.detach().ne(0), dim, keepdim);
    return Tensor.fromOp(count.data, count.shape, [x], "norm", () => [new Tensor(allocFloat32(x.size), x.shape)]);
  }
  return pow(sum(pow(abs(x), p), dim, keepdim), 1 / p);
}

/** Sums a broadcast gradient back down to `shape` (the adjoint of broadcasting). */
export function sumTo(g: Tensor, shape: readonly number[]): Tensor {
  if (sameShape(g.shape, shape)) return g;
  const lead = g.ndim - shape.length;
  const dims: number[] = [];
  for (let i = 0; i < g.ndim; i++) {
    if (i < lead) dims.push(i);
    else if (shape[i - lead] === 1 && g.shape[i] !== 1) dims.push(i);
  }
  const s = dims.length ? sum(g, dims, true) : g;
  return sizeOf(s.shape) === sizeOf(shape) ? reshape(s, shape) : s;
}
