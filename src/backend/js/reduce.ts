import type { ReduceOp } from "../backend.js";

/** Float64 accumulators for strided reductions, kept between calls. */
let accumulators = new Float64Array(256);

/** Reductions over the middle axis of [outer, size, inner]; sums accumulate in float64. */
export function reduce(op: ReduceOp, x: Float32Array, outer: number, size: number, inner: number, out: Float32Array): void {
  if (inner === 1) {
    for (let o = 0; o < outer; o++) out[o] = reduceContiguous(op, x, o * size, size);
    return;
  }
  // Strided: walk each [size, inner] slab row by row (contiguous reads), keeping inner accumulators.
  if (accumulators.length < inner) accumulators = new Float64Array(Math.max(inner, accumulators.length * 2));
  const acc = accumulators.subarray(0, inner);
  const init = op === "sum" ? 0 : op === "prod" ? 1 : op === "max" ? -Infinity : Infinity;
  for (let o = 0; o < outer; o++) {
    acc.fill(init);
    for (let s = 0; s < size; s++) {
      const row = (o * size + s) * inner;
      switch (op) {
        case "sum": for (let i = 0; i < inner; i++) acc[i]! += x[row + i]!; break;
        case "prod": for (let i = 0; i < inner; i++) acc[i]! *= x[row + i]!; break;
        // Once an accumulator is NaN no comparison replaces it, so NaN propagates.
        case "max": for (let i = 0; i < inner; i++) { const v = x[row + i]!; if (v > acc[i]! || v !== v) acc[i] = v; } break;
        case "min": for (let i = 0; i < inner; i++) { const v = x[row + i]!; if (v < acc[i]! || v !== v) acc[i] = v; } break;
      }
    }
    for (let i = 0; i < inner; i++) out[o * inner + i] = acc[i]!;
  }
}

function reduceContiguous(op: ReduceOp, x: Float32Array, base: number, size: number): number {
  const end = base + size;
  switch (op) {
    case "sum": {
      let a0 = 0, a1 = 0, a2 = 0, a3 = 0;
      let j = base;
      for (; j + 4 <= end; j += 4) { a0 += x[j]!; a1 += x[j + 1]!; a2 += x[j + 2]!; a3 += x[j + 3]!; }
      for (; j < end; j++) a0 += x[j]!;
      return a0 + a1 + (a2 + a3);
    }
    case "prod": { let p = 1; for (let j = base; j < end; j++) p *= x[j]!; return p; }
    case "max": {
      let m = -Infinity;
      for (let j = base; j < end; j++) { const v = x[j]!; if (v !== v) return NaN; if (v > m) m = v; }
      return m;
    }
    case "min": {
      let m = Infinity;
      for (let j = base; j < end; j++) { const v = x[j]!; if (v !== v) return NaN; if (v < m) m = v; }
      return m;
    }
  }
}

export function argReduce(op: "argmax" | "argmin", x: Float32Array, outer: number, size: number, inner: number, out: Float32Array): void {
  const max = op === "argmax";
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      const base = o * size * inner + i;
      let best = 0;
      let bv = x[base]!;
      if (bv === bv) {
        for (let s = 1; s < size; s++) {
          const v = x[base + s * inner]!;
          // NaN counts as the extreme value, as in PyTorch.
          if (v !== v) { best = s; break; }
          if (max ? v > bv : v < bv) { bv = v; best = s; }
        }
      }
      out[o * inner + i] = best;
    }
  }
}

export function softmax(x: Float32Array, outer: number, size: number, inner: number, out: Float32Array, log: boolean): void {
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      const base = o * size * inner + i;
      let m = -Infinity;
      for (let s = 0; s < size; s++) { const v = x[base + s * inner]!; if (v > m || v !== v) m = v; }
      if (m === -Infinity) m = 0;
      let sum = 0;
      for (let s = 0; s < size; s++) sum += Math.exp(x[base + s * inner]! - m);
      if (log) {
        const lse = Math.log(sum);
        for (let s = 0; s < size; s++) out[base + s * inner] = x[base + s * inner]! - m - lse;
      } else {
        const inv = 1 / sum;
        for (let s = 0; s < size; s++) out[base + s * inner] = Math.exp(x[base + s * inner]! - m) * inv;
      }
    }
  }
}
