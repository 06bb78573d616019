/*
 * GEMM and the fused linear layer: nabla's own AVX-512 kernel (sgemm.c) where it runs, else OpenBLAS.
 * OpenBLAS is opened at run time (dlopen), after its environment is set in this process's real
 * environment: OPENBLAS_NUM_THREADS=1 (the pool splits GEMMs itself; OpenBLAS's own threads, called from
 * several threads at once, gave wrong results in 0.3.21) and OPENBLAS_CORETYPE=SkylakeX on AVX-512 CPUs
 * (Debian's 0.3.21 otherwise runs its AVX2 kernels on AMD Zen 4 and 5, at half the speed). Either is left
 * alone when already set. Setting them from JS would not do: a worker thread's process.env is a copy.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <pthread.h>
#include <stdlib.h>
#include "kernels.h"

enum { RowMajor = 101, NoTrans = 111, Trans = 112 };
typedef void (*sgemm_t)(int order, int transA, int transB, int m, int n, int k, float alpha, const float* a, int lda,
                        const float* b, int ldb, float beta, float* c, int ldc);
static sgemm_t cblas_sgemm;
static char* (*corename)(void);
static const char* load_error = "OpenBLAS not loaded";
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void open_blas(void) {
  /*
   * Keep this library loaded for the life of the process: Node unloads an addon when the last worker
   * thread that loaded it ends, and the pool's threads run code from it.
   */
  Dl_info self;
  if (dladdr((void*)&open_blas, &self) && self.dli_fname) dlopen(self.dli_fname, RTLD_NOW | RTLD_NODELETE);
#if defined(__x86_64__) && defined(__GNUC__)
  if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512cd") && __builtin_cpu_supports("avx512bw") &&
      __builtin_cpu_supports("avx512dq") && __builtin_cpu_supports("avx512vl"))
    setenv("OPENBLAS_CORETYPE", "SkylakeX", 0);
#endif
  setenv("OPENBLAS_NUM_THREADS", "1", 0);
  nb_keep_large_blocks();
  const char* names[] = {"libopenblas.so.0", "libopenblas.so", "libopenblas.dylib", "/opt/homebrew/opt/openblas/lib/libopenblas.dylib",
                         "/usr/local/opt/openblas/lib/libopenblas.dylib"};
  void* lib = 0;
  for (unsigned i = 0; i < sizeof names / sizeof names[0] && !lib; i++) lib = dlopen(names[i], RTLD_NOW | RTLD_LOCAL);
  if (!lib) { load_error = "libopenblas not found"; return; }
  cblas_sgemm = (sgemm_t)dlsym(lib, "cblas_sgemm");
  corename = (char* (*)(void))dlsym(lib, "openblas_get_corename");
  load_error = cblas_sgemm ? 0 : "cblas_sgemm missing from libopenblas";
}

/* Opens OpenBLAS once per process; returns why it failed, or null. */
const char* nb_init(void) {
  pthread_once(&once, open_blas);
  return load_error;
}

/*
 * C[i0..i1, j0..j1] = op(A)·op(B) (+ C) by plain loops: for products too small for a kernel's set-up to pay (a
 * 10×8×8 layer), and for sgemm.c's threads that could not get a packing buffer.
 */
void nb_gemm_loops(const float* a, const float* b, float* c, int m, int n, int k, int ta, int tb, int acc, int i0, int i1, int j0,
                   int j1) {
  long ai = ta ? 1 : k, ap = ta ? m : 1, bj = tb ? k : 1, bp = tb ? 1 : n;
  for (int i = i0; i < i1; i++) {
    for (int j = j0; j < j1; j++) {
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
/*
 * Up to this many multiply-adds (a 1000-row batch through a 784×256 layer is 2e8) products run on nabla's own
 * AVX-512 kernel (sgemm.c), where the CPU has AVX-512: it shares no packed operand between threads and has no
 * per-call set-up, 1.1-1.4× faster than OpenBLAS here on a network's products. Larger ones (n = 2048: 8.6e9)
 * go to OpenBLAS, whose cache blocking for big operands is better.
 */
#define MAX_OWN_MACS 1e9
#define SPLIT_ALIGN 64

/* Threads for a product of this many multiply-adds. */
static int threads_for(double macs) { return macs >= MIN_SPLIT_MACS ? nb_pool_threads() : 1; }

/* C (= or +=) op(A)·op(B) (+ bias, ReLU) on nabla's kernel when the product is in its range; 0 when it is not run. */
static int own_gemm(const float* a, const float* b, float* c, int m, int n, int k, int ta, int tb, int acc, const float* bias, int relu) {
  double macs = (double)m * n * k;
  return macs > 4096 && macs <= MAX_OWN_MACS && nb_sgemm(a, b, c, m, n, k, ta, tb, acc, bias, relu, threads_for(macs));
}

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
      nb_gemm_loops(a + t * strideA, b + t * strideB, ct, m, n, k, ta, tb, beta != 0.0f, 0, m, 0, n);
      continue;
    }
    if (own_gemm(a + t * strideA, b + t * strideB, ct, m, n, k, ta, tb, beta != 0.0f, 0, 0)) continue;
    gemm_task task = {a + t * strideA, b + t * strideB, ct, m, n, k, ta, tb, n < 2 * SPLIT_ALIGN && m > n, beta};
    nb_pool_run(gemm_part, &task, threads_for((double)m * n * k));
  }
}

/* out = act(x·Wᵀ + bias): the GEMM writes out, then (unless the kernel did) one pass adds the bias and applies the activation. */
void nb_linear(const float* x, const float* w, const float* bias, float* out, int rows, int inF, int outF, int act) {
  /* nabla's kernel adds the bias and applies ReLU as it stores each tile: no second pass over out */
  if ((act == A_NONE || act == A_RELU) && own_gemm(x, w, out, rows, outF, inF, 0, 1, 0, bias, act == A_RELU)) return;
  nb_gemm(x, w, out, 1, rows, outF, inF, 2, 0, 0);
  nb_bias_activate(act, out, bias, rows, outF);
}

/*
 * OpenBLAS stays single-threaded (see open_blas): the pool splits products itself (see gemm_part).
 */
void nb_set_threads(int n) { nb_pool_set_threads(n); }

const char* nb_blas_info(void) { return corename ? corename() : "unknown"; }
