/*
 * nabla's own float32 GEMM for x86-64 CPUs with AVX-512, in the way of BLIS and GotoBLAS: a 12×32
 * register-tiled micro-kernel (24 zmm accumulators) over k blocks of at most KC_MAX steps. op(B) is packed
 * per k block into 32-column panels that stay in L2 while the kernel runs every row of C against them; op(A)
 * is read in place (its 12 rows stay in L1 across a row of B panels), and copied into a panel only where its
 * rows would share L1 sets. The pool's threads take chunks of C (groups of column panels, each packing only
 * its own panels of B) from a shared counter; each element of C is the same chain of FMAs whichever thread
 * computes it, so results do not depend on the thread count. Where AVX-512 is missing, gemm.c uses OpenBLAS.
 */
#include <stdlib.h>
#include <string.h>
#include <pthread.h>
#include <stdatomic.h>
#include "kernels.h"

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>

#define MR 12
#define NR 32
/* k steps per block at most (blocks are evened out): 12 rows of A over a block (19 KiB) stay in L1 */
#ifndef KC_MAX
#define KC_MAX 400
#endif
/* columns of C per block: KC·NCB floats of packed B (400 KiB) stay in L2 */
#define NCB 256

typedef struct {
  const float *a, *b;
  float* c;
  int m, n, k, ta, tb, acc;
  int mp, np; /* micro-panels of rows and columns */
  int by_cols; /* chunks are groups of C's column panels (each packs only its own panels of B), else of row panels */
  int units, chunks; /* panels to share out, and chunks they are cut into */
  atomic_int next; /* the next chunk to take */
  int kcb; /* k per block */
  const float* bias; /* added to each row of C at the end, or null */
  int relu; /* then max(·, 0) */
  int pack_a; /* copy each 12-row panel of A before use: its rows would fight over the same L1 sets */
} sgemm_task;

/* Transposes 16×16 floats in registers: r[i][j] becomes r[j][i] (unpack 32- and 64-bit pairs, then 128-bit lanes). */
static inline __attribute__((always_inline, target("avx512f"))) void transpose16(__m512 r[16]) {
  __m512 t[16], s[16];
#pragma GCC unroll 8
  for (int i = 0; i < 8; i++) {
    t[2 * i] = _mm512_unpacklo_ps(r[2 * i], r[2 * i + 1]);
    t[2 * i + 1] = _mm512_unpackhi_ps(r[2 * i], r[2 * i + 1]);
  }
#pragma GCC unroll 4
  for (int g = 0; g < 4; g++) { /* s[4g + q], lane L: column 4L + q of rows 4g..4g+3 */
    __m512d a = _mm512_castps_pd(t[4 * g]), b = _mm512_castps_pd(t[4 * g + 1]);
    __m512d c = _mm512_castps_pd(t[4 * g + 2]), d = _mm512_castps_pd(t[4 * g + 3]);
    s[4 * g] = _mm512_castpd_ps(_mm512_unpacklo_pd(a, c));
    s[4 * g + 1] = _mm512_castpd_ps(_mm512_unpackhi_pd(a, c));
    s[4 * g + 2] = _mm512_castpd_ps(_mm512_unpacklo_pd(b, d));
    s[4 * g + 3] = _mm512_castpd_ps(_mm512_unpackhi_pd(b, d));
  }
#pragma GCC unroll 4
  for (int q = 0; q < 4; q++) { /* a 4×4 transpose of 128-bit lanes */
    __m512 v0 = _mm512_shuffle_f32x4(s[q], s[4 + q], 0x44), v1 = _mm512_shuffle_f32x4(s[q], s[4 + q], 0xEE);
    __m512 v2 = _mm512_shuffle_f32x4(s[8 + q], s[12 + q], 0x44), v3 = _mm512_shuffle_f32x4(s[8 + q], s[12 + q], 0xEE);
    r[q] = _mm512_shuffle_f32x4(v0, v2, 0x88);
    r[4 + q] = _mm512_shuffle_f32x4(v0, v2, 0xDD);
    r[8 + q] = _mm512_shuffle_f32x4(v1, v3, 0x88);
    r[12 + q] = _mm512_shuffle_f32x4(v1, v3, 0xDD);
  }
}

/* dst[p·32 + j] = src[j·ld + p] for the 32 rows of a transposed B panel, 16×16 blocks at a time. */
__attribute__((target("avx512f"))) static void pack_b_transposed(const float* src, long ld, long kc, float* dst) {
  long p0 = 0;
  for (; p0 + 16 <= kc; p0 += 16) {
    for (int h = 0; h < 2; h++) {
      __m512 r[16];
#pragma GCC unroll 16
      for (int i = 0; i < 16; i++) r[i] = _mm512_loadu_ps(src + (16L * h + i) * ld + p0);
      transpose16(r);
#pragma GCC unroll 16
      for (int j = 0; j < 16; j++) _mm512_storeu_ps(dst + (p0 + j) * NR + 16 * h, r[j]);
    }
  }
  for (; p0 < kc; p0++)
    for (int j = 0; j < NR; j++) dst[p0 * NR + j] = src[j * ld + p0];
}

/* Packs op(B)[k0 .. k0+kc, panels lo..hi) as 32-column panels, each k step's 32 values contiguous, columns past n zero. */
static void pack_b(const sgemm_task* t, long k0, long kc, int lo, int hi, float* out) {
  for (int panel = lo; panel < hi; panel++) {
    float* dst = out + (long)(panel - lo) * NR * kc;
    int j0 = panel * NR, cols = t->n - j0 < NR ? t->n - j0 : NR;
    if (!t->tb) {
      for (long p = 0; p < kc; p++) {
        memcpy(dst + p * NR, t->b + (k0 + p) * t->n + j0, cols * sizeof(float));
        for (int j = cols; j < NR; j++) dst[p * NR + j] = 0.0f;
      }
    } else if (cols == NR) {
      pack_b_transposed(t->b + (long)j0 * t->k + k0, t->k, kc, dst);
    } else {
      for (long p = 0; p < kc; p++)
        for (int j = 0; j < NR; j++) dst[p * NR + j] = j < cols ? t->b[(long)(j0 + j) * t->k + k0 + p] : 0.0f;
    }
  }
}

/*
 * C[12×32] (= or +=) Σ_p op(A)[i, p]·b[p] over kc steps, op(A)[i, p] at a[i·rsa + p·csa] (A is not packed: its
 * 12 rows are read in place and stay in L1 while the kernel walks a row of B panels). At the edges of C, rows
 * past the edge repeat the last one and are not stored, and columns are masked. add: add to C (a later k
 * block, or accumulate) instead of overwriting it.
 */
static inline __attribute__((always_inline, target("avx512f"))) void kernel_body(long kc, const float* a, long rsa, long csa,
    const float* restrict b, float* c, long ldc, int rows, int cols, int add, const float* bias, int relu) {
  __m512 c0[MR], c1[MR];
  const float* ar[MR];
#pragma GCC unroll 12
  for (int i = 0; i < MR; i++) {
    c0[i] = c1[i] = _mm512_setzero_ps();
    ar[i] = a + (i < rows ? i : rows - 1) * rsa;
  }
  /* C's tile is loaded or stored after the loop: start fetching its lines now (+6% on a 1000×256×784 layer) */
#pragma GCC unroll 12
  for (int i = 0; i < MR; i++) {
    if (i >= rows) break;
    const char* ci = (const char*)(c + i * ldc);
    _mm_prefetch(ci, _MM_HINT_T0);
    _mm_prefetch(ci + 64, _MM_HINT_T0);
    _mm_prefetch(ci + 127, _MM_HINT_T0);
  }
  for (long p = 0; p < kc; p++) {
    __m512 b0 = _mm512_loadu_ps(b + p * NR), b1 = _mm512_loadu_ps(b + p * NR + 16);
#pragma GCC unroll 12
    for (int i = 0; i < MR; i++) {
      __m512 ai = _mm512_set1_ps(ar[i][p * csa]);
      c0[i] = _mm512_fmadd_ps(ai, b0, c0[i]);
      c1[i] = _mm512_fmadd_ps(ai, b1, c1[i]);
    }
  }
  __mmask16 m0 = cols >= 16 ? 0xFFFF : (__mmask16)((1u << cols) - 1);
  __mmask16 m1 = cols >= 32 ? 0xFFFF : cols <= 16 ? 0 : (__mmask16)((1u << (cols - 16)) - 1);
  __m512 bias0 = _mm512_setzero_ps(), bias1 = bias0, zero = bias0;
  if (bias) bias0 = _mm512_maskz_loadu_ps(m0, bias), bias1 = _mm512_maskz_loadu_ps(m1, bias + 16);
#pragma GCC unroll 12
  for (int i = 0; i < MR; i++) {
    if (i >= rows) break;
    float* ci = c + i * ldc;
    if (add) {
      c0[i] = _mm512_add_ps(c0[i], _mm512_maskz_loadu_ps(m0, ci));
      c1[i] = _mm512_add_ps(c1[i], _mm512_maskz_loadu_ps(m1, ci + 16));
    }
    if (bias) c0[i] = _mm512_add_ps(c0[i], bias0), c1[i] = _mm512_add_ps(c1[i], bias1);
    if (relu) { /* v ≤ 0 → 0, as the C loops do (NaN stays NaN) */
      c0[i] = _mm512_mask_mov_ps(c0[i], _mm512_cmp_ps_mask(c0[i], zero, _CMP_LE_OQ), zero);
      c1[i] = _mm512_mask_mov_ps(c1[i], _mm512_cmp_ps_mask(c1[i], zero, _CMP_LE_OQ), zero);
    }
    _mm512_mask_storeu_ps(ci, m0, c0[i]);
    _mm512_mask_storeu_ps(ci + 16, m1, c1[i]);
  }
}

/* op(A) = A: each row's k values contiguous (csa = 1) */
__attribute__((target("avx512f"))) static void kernel_rows(long kc, const float* a, long rsa, const float* b, float* c, long ldc,
                                                           int rows, int cols, int add, const float* bias, int relu) {
  kernel_body(kc, a, rsa, 1, b, c, ldc, rows, cols, add, bias, relu);
}

/* op(A) = Aᵀ: each k step's 12 values contiguous (rsa = 1) */
__attribute__((target("avx512f"))) static void kernel_cols(long kc, const float* a, long csa, const float* b, float* c, long ldc,
                                                           int rows, int cols, int add, const float* bias, int relu) {
  kernel_body(kc, a, 1, csa, b, c, ldc, rows, cols, add, bias, relu);
}

__attribute__((target("avx512f"))) static inline void copy12(float* dst, const float* src) {
  _mm512_mask_storeu_ps(dst, 0x0FFF, _mm512_maskz_loadu_ps(0x0FFF, src));
}

/* out[p·12 + i] = src[i][p] for whole blocks of 16 steps (16×16 transposes, 4 rows of zeros); returns the steps done. */
__attribute__((target("avx512f"))) static long transpose_rows12(const float* const* src, long kc, float* out) {
  long p0 = 0;
  for (; p0 + 16 <= kc; p0 += 16) {
    __m512 r[16];
#pragma GCC unroll 16
    for (int i = 0; i < 16; i++) r[i] = i < MR ? _mm512_loadu_ps(src[i] + p0) : _mm512_setzero_ps();
    transpose16(r);
#pragma GCC unroll 16
    for (int j = 0; j < 16; j++) _mm512_mask_storeu_ps(out + (p0 + j) * MR, 0x0FFF, r[j]);
  }
  return p0;
}

/* Copies op(A)[i0 .. i0+rows, k0 .. k0+kc) to out[p·12 + i] (rows past the edge repeat the last). */
static const float* pack_a(const sgemm_task* t, long i0, int rows, long k0, long kc, float* out) {
  if (t->ta && rows == MR) { /* each k step's 12 values are contiguous: one masked vector copy */
    const float* src = t->a + k0 * t->m + i0;
    for (long p = 0; p < kc; p++) copy12(out + p * MR, src + p * t->m);
  } else if (t->ta) {
    long row[MR];
    for (int i = 0; i < MR; i++) row[i] = i0 + (i < rows ? i : rows - 1);
    for (long p = 0; p < kc; p++) {
      const float* src = t->a + (k0 + p) * t->m;
      for (int i = 0; i < MR; i++) out[p * MR + i] = src[row[i]];
    }
  } else {
    const float* src[MR];
    for (int i = 0; i < MR; i++) src[i] = t->a + (i0 + (i < rows ? i : rows - 1)) * t->k + k0;
    long p = transpose_rows12(src, kc, out);
    for (; p < kc; p++)
      for (int i = 0; i < MR; i++) out[p * MR + i] = src[i][p];
  }
  return out;
}

/*
 * Whether reading an A panel in place would thrash L1 (32 KiB, 8 ways, 64 sets of 64-byte lines): the lines it
 * keeps live (12 rows of a k block, or a k block's steps when A is transposed) are `count` lines `stride` bytes
 * apart; more than 6 of them on one set means conflict misses on every pass (e.g. k or m a multiple of 1024).
 */
static int thrashes_l1(long stride, long count) {
  int per_set[64] = {0}, worst = 0;
  for (long i = 0; i < count; i++) {
    int set = (int)(((i * stride) >> 6) & 63);
    if (++per_set[set] > worst) worst = per_set[set];
  }
  return worst > 6;
}

/* Each thread's packing buffer (the caller's and the pool's threads'), freed when the thread ends. */
static pthread_key_t scratch_key;
static pthread_once_t scratch_once = PTHREAD_ONCE_INIT;
static void make_key(void) { pthread_key_create(&scratch_key, free); }

/* One block of packed B at most (NCB columns × KC_MAX steps, 400 KiB) and one A panel, allocated once per thread. */
static float* scratch(void) {
  pthread_once(&scratch_once, make_key);
  float* s = pthread_getspecific(scratch_key);
  if (!s) {
    s = aligned_alloc(64, (size_t)(NCB + MR) * KC_MAX * sizeof(float));
    pthread_setspecific(scratch_key, s);
  }
  return s;
}

/* Rows r0..r1 × column panels c0..c1 of C (at most NCB columns): per k block, pack B's panels, then run every row panel. */
static void gemm_chunk(const sgemm_task* t, int r0, int r1, int c0, int c1, float* pb) {
  for (long k0 = 0; k0 < t->k; k0 += t->kcb) {
    long kc = t->k - k0 < t->kcb ? t->k - k0 : t->kcb;
    int add = k0 > 0 || t->acc, last = k0 + kc == t->k;
    pack_b(t, k0, kc, c0, c1, pb);
    for (int r = r0; r < r1; r++) {
      int rows = t->m - r * MR < MR ? t->m - r * MR : MR;
      long i0 = (long)r * MR;
      const float* pa = t->pack_a ? pack_a(t, i0, rows, k0, kc, pb + (long)NCB * KC_MAX) : 0;
      for (int cpan = c0; cpan < c1; cpan++) {
        int cols = t->n - cpan * NR < NR ? t->n - cpan * NR : NR;
        const float* bp = pb + (long)(cpan - c0) * NR * kc;
        float* cp = t->c + i0 * t->n + cpan * NR;
        const float* bias = last && t->bias ? t->bias + cpan * NR : 0;
        int relu = last && t->relu;
        if (pa) kernel_cols(kc, pa, MR, bp, cp, t->n, rows, cols, add, bias, relu);
        else if (t->ta) kernel_cols(kc, t->a + k0 * t->m + i0, t->m, bp, cp, t->n, rows, cols, add, bias, relu);
        else kernel_rows(kc, t->a + i0 * t->k + k0, t->k, bp, cp, t->n, rows, cols, add, bias, relu);
      }
    }
  }
}

/*
 * A pool thread's loop: take the next chunk of C (a group of column panels, or of row panels when C is narrow)
 * until none is left. Chunks are taken, not assigned, so a thread slowed by other work on its core (V8's
 * garbage collector, another process) takes fewer; which thread computes a chunk never changes its values.
 */
static void gemm_part(void* ctx, int part, int parts) {
  (void)part; (void)parts;
  sgemm_task* t = ctx;
  float* pb = scratch();
  for (;;) {
    int chunk = atomic_fetch_add(&t->next, 1);
    if (chunk >= t->chunks) return;
    int r0 = 0, r1 = t->mp, c0 = 0, c1 = t->np;
    int lo = (int)((long)t->units * chunk / t->chunks), hi = (int)((long)t->units * (chunk + 1) / t->chunks);
    if (t->by_cols) c0 = lo, c1 = hi;
    else r0 = lo, r1 = hi;
    if (!pb) { /* no packing buffer (out of memory): plain loops */
      nb_gemm_loops(t->a, t->b, t->c, t->m, t->n, t->k, t->ta, t->tb, t->acc, r0 * MR, r1 * MR < t->m ? r1 * MR : t->m, c0 * NR,
                    c1 * NR < t->n ? c1 * NR : t->n);
      continue;
    }
    for (int cb = c0; cb < c1; cb += NCB / NR) gemm_chunk(t, r0, r1, cb, cb + NCB / NR < c1 ? cb + NCB / NR : c1, pb);
  }
}

int nb_sgemm_available(void) {
  static int ok = -1;
  if (ok < 0) ok = __builtin_cpu_supports("avx512f") ? 1 : 0;
  return ok;
}

/*
 * C (=, or += when acc) op(A)·op(B) (+ bias per column, then ReLU when asked) with the AVX-512 kernel on
 * `threads` threads; returns 0 where it cannot run (no AVX-512).
 */
int nb_sgemm(const float* a, const float* b, float* c, int m, int n, int k, int ta, int tb, int acc, const float* bias, int relu,
             int threads) {
  if (!nb_sgemm_available() || k <= 0) return 0;
  sgemm_task t = {a, b, c, m, n, k, ta, tb, acc, (m + MR - 1) / MR, (n + NR - 1) / NR};
  t.bias = bias;
  t.relu = relu;
  int blocks = (k + KC_MAX - 1) / KC_MAX;
  t.kcb = (k + blocks - 1) / blocks;
  t.pack_a = ta ? thrashes_l1((long)m * 4, t.kcb) : thrashes_l1((long)k * 4, MR);
  /*
   * Chunks of column panels (of row panels when C has fewer column panels than threads): one alone; with
   * threads, 2 to 4 per thread, as many as finish soonest when each thread takes its share in turn (a
   * thread slowed by other work on its core takes fewer).
   */
  t.by_cols = t.np >= threads;
  t.units = t.by_cols ? t.np : t.mp;
  t.chunks = 1;
  if (threads > 1) {
    long best = -1;
    for (int c = 2 * threads; c <= 4 * threads && c <= t.units; c++) {
      long span = (long)((t.units + c - 1) / c) * ((c + threads - 1) / threads);
      if (best < 0 || span < best) best = span, t.chunks = c;
    }
    if (best < 0) t.chunks = t.units < threads ? t.units : threads;
  }
  int parts = threads < t.chunks ? threads : t.chunks;
  nb_pool_run(gemm_part, &t, parts);
  return 1;
}

#else
int nb_sgemm_available(void) { return 0; }
int nb_sgemm(const float* a, const float* b, float* c, int m, int n, int k, int ta, int tb, int acc, const float* bias, int relu,
             int threads) {
  (void)a; (void)b; (void)c; (void)m; (void)n; (void)k; (void)ta; (void)tb; (void)acc; (void)bias; (void)relu; (void)threads;
  return 0;
}
#endif
