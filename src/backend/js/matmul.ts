/**
 * Reference GEMM, register-blocked: op(A) and op(B) are packed into 4-wide panels (so the transposed
 * cases share one code path and the inner loop reads memory contiguously), then each 4×4 block of the
 * output accumulates in 16 local float64 variables. About 3× faster than a plain i-p-j loop; tiny products
 * (the layers of a 2-8-8-1 network) take a plain loop instead, without packing buffers to allocate.
 */
export function matmul(
  a: Float32Array, b: Float32Array, out: Float32Array,
  batch: number, m: number, n: number, k: number,
  transA: boolean, transB: boolean,
  strideA: number, strideB: number, accumulate = false,
): void {
  if (m * n * k <= SMALL) return smallMatmul(a, b, out, batch, m, n, k, transA, transB, strideA, strideB, accumulate);
  const panels = Math.ceil(n / 4);
  const bp = scratch(panels * 4 * k);
  const ap = new Float32Array(4 * k);
  const c = tile;
  for (let t = 0; t < batch; t++) {
    const ao = t * strideA;
    const co = t * m * n;
    if (t === 0 || strideB !== 0) packB(b, t * strideB, k, n, transB, bp);
    for (let i0 = 0; i0 < m; i0 += 4) {
      const rows = Math.min(4, m - i0);
      packA(a, ao, i0, rows, m, k, transA, ap);
      for (let jp = 0; jp < panels; jp++) {
        const j0 = jp * 4;
        let c00 = 0, c01 = 0, c02 = 0, c03 = 0, c10 = 0, c11 = 0, c12 = 0, c13 = 0;
        let c20 = 0, c21 = 0, c22 = 0, c23 = 0, c30 = 0, c31 = 0, c32 = 0, c33 = 0;
        let q = jp * 4 * k;
        for (let p4 = 0; p4 < 4 * k; p4 += 4, q += 4) {
          const a0 = ap[p4]!, a1 = ap[p4 + 1]!, a2 = ap[p4 + 2]!, a3 = ap[p4 + 3]!;
          const b0 = bp[q]!, b1 = bp[q + 1]!, b2 = bp[q + 2]!, b3 = bp[q + 3]!;
          c00 += a0 * b0; c01 += a0 * b1; c02 += a0 * b2; c03 += a0 * b3;
          c10 += a1 * b0; c11 += a1 * b1; c12 += a1 * b2; c13 += a1 * b3;
          c20 += a2 * b0; c21 += a2 * b1; c22 += a2 * b2; c23 += a2 * b3;
          c30 += a3 * b0; c31 += a3 * b1; c32 += a3 * b2; c33 += a3 * b3;
        }
        c[0] = c00; c[1] = c01; c[2] = c02; c[3] = c03; c[4] = c10; c[5] = c11; c[6] = c12; c[7] = c13;
        c[8] = c20; c[9] = c21; c[10] = c22; c[11] = c23; c[12] = c30; c[13] = c31; c[14] = c32; c[15] = c33;
        const cols = Math.min(4, n - j0);
        for (let r = 0; r < rows; r++) {
          const o = co + (i0 + r) * n + j0;
          for (let s = 0; s < cols; s++) out[o + s] = accumulate ? out[o + s]! + c[r * 4 + s]! : c[r * 4 + s]!;
        }
      }
    }
  }
}

/** The packed-B buffer, kept between calls (allocating one costs more than a small product). */
let packedB = new Float32Array(1024);
const tile = new Float64Array(16);

function scratch(n: number): Float32Array {
  if (packedB.length < n) packedB = new Float32Array(Math.max(n, packedB.length * 2));
  return packedB.subarray(0, n);
}

/** Products up to this many multiply-adds skip packing: its allocations cost more than the arithmetic. */
const SMALL = 2048;

/** The plain triple loop (float64 sums), reading op(A) and op(B) through strides. */
function smallMatmul(
  a: Float32Array, b: Float32Array, out: Float32Array, batch: number, m: number, n: number, k: number,
  transA: boolean, transB: boolean, strideA: number, strideB: number, accumulate: boolean,
): void {
  const ai = transA ? 1 : k; // op(A)[i, p] = a[i·ai + p·ap]
  const ap = transA ? m : 1;
  const bj = transB ? k : 1; // op(B)[p, j] = b[p·bp + j·bj]
  const bp = transB ? 1 : n;
  for (let t = 0; t < batch; t++) {
    const ao = t * strideA;
    const bo = t * strideB;
    let o = t * m * n;
    for (let i = 0; i < m; i++) {
      const arow = ao + i * ai;
      for (let j = 0; j < n; j++, o++) {
        let s = 0;
        let x = arow;
        let y = bo + j * bj;
        for (let p = 0; p < k; p++) {
          s += a[x]! * b[y]!;
          x += ap;
          y += bp;
        }
        out[o] = accumulate ? out[o]! + s : s;
      }
    }
  }
}

/** ap[p·4 + r] = op(A)[i0 + r, p] for r < rows, 0 beyond. */
function packA(a: Float32Array, ao: number, i0: number, rows: number, m: number, k: number, transA: boolean, ap: Float32Array): void {
  if (rows < 4) ap.fill(0);
  if (transA) {
    for (let p = 0; p < k; p++) {
      const src = ao + p * m + i0;
      for (let r = 0; r < rows; r++) ap[p * 4 + r] = a[src + r]!;
    }
  } else {
    for (let r = 0; r < rows; r++) for (let p = 0, src = ao + (i0 + r) * k; p < k; p++) ap[p * 4 + r] = a[src + p]!;
  }
}

/** bp[(j/4)·4k + p·4 + j%4] = op(B)[p, j], zero-padded to a multiple of 4 columns. */
function packB(b: Float32Array, bo: number, k: number, n: number, transB: boolean, bp: Float32Array): void {
  if (n % 4 !== 0) bp.fill(0);
  if (transB) {
    for (let j = 0; j < n; j++) {
      const dst = (j >> 2) * 4 * k + (j & 3);
      for (let p = 0, src = bo + j * k; p < k; p++) bp[dst + p * 4] = b[src + p]!;
    }
  } else {
    for (let p = 0; p < k; p++) {
      const src = bo + p * n;
      for (let j = 0; j < n; j++) bp[(j >> 2) * 4 * k + p * 4 + (j & 3)] = b[src + j]!;
    }
  }
}
