/** Indexing: rows by an index array (indexSelect), gather along a dim, and select, with their gradients. */
import { allocFloat32 } from "../storage.js";
import { Tensor, type IndexLike } from "../tensor.js";
import { backend } from "../../backend/registry.js";
import { fmt, normDim, sizeOf, splitAt } from "../shape.js";
import { reshape } from "./view.js";

/** Converts an index (tensor of integer values, number[] or Int32Array) to Int32Array, checking range. */
export function toIndex(index: IndexLike, size: number, op: string): Int32Array {
  const src = index instanceof Tensor ? index.data : index;
  const out = new Int32Array(src.length);
  for (let i = 0; i < src.length; i++) {
    const v = src[i]!;
    if (!Number.isInteger(v) || v < 0 || v >= size) {
      throw new RangeError(`${op}: index ${v} at position ${i} is out of range for a dim of size ${size} (expected an integer in [0, ${size}))`);
    }
    out[i] = v;
  }
  return out;
}

/** Picks entries of `dim` by index: out has x's shape with dim's size replaced by the index count. */
export function indexSelect(x: Tensor, dim: number, index: IndexLike): Tensor {
  const d = normDim(dim, x.ndim, "indexSelect");
  if (index instanceof Tensor && index.ndim > 1) throw new RangeError(`indexSelect: index must be 1-D, got shape ${fmt(index.shape)}`);
  const [outer, size, inner] = x.ndim === 0 ? [1, 1, 1] : splitAt(x.shape, d);
  const idx = toIndex(index, size, "indexSelect");
  const shape = x.ndim === 0 ? [idx.length] : x.shape.slice();
  shape[d] = idx.length;
  const out = allocFloat32(sizeOf(shape));
  backend().indexSelect(x.data, outer, size, inner, idx, out);
  return Tensor.fromOp(out, shape, [x], "indexSelect", (g) => [indexAdd(g, x.shape, d, idx)]);
}

/** Zeros of `shape` with g's slices added at `index` along dim (the adjoint of indexSelect). */
function indexAdd(g: Tensor, shape: readonly number[], d: number, idx: Int32Array): Tensor {
  const [outer, size, inner] = shape.length === 0 ? [1, 1, 1] : splitAt(shape, d);
  const out = allocFloat32(sizeOf(shape));
  backend().indexAdd(g.data, outer, size, inner, idx, out);
  return Tensor.fromOp(out, shape, [g], "indexAdd", (gg) => [indexSelect(gg, d, idx)]);
}

/** out[i][j] = x[i][index[i][j]] for dim 1 (and likewise for any dim); index has x's rank and sizes except along dim. */
export function gather(x: Tensor, dim: number, index: IndexLike): Tensor {
  const d = normDim(dim, x.ndim, "gather");
  const ishape = index instanceof Tensor ? index.shape : [index.length];
  if (ishape.length !== x.ndim || ishape.some((s, i) => i !== d && s !== x.shape[i])) {
    throw new RangeError(
      `gather: index of shape ${fmt(ishape)} does not fit input of shape ${fmt(x.shape)} along dim ${d} (sizes must match except in dim ${d})`,
    );
  }
  const [outer, size, inner] = splitAt(x.shape, d);
  const idx = toIndex(index, size, "gather");
  const count = ishape[d]!;
  const out = allocFloat32(idx.length);
  backend().gather(x.data, outer, size, inner, idx, count, out);
  return Tensor.fromOp(out, ishape.slice(), [x], "gather", (g) => [scatterAdd(g, x.shape, d, idx, count)]);
}

function scatterAdd(g: Tensor, shape: readonly number[], d: number, idx: Int32Array, count: number): Tensor {
  const [outer, size, inner] = splitAt(shape, d);
  const out = allocFloat32(sizeOf(shape));
  backend().scatterAdd(g.data, outer, size, inner, idx, count, out);
  const ishape = g.shape;
  return Tensor.fromOp(out, shape, [g], "scatterAdd", (gg) => [gather(gg, d, new Tensor(Float32Array.from(idx), ishape))]);
}

/** The slice at position i of dim, with that dim removed. */
export function select(x: Tensor, dim: number, i: number): Tensor {
  const d = normDim(dim, x.ndim, "select");
  const size = x.shape[d]!;
  const k = i < 0 ? i + size : i;
  if (!Number.isInteger(k) || k < 0 || k >= size) {
    throw new RangeError(`select: index ${i} is out of range for dim ${d} of size ${size}`);
  }
  const picked = indexSelect(x, d, [k]);
  return reshape(picked, x.shape.filter((_, j) => j !== d));
}
