/** Shape ops: reshape, squeeze, permute, expand, concatenation and slicing, with their gradients. */
import { allocFloat32, copyFloat32 } from "../storage.js";
import { Tensor } from "../tensor.js";
import { backend } from "../../backend/registry.js";
import { checkShape, fmt, normDim, sameShape, sizeOf, splitAt } from "../shape.js";
import { sumTo } from "./reduce.js";

/** Accepts `(2, 3)` or `([2, 3])` as a shape. */
export function shapeArgs(args: readonly (number | readonly number[])[]): number[] {
  if (args.length === 1 && Array.isArray(args[0])) return [...(args[0] as number[])];
  return args as number[];
}

/** The same values in a new shape (one size may be −1, inferred); shares the values, like a PyTorch view. */
export function reshape(x: Tensor, shape: readonly number[]): Tensor {
  const s = shape.slice();
  const infer = s.indexOf(-1);
  if (infer !== -1) {
    if (s.indexOf(-1, infer + 1) !== -1) throw new RangeError(`reshape: only one dim can be -1, got ${fmt(shape)}`);
    const known = sizeOf(s.filter((_, i) => i !== infer));
    if (known === 0 || x.size % known !== 0) {
      throw new RangeError(`reshape: shape ${fmt(shape)} is invalid for a tensor of shape ${fmt(x.shape)} (${x.size} elements)`);
    }
    s[infer] = x.size / known;
  }
  checkShape(s, "reshape");
  if (sizeOf(s) !== x.size) {
    throw new RangeError(`reshape: shape ${fmt(shape)} is invalid for a tensor of shape ${fmt(x.shape)} (${x.size} elements)`);
  }
  if (sameShape(s, x.shape)) return x.requiresGrad ? Tensor.fromOp(x.data, s, [x], "reshape", (g) => [g]) : new Tensor(x.data, s);
  return Tensor.fromOp(x.data, s, [x], "reshape", (g) => [reshape(g, x.shape)]);
}

/** Merges dims startDim..endDim into one. */
export function flatten(x: Tensor, startDim = 0, endDim = -1): Tensor {
  if (x.ndim === 0) return reshape(x, [1]);
  const s = normDim(startDim, x.ndim, "flatten");
  const e = normDim(endDim, x.ndim, "flatten");
  if (s > e) throw new RangeError(`flatten: startDim ${startDim} comes after endDim ${endDim}`);
  const shape = [...x.shape.slice(0, s), sizeOf(x.shape.slice(s, e + 1)), ...x.shape.slice(e + 1)];
  return reshape(x, shape);
}

/** Removes dims of size 1 (only `dim` when given). */
export function squeeze(x: Tensor, dim?: number): Tensor {
  if (dim === undefined) return reshape(x, x.shape.filter((d) => d !== 1));
  const d = normDim(dim, x.ndim, "squeeze");
  if (x.shape[d] !== 1) return x;
  return reshape(x, x.shape.filter((_, i) => i !== d));
}

/** Inserts a dim of size 1 at `dim`. */
export function unsqueeze(x: Tensor, dim: number): Tensor {
  const d = normDim(dim, x.ndim + 1, "unsqueeze");
  const shape = x.shape.slice();
  shape.splice(d, 0, 1);
  return reshape(x, shape);
}

/** Reorders dims: out.shape[i] = x.shape[dims[i]]; copies the values. */
export function permute(x: Tensor, dims: readonly number[]): Tensor {
  if (dims.length !== x.ndim) {
    throw new RangeError(`permute: got ${dims.length} dims ${fmt(dims)} for a tensor of rank ${x.ndim}`);
  }
  const perm = dims.map((d) => normDim(d, x.ndim, "permute"));
  if (new Set(perm).size !== perm.length) throw new RangeError(`permute: repeated dim in ${fmt(dims)}`);
  if (perm.every((p, i) => p === i)) return reshape(x, x.shape);
  const shape = perm.map((p) => x.shape[p]!);
  const out = allocFloat32(x.size);
  backend().permute(x.data, x.shape, perm, out);
  const inverse = new Array<number>(perm.length);
  perm.forEach((p, i) => (inverse[p] = i));
  return Tensor.fromOp(out, shape, [x], "permute", (g) => [permute(g, inverse)]);
}

/** Swaps two dims. */
export function transpose(x: Tensor, dim0: number, dim1: number): Tensor {
  const perm = x.shape.map((_, i) => i);
  const a = normDim(dim0, x.ndim, "transpose");
  const b = normDim(dim1, x.ndim, "transpose");
  perm[a] = b;
  perm[b] = a;
  return permute(x, perm);
}

/** Broadcasts x to `shape` (−1 keeps a size), materialising the copies; the gradient sums them back. */
export function expand(x: Tensor, shape: readonly number[]): Tensor {
  const target = shape.map((d, i) => {
    if (d !== -1) return d;
    const own = x.shape[i - (shape.length - x.ndim)];
    if (own === undefined) throw new RangeError(`expand: size -1 is not allowed in the new leading dim ${i} of ${fmt(shape)}`);
    return own;
  });
  checkShape(target, "expand");
  const lead = target.length - x.ndim;
  if (lead < 0 || x.shape.some((d, i) => d !== 1 && d !== target[lead + i])) {
    throw new RangeError(`expand: cannot expand shape ${fmt(x.shape)} to ${fmt(shape)} (only dims of size 1 can grow)`);
  }
  if (sameShape(x.shape, target)) return x;
  const out = allocFloat32(sizeOf(target));
  const one = new Float32Array([1]);
  backend().where(one, [], x.data, x.shape, x.data, x.shape, out, target);
  return Tensor.fromOp(out, target, [x], "expand", (g) => [sumTo(g, x.shape)]);
}

/** A copy of the values with its own storage. */
export function clone(x: Tensor): Tensor {
  return Tensor.fromOp(copyFloat32(x.data), x.shape, [x], "clone", (g) => [g]);
}

/** Joins tensors along an existing dim; all other sizes must match. */
export function cat(tensors: readonly Tensor[], dim = 0): Tensor {
  if (tensors.length === 0) throw new RangeError("cat: expected at least one tensor");
  const first = tensors[0]!;
  tensors.forEach((t, k) => {
    if (t.ndim === 0) throw new RangeError(`cat: zero-dimensional tensor ${k} cannot be concatenated (use stack)`);
  });
  const d = normDim(dim, first.ndim, "cat");
  tensors.forEach((t, k) => {
    if (t.ndim !== first.ndim || t.shape.some((s, i) => i !== d && s !== first.shape[i])) {
      throw new RangeError(
        `cat: tensor ${k} has shape ${fmt(t.shape)}, expected ${fmt(first.shape.map((s, i) => (i === d ? "*" : s)))} (sizes must match except in dim ${d})`,
      );
    }
  });
  const sizes = tensors.map((t) => t.shape[d]!);
  const total = sizes.reduce((a, b) => a + b, 0);
  const shape = first.shape.slice();
  shape[d] = total;
  const [outer, , inner] = splitAt(shape, d);
  const out = allocFloat32(sizeOf(shape));
  let offset = 0;
  for (const t of tensors) {
    const chunk = t.shape[d]! * inner;
    for (let o = 0; o < outer; o++) out.set(t.data.subarray(o * chunk, (o + 1) * chunk), o * total * inner + offset);
    offset += chunk;
  }
  return Tensor.fromOp(out, shape, tensors, "cat", (g) => {
    let start = 0;
    return tensors.map((t, k) => {
      const piece = t.requiresGrad ? narrow(g, d, start, sizes[k]!) : null;
      start += sizes[k]!;
      return piece;
    });
  });
}

/** Joins tensors of one shape along a new dim. */
export function stack(tensors: readonly Tensor[], dim = 0): Tensor {
  if (tensors.length === 0) throw new RangeError("stack: expected at least one tensor");
  const first = tensors[0]!;
  tensors.forEach((t, k) => {
    if (!sameShape(t.shape, first.shape)) {
      throw new RangeError(`stack: tensor ${k} has shape ${fmt(t.shape)}, expected ${fmt(first.shape)} (all tensors must have one shape)`);
    }
  });
  const d = normDim(dim, first.ndim + 1, "stack");
  return cat(tensors.map((t) => unsqueeze(t, d)), d);
}

/** The slice start..start+length of `dim` (a copy). */
export function narrow(x: Tensor, dim: number, start: number, length: number): Tensor {
  const d = normDim(dim, x.ndim, "narrow");
  const size = x.shape[d]!;
  const s = start < 0 ? start + size : start;
  if (!Number.isInteger(s) || !Number.isInteger(length) || s < 0 || length < 0 || s + length > size) {
    throw new RangeError(`narrow: start ${start} and length ${length} are out of range for dim ${d} of size ${size}`);
  }
  const [outer, , inner] = splitAt(x.shape, d);
  const shape = x.shape.slice();
  shape[d] = length;
  const out = allocFloat32(sizeOf(shape));
  for (let o = 0; o < outer; o++) {
    const src = (o * size + s) * inner;
    out.set(x.data.subarray(src, src + length * inner), o * length * inner);
  }
  return Tensor.fromOp(out, shape, [x], "narrow", (g) => {
    const parts: Tensor[] = [];
    if (s > 0) parts.push(zerosShaped(x.shape, d, s));
    parts.push(g);
    if (s + length < size) parts.push(zerosShaped(x.shape, d, size - s - length));
    return [parts.length === 1 ? g : cat(parts, d)];
  });
}

function zerosShaped(shape: readonly number[], d: number, n: number): Tensor {
  const s = shape.slice();
  s[d] = n;
  return new Tensor(allocFloat32(sizeOf(s)), s);
}

/** Splits into pieces of `splitSize` along dim (the last may be smaller), or into the given sizes. */
export function split(x: Tensor, splitSize: number | readonly number[], dim = 0): Tensor[] {
  const d = normDim(dim, x.ndim, "split");
  const size = x.shape[d]!;
  let sizes: number[];
  if (typeof splitSize === "number") {
    if (!Number.isInteger(splitSize) || splitSize <= 0) throw new RangeError(`split: splitSize must be a positive integer, got ${splitSize}`);
    sizes = [];
    for (let s = 0; s < size; s += splitSize) sizes.push(Math.min(splitSize, size - s));
  } else {
    sizes = [...splitSize];
    const total = sizes.reduce((a, b) => a + b, 0);
    if (total !== size) throw new RangeError(`split: sizes ${fmt(sizes)} add up to ${total}, but dim ${d} has size ${size}`);
  }
  let start = 0;
  return sizes.map((n) => {
    const piece = narrow(x, d, start, n);
    start += n;
    return piece;
  });
}

/** Splits into `chunks` nearly equal pieces along dim, as PyTorch's chunk. */
export function chunk(x: Tensor, chunks: number, dim = 0): Tensor[] {
  const d = normDim(dim, x.ndim, "chunk");
  if (!Number.isInteger(chunks) || chunks <= 0) throw new RangeError(`chunk: chunks must be a positive integer, got ${chunks}`);
  return split(x, Math.max(1, Math.ceil(x.shape[d]! / chunks)), d);
}
