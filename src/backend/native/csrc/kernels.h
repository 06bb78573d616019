/*
 * nabla's native kernels (plain C over float arrays; GEMM is OpenBLAS's cblas_sgemm). Op codes match
 * src/backend/codes.ts. Loops are compiled for AVX-512, AVX2 and baseline x86-64 and picked at load
 * (target_clones), so a build is safe to copy between machines.
 */
#ifndef NABLA_NATIVE_KERNELS_H
#define NABLA_NATIVE_KERNELS_H

#if defined(__x86_64__) && defined(__linux__) && defined(__GNUC__) && !defined(__clang__)
#define MULTIVERSION __attribute__((target_clones("arch=x86-64-v4", "arch=x86-64-v3", "default")))
#else
#define MULTIVERSION
#endif

/* activation codes (src/backend/codes.ts ACTIVATION_CODES) */
enum { A_NONE, A_RELU, A_TANH, A_SIGMOID };

void nb_gemm(const float* a, const float* b, float* c, int batch, int m, int n, int k, int flags, long strideA, long strideB);
/* C[i0..i1, j0..j1] = op(A)·op(B) (+ C when acc) by plain loops, C being m×n (gemm.c) */
void nb_gemm_loops(const float* a, const float* b, float* c, int m, int n, int k, int ta, int tb, int acc, int i0, int i1, int j0,
                   int j1);
void nb_linear(const float* x, const float* w, const float* bias, float* out, int rows, int inF, int outF, int act);
void nb_unary(int op, const float* x, float* out, long n, float a, float b);
void nb_binary(int op, const float* a, const float* b, float* out, long n, long nb, int swap);
void nb_reduce(int op, const float* x, long outer, long size, long inner, float* out);
void nb_softmax_rows(const float* x, long rows, long n, float* out, int log);
void nb_activate(int act, float* y, long n);
void nb_bias_activate(int act, float* y, const float* bias, long rows, long cols);
void nb_activation_grad(int act, const float* g, const float* y, float* out, long n);
/* h: beta1, beta2, 1 − beta1, 1 − beta2, eps, stepSize, bc2Sqrt, l2, shrink, sign */
void nb_adam(float* p, const float* g, float* m, float* v, float* vmax, long n, const double* h);
void nb_set_threads(int n);

/* pool.c: part p of `parts` of a task; each part is claimed by whichever thread (caller or helper) gets to it first. */
typedef void (*task_fn)(void* ctx, int part, int parts);
void nb_pool_set_threads(int n);
int nb_pool_threads(void);
void nb_pool_run(task_fn fn, void* ctx, int parts);
const char* nb_blas_info(void);
/* sgemm.c: the packed AVX-512 GEMM; nb_sgemm returns 0 when it cannot run here (then OpenBLAS does). */
int nb_sgemm_available(void);
int nb_sgemm(const float* a, const float* b, float* c, int m, int n, int k, int ta, int tb, int acc, const float* bias, int relu,
             int threads);
/* memory.c: large blocks stay in malloc's heap for reuse (glibc), unless the user tuned malloc. */
void nb_keep_large_blocks(void);
/* Opens OpenBLAS (once per process); returns why it could not, or null. */
const char* nb_init(void);

#endif
