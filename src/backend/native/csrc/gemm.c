/* GEMM and the fused linear layer on OpenBLAS (declared here, so only the library is needed, not its headers). */
#include "kernels.h"

enum { RowMajor = 101, NoTrans = 111, Trans = 112 };
extern void cblas_sgemm(int order, int transA, int transB, int m, int n, int k, float alpha, const float* a, int lda,
                        const float* b, int ldb, float beta, float* c, int ldc);
extern void openblas_set_num_threads(int n);
extern char* openblas_get_corename(void);
extern char* openblas_get_config(void);

/* C = op(A)·op(B) (+ C) by plain loops: for products too small for OpenBLAS's set-up to pay (a 10×8×8 layer). */
static void small_gemm(const float* a, const float* b, float* c, int m, int n, int k, int ta, int tb, int acc) {
  long ai = ta ? 1 : k, ap = ta ? m : 1, bj = tb ? k : 1, bp = tb ? 1 : n;
  for (int i = 0; i < m; i++) {
    for (int j = 0; j < n; j++) {
      float s = 0.0f;
      const float *x = a + i * ai, *y = b + j * bj;
      for (int p = 0; p < k; p++) s += x[p * ap] * y[p * bp];
      c[(long)i * n + j] = acc ? c[(long)i * n + j] + s : s;
    }
  }
}

/*
 * Products from this many multiply-adds are split across the pool (pool.c), each part on OpenBLAS's
 * single-threaded path: by columns of C in multiples of 64, or by rows when C is narrow. Each element of
 * C comes from one OpenBLAS call over the whole k, so results do not depend on the thread count.
 */
#define MIN_SPLIT_MACS 1e6
#define SPLIT_ALIGN 64

typedef struct {
  const float *a, *b;
  float* c;
  int m, n, k, ta, tb, by_rows;
  float beta;
} gemm_task;

static void gemm_part(void* ctx, int part, int parts) {
  gemm_task* t = ctx;
  int total = t->by_rows ? t->m : t->n;
  int units = (total + SPLIT_ALIGN - 1) / SPLIT_ALIGN;
  int lo = (int)((long)units * part / parts) * SPLIT_ALIGN, hi = (int)((long)units * (part + 1) / parts) * SPLIT_ALIGN;
  if (hi > total) hi = total;
  if (lo >= hi) return;
  int lda = t->ta ? t->m : t->k, ldb = t->tb ? t->k : t->n;
  if (t->by_rows) {
    /* rows lo..hi of op(A): A[lo·lda] untransposed, A[lo] (a column offset) transposed */
    const float* a = t->ta ? t->a + lo : t->a + (long)lo * lda;
    cblas_sgemm(RowMajor, t->ta ? Trans : NoTrans, t->tb ? Trans : NoTrans, hi - lo, t->n, t->k, 1.0f, a, lda, t->b, ldb,
                t->beta, t->c + (long)lo * t->n, t->n);
  } else {
    /* columns lo..hi of op(B): B[lo] untransposed, B[lo·ldb] transposed */
    const float* b = t->tb ? t->b + (long)lo * ldb : t->b + lo;
    cblas_sgemm(RowMajor, t->ta ? Trans : NoTrans, t->tb ? Trans : NoTrans, t->m, hi - lo, t->k, 1.0f, t->a, lda, b, ldb,
                t->beta, t->c + lo, t->n);
  }
}

/* flags: 1 transA, 2 transB, 4 accumulate (C += product). A batch stride of 0 shares the operand. */
void nb_gemm(const float* a, const float* b, float* c, int batch, int m, int n, int k, int flags, long strideA, long strideB) {
  int ta = flags & 1, tb = (flags >> 1) & 1;
  float beta = (flags & 4) ? 1.0f : 0.0f;
  for (int t = 0; t < batch; t++) {
    float* ct = c + (long)t * m * n;
    if (k == 0) {
      if (beta == 0.0f) for (long i = 0; i < (long)m * n; i++) ct[i] = 0.0f;
      continue;
    }
    if ((long)m * n * k <= 4096) {
      small_gemm(a + t * strideA, b + t * strideB, ct, m, n, k, ta, tb, beta != 0.0f);
      continue;
    }
    gemm_task task = {a + t * strideA, b + t * strideB, ct, m, n, k, ta, tb, n < 2 * SPLIT_ALIGN && m > n, beta};
    int parts = (double)m * n * k >= MIN_SPLIT_MACS ? nb_pool_threads() : 1;
    nb_pool_run(gemm_part, &task, parts);
  }
}

/* out = act(x·Wᵀ + bias): the GEMM writes out, then one pass adds the bias and applies the activation. */
void nb_linear(const float* x, const float* w, const float* bias, float* out, int rows, int inF, int outF, int act) {
  nb_gemm(x, w, out, 1, rows, outF, inF, 2, 0, 0);
  nb_bias_activate(act, out, bias, rows, outF);
}

/* OpenBLAS stays single-threaded: the pool splits products itself (see gemm_part). */
void nb_set_threads(int n) {
  openblas_set_num_threads(1);
  nb_pool_set_threads(n);
}

const char* nb_blas_info(void) { return openblas_get_corename(); }
