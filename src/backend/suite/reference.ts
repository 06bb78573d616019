/**
 * Reference implementations for the backend suite: deliberately plain loops in float64, written
 * independently of the JS backend, plus a seeded source of test data and a closeness assertion.
 */
import { expect } from "vitest";

/** mulberry32: a tiny seeded generator, so the suite needs nothing from the tensor layer. */
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** n float32 values uniform in [lo, hi). */
export function randArray(r: () => number, n: number, lo = -2, hi = 2): Float32Array {
  const a = new Float32Array(n);
  for (let i = 0; i < n; i++) a[i] = lo + (hi - lo) * r();
  return a;
}

export const sizeOf = (s: readonly number[]): number => s.reduce((a, b) => a * b, 1);

/** Multi-index of flat position p in a row-major shape. */
export function unravel(p: number, shape: readonly number[]): number[] {
  const idx = new Array<number>(shape.length);
  for (let d = shape.length - 1; d >= 0; d--) {
    idx[d] = p % shape[d]!;
    p = Math.floor(p / shape[d]!);
  }
  return idx;
}

/** Flat position in `shape` of the output multi-index `idx`, NumPy-broadcast (right-aligned, size-1 dims read 0). */
export function broadcastOffset(idx: readonly number[], shape: readonly number[]): number {
  let off = 0;
  const lead = idx.length - shape.length;
  for (let d = 0; d < shape.length; d++) off = off * shape[d]! + (shape[d] === 1 ? 0 : idx[lead + d]!);
  return off;
}

/** erf by its Maclaurin series in float64 (accurate to ~1e-12 for |x| ≤ 4, which is all the suite uses). */
export function erfRef(x: number): number {
  if (Math.abs(x) > 5) return Math.sign(x);
  let term = x;
  let sum = x;
  for (let n = 1; n < 200; n++) {
    term *= (-x * x) / n;
    sum += term / (2 * n + 1);
    if (Math.abs(term) < 1e-17) break;
  }
  return (2 / Math.sqrt(Math.PI)) * sum;
}

/** Asserts |actual − expected| ≤ atol + rtol·|expected| elementwise; NaN must meet NaN, ±Infinity itself. */
export function expectArraysClose(actual: ArrayLike<number>, expected: ArrayLike<number>, rtol = 1e-5, atol = 1e-6, label = ""): void {
  expect(actual.length, `${label} length`).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i]!;
    const e = expected[i]!;
    const ok = Number.isNaN(e) ? Number.isNaN(a) : !Number.isFinite(e) ? a === e : Math.abs(a - e) <= atol + rtol * Math.abs(e);
    if (!ok) expect.fail(`${label} element ${i}: got ${a}, expected ${e}`);
  }
}

/** out[o, i] = op over s of x[o, s, i], in float64. */
export function reduceRef(op: string, x: Float32Array, outer: number, size: number, inner: number): number[] {
  const out: number[] = [];
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      const v: number[] = [];
      for (let s = 0; s < size; s++) v.push(x[(o * size + s) * inner + i]!);
      if (op === "sum") out.push(v.reduce((a, b) => a + b, 0));
      else if (op === "prod") out.push(v.reduce((a, b) => a * b, 1));
      else if (v.some(Number.isNaN)) out.push(NaN);
      else out.push(op === "max" ? Math.max(...v) : Math.min(...v));
    }
  }
  return out;
}

/** out[b] = op(A[b])·op(B[b]) (+ out[b] when accumulating), in float64 with explicit index arithmetic. */
export function matmulRef(
  a: Float32Array, b: Float32Array, init: Float32Array, batch: number, m: number, n: number, k: number,
  transA: boolean, transB: boolean, strideA: number, strideB: number, accumulate: boolean,
): number[] {
  const out: number[] = [];
  for (let t = 0; t < batch; t++) {
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < n; j++) {
        let s = accumulate ? init[(t * m + i) * n + j]! : 0;
        for (let p = 0; p < k; p++) {
          const av = a[t * strideA + (transA ? p * m + i : i * k + p)]!;
          const bv = b[t * strideB + (transB ? j * k + p : p * n + j)]!;
          s += av * bv;
        }
        out.push(s);
      }
    }
  }
  return out;
}
