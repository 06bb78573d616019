/**
 * Reference GEMM. The untransposed and transA cases run row-of-A × rows-of-B (i-p-j, contiguous
 * inner loop); transB runs as dot products of contiguous rows. Accumulation is in float64.
 */
export function matmul(
  a: Float32Array, b: Float32Array, out: Float32Array,
  batch: number, m: number, n: number, k: number,
  transA: boolean, transB: boolean,
  strideA: number, strideB: number, accumulate = false,
): void {
  const acc = new Float64Array(n);
  for (let t = 0; t < batch; t++) {
    const ao = t * strideA;
    const bo = t * strideB;
    const co = t * m * n;
    for (let i = 0; i < m; i++) {
      const crow = co + i * n;
      if (transB) {
        for (let j = 0; j < n; j++) {
          const brow = bo + j * k;
          let s = 0;
          if (transA) for (let p = 0; p < k; p++) s += a[ao + p * m + i]! * b[brow + p]!;
          else {
            const arow = ao + i * k;
            let s1 = 0;
            let p = 0;
            for (; p + 2 <= k; p += 2) { s += a[arow + p]! * b[brow + p]!; s1 += a[arow + p + 1]! * b[brow + p + 1]!; }
            if (p < k) s += a[arow + p]! * b[brow + p]!;
            s += s1;
          }
          out[crow + j] = accumulate ? out[crow + j]! + s : s;
        }
        continue;
      }
      acc.fill(0);
      for (let p = 0; p < k; p++) {
        const av = transA ? a[ao + p * m + i]! : a[ao + i * k + p]!;
        const brow = bo + p * n;
        for (let j = 0; j < n; j++) acc[j]! += av * b[brow + j]!;
      }
      if (accumulate) for (let j = 0; j < n; j++) out[crow + j]! += acc[j]!;
      else for (let j = 0; j < n; j++) out[crow + j] = acc[j]!;
    }
  }
}
