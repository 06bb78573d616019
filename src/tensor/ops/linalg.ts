/** Matrix products: matmul (vectors, matrices and broadcast batches) and its gradients, without transposed copies. */
import { allocFloat32, allocFloat32ForKernel } from "../storage.js";
import { Tensor } from "../tensor.js";
import { backend } from "../../backend/registry.js";
import { broadcastShapes, fmt, sizeOf } from "../shape.js";
import { expand, reshape } from "./view.js";
import { mul } from "./elementwise.js";
import { sum } from "./reduce.js";

/**
 * op(A)·op(B) for A and B of rank 2, or rank 3 with one batch dim, where op transposes the last two dims
 * when its flag is set. Gradients: dA = G·op(B)ᵀ and dB = op(A)ᵀ·G, each again an mmT with suitable flags.
 */
export function mmT(a: Tensor, b: Tensor, transA: boolean, transB: boolean): Tensor {
  const ar = a.ndim;
  const br = b.ndim;
  const m = transA ? a.shape[ar - 1]! : a.shape[ar - 2]!;
  const k = transA ? a.shape[ar - 2]! : a.shape[ar - 1]!;
  const kb = transB ? b.shape[br - 1]! : b.shape[br - 2]!;
  const n = transB ? b.shape[br - 2]! : b.shape[br - 1]!;
  if (k !== kb) {
    const sa = transA ? [...a.shape.slice(0, -2), m, k] : a.shape;
    const sb = transB ? [...b.shape.slice(0, -2), kb, n] : b.shape;
    throw new RangeError(`matmul: cannot multiply ${fmt(sa)} by ${fmt(sb)}: inner dimensions ${k} and ${kb} differ`);
  }
  const batch = ar === 3 ? a.shape[0]! : br === 3 ? b.shape[0]! : 1;
  if (ar === 3 && br === 3 && a.shape[0] !== b.shape[0]) throw new RangeError(`matmul: batch sizes ${a.shape[0]} and ${b.shape[0]} differ`);
  // with k > 0 every backend's kernel writes all of the output; an empty sum (k = 0) gets zero-filled storage
  const out = k === 0 ? allocFloat32(batch * m * n) : allocFloat32ForKernel(batch * m * n);
  backend().matmul(a.data, b.data, out, batch, m, n, k, transA, transB, ar === 3 ? m * k : 0, br === 3 ? k * n : 0);
  const shape = ar === 3 || br === 3 ? [batch, m, n] : [m, n];
  return Tensor.fromOp(out, shape, [a, b], "matmul", (g) => {
    let ga: Tensor | null = null;
    let gb: Tensor | null = null;
    if (a.requiresGrad) {
      ga = transA ? mmT(b, g, transB, true) : mmT(g, b, false, !transB);
      if (ar === 2 && ga.ndim === 3) ga = sum(ga, 0);
    }
    if (b.requiresGrad) {
      gb = transB ? mmT(g, a, true, transA) : mmT(a, g, !transA, false);
      if (br === 2 && gb.ndim === 3) gb = sum(gb, 0);
    }
    return [ga, gb];
  });
}

/**
 * The matrix product with PyTorch's rules: 1-D·1-D is a dot product, a 1-D operand gets a dim added
 * (and removed after), and batch dims (all but the last two) broadcast.
 */
export function matmul(a: Tensor, b: Tensor): Tensor {
  if (a.ndim === 0 || b.ndim === 0) {
    throw new RangeError(`matmul: both arguments need at least 1 dim, got shapes ${fmt(a.shape)} and ${fmt(b.shape)}`);
  }
  const ka = a.shape[a.ndim - 1]!;
  const kb = b.shape[b.ndim === 1 ? 0 : b.ndim - 2]!;
  if (ka !== kb) {
    throw new RangeError(`matmul: cannot multiply ${fmt(a.shape)} by ${fmt(b.shape)}: inner dimensions ${ka} and ${kb} differ`);
  }
  if (a.ndim >= 3 && b.ndim >= 3) {
    const [ba, bb] = [a.shape.slice(0, -2), b.shape.slice(0, -2)];
    const n = Math.max(ba.length, bb.length);
    for (let i = 1; i <= n; i++) {
      const [da, db] = [ba[ba.length - i] ?? 1, bb[bb.length - i] ?? 1];
      if (da !== db && da !== 1 && db !== 1) {
        throw new RangeError(`matmul: cannot multiply ${fmt(a.shape)} by ${fmt(b.shape)}: batch dims ${fmt(ba)} and ${fmt(bb)} cannot be broadcast`);
      }
    }
  }
  if (a.ndim === 1 && b.ndim === 1) return dot(a, b);
  if (a.ndim === 1) return reshape(matmul(reshape(a, [1, a.shape[0]!]), b), [...b.shape.slice(0, -2), b.shape[b.ndim - 1]!]);
  if (b.ndim === 1) return reshape(matmul(a, reshape(b, [b.shape[0]!, 1])), a.shape.slice(0, -1));
  if (a.ndim === 2 && b.ndim === 2) return mmT(a, b, false, false);
  const m = a.shape[a.ndim - 2]!;
  const k = a.shape[a.ndim - 1]!;
  const n = b.shape[b.ndim - 1]!;
  if (b.ndim === 2) {
    // [..., m, k]·[k, n] is one GEMM over the flattened rows.
    const rows = reshape(a, [sizeOf(a.shape.slice(0, -1)), k]);
    return reshape(mmT(rows, b, false, false), [...a.shape.slice(0, -1), n]);
  }
  const batchShape = broadcastShapes(a.shape.slice(0, -2), b.shape.slice(0, -2), "matmul");
  const batch = sizeOf(batchShape);
  // A 2-D left operand is shared by every batch entry (batch stride 0) rather than copied.
  const a3 = a.ndim === 2 ? a : reshape(expand(a, [...batchShape, m, k]), [batch, m, k]);
  const b3 = reshape(expand(b, [...batchShape, k, n]), [batch, k, n]);
  return reshape(mmT(a3, b3, false, false), [...batchShape, m, n]);
}

/** Σ aᵢbᵢ of two 1-D tensors of one length. */
export function dot(a: Tensor, b: Tensor): Tensor {
  if (a.ndim !== 1 || b.ndim !== 1 || a.shape[0] !== b.shape[0]) {
    throw new RangeError(`dot: expected two 1-D tensors of one length, got shapes ${fmt(a.shape)} and ${fmt(b.shape)}`);
  }
  return sum(mul(a, b));
}
