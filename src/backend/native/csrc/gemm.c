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
 * OpenBLAS's threads pay off only on large products: waking them costs more than a 128×256×128 GEMM
 * gains (measured 96 µs on one thread, 251 µs on two). Products below this many multiply-adds run on one.
 */
#define MIN_THREADED_MACS 8e6
static int configured_threads = 1, current_threads = -1;

static void use_threads(int n) {
  if (n != current_threads) {
    openblas_set_num_threads(n);
    current_threads = n;
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
    use_threads((double)m * n * k >= MIN_THREADED_MACS ? configured_threads : 1);
    cblas_sgemm(RowMajor, ta ? Trans : NoTrans, tb ? Trans : NoTrans, m, n, k, 1.0f, a + t * strideA, ta ? m : k,
                b + t * strideB, tb ? k : n, beta, ct, n);
  }
}

/* out = act(x·Wᵀ + bias): the GEMM writes out, then one pass adds the bias and applies the activation. */
void nb_linear(const float* x, const float* w, const float* bias, float* out, int rows, int inF, int outF, int act) {
  nb_gemm(x, w, out, 1, rows, outF, inF, 2, 0, 0);
  nb_bias_activate(act, out, bias, rows, outF);
}

void nb_set_threads(int n) {
  configured_threads = n;
  use_threads(n);
}

const char* nb_blas_info(void) { return openblas_get_corename(); }
