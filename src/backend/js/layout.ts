import { broadcastStrides, stridesOf } from "../../tensor/shape.js";

export function permute(x: Float32Array, shape: readonly number[], perm: readonly number[], out: Float32Array): void {
  const nd = shape.length;
  const n = x.length;
  if (nd === 0 || n === 0) { if (n) out[0] = x[0]!; return; }
  const inStrides = stridesOf(shape);
  const outShape = perm.map((p) => shape[p]!);
  const src = perm.map((p) => inStrides[p]!);
  const last = outShape[nd - 1]!;
  const ls = src[nd - 1]!;
  const idx = new Array<number>(nd).fill(0);
  let off = 0;
  let o = 0;
  const rows = n / last;
  for (let r = 0; r < rows; r++) {
    for (let j = 0; j < last; j++) out[o++] = x[off + j * ls]!;
    for (let d = nd - 2; d >= 0; d--) {
      idx[d]!++;
      off += src[d]!;
      if (idx[d]! < outShape[d]!) break;
      off -= src[d]! * outShape[d]!;
      idx[d] = 0;
    }
  }
}

export function where(
  cond: Float32Array, condShape: readonly number[],
  a: Float32Array, aShape: readonly number[],
  b: Float32Array, bShape: readonly number[],
  out: Float32Array, outShape: readonly number[],
): void {
  const nd = outShape.length;
  const n = out.length;
  if (n === 0) return;
  if (nd === 0) { out[0] = cond[0] !== 0 ? a[0]! : b[0]!; return; }
  const sc = broadcastStrides(condShape, outShape);
  const sa = broadcastStrides(aShape, outShape);
  const sb = broadcastStrides(bShape, outShape);
  const last = outShape[nd - 1]!;
  const [lc, la, lb] = [sc[nd - 1]!, sa[nd - 1]!, sb[nd - 1]!];
  const idx = new Array<number>(nd).fill(0);
  let ic = 0, ia = 0, ib = 0;
  // A row of the innermost dim at a time; the multi-index only advances between rows.
  for (let o = 0; o < n; o += last) {
    // Nonzero, NaN included, counts as true (as PyTorch's bool()).
    if (lc === 0) {
      if (cond[ic] !== 0) for (let j = 0; j < last; j++) out[o + j] = a[ia + j * la]!;
      else for (let j = 0; j < last; j++) out[o + j] = b[ib + j * lb]!;
    } else {
      for (let j = 0; j < last; j++) out[o + j] = cond[ic + j * lc] !== 0 ? a[ia + j * la]! : b[ib + j * lb]!;
    }
    for (let d = nd - 2; d >= 0; d--) {
      idx[d]!++;
      ic += sc[d]!; ia += sa[d]!; ib += sb[d]!;
      if (idx[d]! < outShape[d]!) break;
      ic -= sc[d]! * outShape[d]!; ia -= sa[d]! * outShape[d]!; ib -= sb[d]! * outShape[d]!;
      idx[d] = 0;
    }
  }
}

export function indexSelect(x: Float32Array, outer: number, size: number, inner: number, index: Int32Array, out: Float32Array): void {
  const count = index.length;
  for (let o = 0; o < outer; o++) {
    for (let j = 0; j < count; j++) {
      const src = (o * size + index[j]!) * inner;
      const dst = (o * count + j) * inner;
      if (inner === 1) out[dst] = x[src]!;
      else out.set(x.subarray(src, src + inner), dst);
    }
  }
}

export function indexAdd(g: Float32Array, outer: number, size: number, inner: number, index: Int32Array, out: Float32Array): void {
  const count = index.length;
  for (let o = 0; o < outer; o++) {
    for (let j = 0; j < count; j++) {
      const dst = (o * size + index[j]!) * inner;
      const src = (o * count + j) * inner;
      for (let i = 0; i < inner; i++) out[dst + i]! += g[src + i]!;
    }
  }
}

export function gather(x: Float32Array, outer: number, size: number, inner: number, index: Int32Array, count: number, out: Float32Array): void {
  for (let o = 0; o < outer; o++) {
    for (let j = 0; j < count; j++) {
      for (let i = 0; i < inner; i++) {
        const p = (o * count + j) * inner + i;
        out[p] = x[(o * size + index[p]!) * inner + i]!;
      }
    }
  }
}

export function scatterAdd(g: Float32Array, outer: number, size: number, inner: number, index: Int32Array, count: number, out: Float32Array): void {
  for (let o = 0; o < outer; o++) {
    for (let j = 0; j < count; j++) {
      for (let i = 0; i < inner; i++) {
        const p = (o * count + j) * inner + i;
        out[(o * size + index[p]!) * inner + i]! += g[p]!;
      }
    }
  }
}
