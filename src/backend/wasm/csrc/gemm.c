/*
 * Cache-blocked, register-tiled GEMM (the Goto/BLIS loop order): C = op(A)·op(B) (+ C), with op(A) packed
 * into MR-row micro-panels and op(B) into NR-column micro-panels, so the transposed variants cost only a
 * different packing loop. Each element of C is owned by one thread and accumulated in the same k order
 * whatever the thread count or tile position, so results do not depend on the number of threads.
 */
#include "simd.h"

#define MR 4
#define NR 8
/* Measured on Zen 5 under V8: 4×8 keeps 8 accumulators + 2 B vectors in registers; 6×8 and 4×12 spill. */
#define KC 384
#define MC 96
#define NC 512

/* Work area per thread, in floats: a packed A block, a packed B block and one edge tile. */
#define WORK_FLOATS (MC * KC + KC * NC + MR * NR)
EXPORT(gemm_work_floats) int gemm_work_floats(void) { return WORK_FLOATS; }

/* ap[(i/MR)·kc·MR + p·MR + i%MR] = op(A)[i0 + i, p0 + p], rows past m zero. */
NO_BUILTIN static void pack_a(const float* a, int m, int k, int trans, int i0, int mc, int p0, int kc, float* ap) {
  for (int ir = 0; ir < mc; ir += MR) {
    int rows = min_i(MR, mc - ir);
    float* dst = ap + ir * kc;
    if (trans) {
      /* op(A)[i, p] = A[p·m + i]: MR consecutive i are contiguous */
      const float* src = a + (long)p0 * m + i0 + ir;
      if (rows == MR) {
        for (int p = 0; p < kc; p++) wasm_v128_store(dst + p * MR, wasm_v128_load(src + (long)p * m));
      } else {
        for (int p = 0; p < kc; p++) for (int r = 0; r < MR; r++) dst[p * MR + r] = r < rows ? src[(long)p * m + r] : 0.0f;
      }
    } else {
      /* op(A)[i, p] = A[i·k + p]: rows are contiguous; interleave MR of them */
      const float* s0 = a + (long)(i0 + ir) * k + p0;
      if (rows == MR) {
        const float *s1 = s0 + k, *s2 = s1 + k, *s3 = s2 + k;
        int p = 0;
        for (; p + 4 <= kc; p += 4) {
          f4 r0 = wasm_v128_load(s0 + p), r1 = wasm_v128_load(s1 + p), r2 = wasm_v128_load(s2 + p), r3 = wasm_v128_load(s3 + p);
          /* 4×4 transpose */
          f4 t0 = wasm_i32x4_shuffle(r0, r1, 0, 4, 1, 5), t1 = wasm_i32x4_shuffle(r2, r3, 0, 4, 1, 5);
          f4 t2 = wasm_i32x4_shuffle(r0, r1, 2, 6, 3, 7), t3 = wasm_i32x4_shuffle(r2, r3, 2, 6, 3, 7);
          wasm_v128_store(dst + (p + 0) * MR, wasm_i64x2_shuffle(t0, t1, 0, 2));
          wasm_v128_store(dst + (p + 1) * MR, wasm_i64x2_shuffle(t0, t1, 1, 3));
          wasm_v128_store(dst + (p + 2) * MR, wasm_i64x2_shuffle(t2, t3, 0, 2));
          wasm_v128_store(dst + (p + 3) * MR, wasm_i64x2_shuffle(t2, t3, 1, 3));
        }
        for (; p < kc; p++) {
          dst[p * MR] = s0[p]; dst[p * MR + 1] = s1[p]; dst[p * MR + 2] = s2[p]; dst[p * MR + 3] = s3[p];
        }
      } else {
        for (int p = 0; p < kc; p++) for (int r = 0; r < MR; r++) dst[p * MR + r] = r < rows ? s0[(long)r * k + p] : 0.0f;
      }
    }
  }
}

/* bp[(j/NR)·kc·NR + p·NR + j%NR] = op(B)[p0 + p, j0 + j], columns past n zero. */
NO_BUILTIN static void pack_b(const float* b, int n, int k, int trans, int j0, int nc, int p0, int kc, float* bp) {
  for (int jr = 0; jr < nc; jr += NR) {
    int cols = min_i(NR, nc - jr);
    float* dst = bp + jr * kc;
    if (!trans) {
      /* op(B)[p, j] = B[p·n + j]: NR consecutive j are contiguous */
      const float* src = b + (long)p0 * n + j0 + jr;
      if (cols == NR) {
        for (int p = 0; p < kc; p++) {
          wasm_v128_store(dst + p * NR, wasm_v128_load(src + (long)p * n));
          wasm_v128_store(dst + p * NR + 4, wasm_v128_load(src + (long)p * n + 4));
        }
      } else {
        for (int p = 0; p < kc; p++) for (int c = 0; c < NR; c++) dst[p * NR + c] = c < cols ? src[(long)p * n + c] : 0.0f;
      }
    } else {
      /* op(B)[p, j] = B[j·k + p]: each column is a contiguous row of B; transpose 4×4 blocks */
      const float* s = b + (long)(j0 + jr) * k + p0;
      if (cols == NR) {
        for (int h = 0; h < NR; h += 4) {
          const float *s0 = s + (long)h * k, *s1 = s0 + k, *s2 = s1 + k, *s3 = s2 + k;
          int p = 0;
          for (; p + 4 <= kc; p += 4) {
            f4 r0 = wasm_v128_load(s0 + p), r1 = wasm_v128_load(s1 + p), r2 = wasm_v128_load(s2 + p), r3 = wasm_v128_load(s3 + p);
            f4 t0 = wasm_i32x4_shuffle(r0, r1, 0, 4, 1, 5), t1 = wasm_i32x4_shuffle(r2, r3, 0, 4, 1, 5);
            f4 t2 = wasm_i32x4_shuffle(r0, r1, 2, 6, 3, 7), t3 = wasm_i32x4_shuffle(r2, r3, 2, 6, 3, 7);
            wasm_v128_store(dst + (p + 0) * NR + h, wasm_i64x2_shuffle(t0, t1, 0, 2));
            wasm_v128_store(dst + (p + 1) * NR + h, wasm_i64x2_shuffle(t0, t1, 1, 3));
            wasm_v128_store(dst + (p + 2) * NR + h, wasm_i64x2_shuffle(t2, t3, 0, 2));
            wasm_v128_store(dst + (p + 3) * NR + h, wasm_i64x2_shuffle(t2, t3, 1, 3));
          }
          for (; p < kc; p++) {
            dst[p * NR + h] = s0[p]; dst[p * NR + h + 1] = s1[p]; dst[p * NR + h + 2] = s2[p]; dst[p * NR + h + 3] = s3[p];
          }
        }
      } else {
        for (int p = 0; p < kc; p++) for (int c = 0; c < NR; c++) dst[p * NR + c] = c < cols ? s[(long)c * k + p] : 0.0f;
      }
    }
  }
}

/* c[MR×NR] (row stride ldc) = (load ? c : 0) + Σ_p a[p]ᵀ·b[p] over kc packed steps; 8 accumulators in registers. */
static inline void kernel(int kc, const float* restrict a, const float* restrict b, float* c, int ldc, int load) {
  f4 acc[MR][NR / 4];
#pragma unroll
  for (int r = 0; r < MR; r++)
#pragma unroll
    for (int v = 0; v < NR / 4; v++) acc[r][v] = load ? wasm_v128_load(c + r * ldc + 4 * v) : wasm_f32x4_splat(0.0f);
  for (int p = 0; p < kc; p++) {
    f4 bv[NR / 4];
#pragma unroll
    for (int v = 0; v < NR / 4; v++) bv[v] = wasm_v128_load(b + 4 * v);
#pragma unroll
    for (int r = 0; r < MR; r++) {
      f4 av = wasm_v128_load32_splat(a + r);
#pragma unroll
      for (int v = 0; v < NR / 4; v++) acc[r][v] = MADD(av, bv[v], acc[r][v]);
    }
    a += MR;
    b += NR;
  }
#pragma unroll
  for (int r = 0; r < MR; r++)
#pragma unroll
    for (int v = 0; v < NR / 4; v++) wasm_v128_store(c + r * ldc + 4 * v, acc[r][v]);
}

/* C[i0:i1, j0:j1] of one product, blocked over n (NC), k (KC) and m (MC). */
NO_BUILTIN static void gemm_block(const float* a, const float* b, float* c, int m, int n, int k, int transA, int transB,
                                  int accumulate, int i0, int i1, int j0, int j1, float* work) {
  float* ap = work;
  float* bp = work + MC * KC;
  float* tile = bp + KC * NC;
  if (k == 0) {
    if (!accumulate) for (int i = i0; i < i1; i++) for (int j = j0; j < j1; j++) c[(long)i * n + j] = 0.0f;
    return;
  }
  for (int jc = j0; jc < j1; jc += NC) {
    int nc = min_i(NC, j1 - jc);
    for (int pc = 0; pc < k; pc += KC) {
      int kc = min_i(KC, k - pc);
      int load = accumulate || pc > 0;
      pack_b(b, n, k, transB, jc, nc, pc, kc, bp);
      for (int ic = i0; ic < i1; ic += MC) {
        int mc = min_i(MC, i1 - ic);
        pack_a(a, m, k, transA, ic, mc, pc, kc, ap);
        for (int jr = 0; jr < nc; jr += NR) {
          int cols = min_i(NR, nc - jr);
          for (int ir = 0; ir < mc; ir += MR) {
            int rows = min_i(MR, mc - ir);
            float* cij = c + (long)(ic + ir) * n + jc + jr;
            if (rows == MR && cols == NR) {
              kernel(kc, ap + ir * kc, bp + jr * kc, cij, n, load);
            } else {
              /* an edge tile: the same kernel on a padded copy, so every element sees the same arithmetic */
              for (int r = 0; r < MR; r++)
                for (int s = 0; s < NR; s++) tile[r * NR + s] = load && r < rows && s < cols ? cij[(long)r * n + s] : 0.0f;
              kernel(kc, ap + ir * kc, bp + jr * kc, tile, NR, 1);
              for (int r = 0; r < rows; r++) for (int s = 0; s < cols; s++) cij[(long)r * n + s] = tile[r * NR + s];
            }
          }
        }
      }
    }
  }
}

/*
 * Part `tid` of `nth` of a batched GEMM (flags: 1 transA, 2 transB, 4 accumulate). The batch is split
 * when it has at least one entry per thread; otherwise each product is split by columns (or by rows
 * when it is taller than wide) in whole micro-tiles.
 */
EXPORT(gemm) void gemm(const float* a, const float* b, float* c, int batch, int m, int n, int k, int flags,
                       int strideA, int strideB, float* work, int tid, int nth) {
  int transA = flags & 1, transB = (flags >> 1) & 1, acc = (flags >> 2) & 1;
  work += (long)tid * WORK_FLOATS;
  if (batch >= nth) {
    for (int t = tid; t < batch; t += nth)
      gemm_block(a + (long)t * strideA, b + (long)t * strideB, c + (long)t * m * n, m, n, k, transA, transB, acc, 0, m, 0, n, work);
    return;
  }
  int i0 = 0, i1 = m, j0 = 0, j1 = n;
  if (n >= m) {
    int tiles = (n + NR - 1) / NR;
    j0 = min_i(n, (int)((long)tiles * tid / nth) * NR);
    j1 = min_i(n, (int)((long)tiles * (tid + 1) / nth) * NR);
  } else {
    int tiles = (m + MR - 1) / MR;
    i0 = min_i(m, (int)((long)tiles * tid / nth) * MR);
    i1 = min_i(m, (int)((long)tiles * (tid + 1) / nth) * MR);
  }
  if (i0 >= i1 || j0 >= j1) return;
  for (int t = 0; t < batch; t++)
    gemm_block(a + (long)t * strideA, b + (long)t * strideB, c + (long)t * m * n, m, n, k, transA, transB, acc, i0, i1, j0, j1, work);
}
